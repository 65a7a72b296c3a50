import Foundation
import Testing
import TrailGridCore
@testable import TrailGridUI

/// A call that weakens coverage opens an incident: counted in the header,
/// marked in the grid, listed by `I`, acknowledged by `A`, and handed to
/// the state store with the batch.
@Suite struct IncidentTests {
    /// A logging, non-organization trail of the demo organization whose
    /// stopping leaves some cell worse.
    func loggingTrail(_ state: DashboardState) throws -> TrailInfo {
        try #require(state.coverage.inventory.trails.values.sorted { $0.arn < $1.arn }.first { trail in
            guard trail.isLogging == true else { return false }
            var model = state.coverage
            _ = model.apply(trailCall("StopLogging", trail: trail, state).event)
            return IncidentDetector.verdicts(model, now: state.now) != IncidentDetector.verdicts(state.coverage, now: state.now)
        })
    }

    func trailCall(_ name: String, trail: TrailInfo, _ state: DashboardState, errorCode: String? = nil) -> IngestedEvent {
        let factory = DemoEventFactory()
        var random = SeededGenerator(seed: 7)
        let account = DashboardFixture.organization.accounts.first { $0.id == trail.ownerAccount }!
        var call = factory.call(name, service: "cloudtrail", account: account, region: trail.homeRegion,
                                principal: "arn:aws:sts::\(account.id):assumed-role/Admin/mallory", userAgent: "aws-cli/2.17.0",
                                sourceIP: "198.51.100.66", requestParameters: #"{"name":"\#(trail.arn)"}"#, using: &random)
        call.eventID = "incident-\(name)-\(errorCode ?? "ok")"
        var record = factory.record(call, at: DashboardFixture.now)
        if let errorCode { record = record.replacingOccurrences(of: #""eventID""#, with: #""errorCode":"\#(errorCode)","eventID""#) }
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(record.utf8)).first else { fatalError("did not decode") }
        return IngestedEvent(event: decoded.event, watchMatches: DashboardFixture.matcher.matches(decoded))
    }

    @Test func stopLoggingOpensAnIncidentThatIsListedMarkedAndAcknowledged() throws {
        var state = DashboardFixture.state()
        state.remembers = true
        state.operatorName = "oncall"
        let trail = try loggingTrail(state)
        let effects = DashboardReducer.reduce(&state, .ingested([trailCall("StopLogging", trail: trail, state)], IngestCounters()))
        let incident = try #require(state.incidents.first)
        #expect(state.incidents.count == 1)
        #expect(incident.eventName == "StopLogging")
        #expect(incident.principal.hasSuffix("assumed-role/Admin/mallory"))
        #expect(incident.sourceIPAddress == "198.51.100.66")
        #expect(!incident.cells.isEmpty)
        for cell in incident.cells {
            #expect(incident.after[cell] == .stopped)
            #expect(state.verdict(cell) == .stopped)
            #expect(IncidentDetector.isWorse(incident.after[cell]!, than: incident.before[cell]!))
        }
        // The batch's delta carries the fact, the row and the incident.
        guard case .persist(let delta)? = effects.first else { Issue.record("no delta: \(effects)"); return }
        #expect(delta.facts.map(\.event.eventID) == [incident.id])
        #expect(delta.incidents == [incident])
        #expect(delta.feedRows.map(\.event.eventID) == [incident.id])
        #expect(delta.feedRows.first?.changedCoverage == true)

        #expect(state.openIncidentCount == 1)
        #expect(DashboardFixture.screen(state).contains("1 open incident (I)"))
        #expect(state.incidentCells == Set(incident.cells))

        _ = DashboardFixture.press([.char("I")], &state)
        let list = DashboardFixture.screen(state)
        #expect(list.contains("incidents: 1 open of 1"))
        #expect(list.contains("OPEN") && list.contains("StopLogging"))
        _ = DashboardFixture.press([.enter], &state)
        #expect(state.overlay == .incident(incident.id))
        #expect(DashboardFixture.screen(state).contains("Cells left worse"))
        let acknowledged = DashboardFixture.press([.char("A")], &state)
        let stored = try #require(state.incidents.first)
        #expect(stored.acknowledgedBy == "oncall")
        #expect(stored.acknowledgedAt == state.now)
        #expect(acknowledged.count == 1)
        if case .persist(let ack)? = acknowledged.first { #expect(ack.incidents == [stored] && ack.checkpoint == nil) }
        #expect(state.openIncidentCount == 0)
        #expect(state.incidentCells.isEmpty)
        _ = DashboardFixture.press([.escape, .escape], &state)
        #expect(state.overlay == nil)
    }

    @Test func aFailedCallOrASecondCopyOpensNoMore() throws {
        var state = DashboardFixture.state()
        let trail = try loggingTrail(state)
        _ = DashboardReducer.reduce(&state, .ingested([trailCall("StopLogging", trail: trail, state, errorCode: "AccessDenied")], IngestCounters()))
        #expect(state.incidents.isEmpty)
        let call = trailCall("StopLogging", trail: trail, state)
        _ = DashboardReducer.reduce(&state, .ingested([call, call], IngestCounters()))
        #expect(state.incidents.count == 1)
        // Without a store, batches hand nothing over.
        #expect(DashboardReducer.reduce(&state, .ingested([DashboardFixture.event("CreateRoute")], IngestCounters())).isEmpty)
    }

    @Test func aRestoredDashboardShowsWhatTheFirstOneDid() throws {
        var first = DashboardFixture.state()
        first.remembers = true
        let trail = try loggingTrail(first)
        var deltas: [StateDelta] = []
        let batches: [[IngestedEvent]] = [
            (0..<30).map { DashboardFixture.event("CreateRoute", region: $0 % 3 == 0 ? "eu-west-1" : "us-east-1", id: "r-\($0)") },
            [trailCall("StopLogging", trail: trail, first)],
            [DashboardFixture.event("CreateRoute", region: "eu-west-1", channel: .trail, id: "r-0"),
             DashboardFixture.event("AuthorizeSecurityGroupIngress", account: "staging", region: "ap-south-1", id: "sg-1")],
        ]
        for batch in batches {
            for case .persist(let delta) in DashboardReducer.reduce(&first, .ingested(batch, IngestCounters())) { deltas.append(delta) }
        }
        // What a store would hand back: every fact and sighting, the last evidence and row of each.
        var evidence: [CellKey: StoredEvidence] = [:]
        var rows: [Int: StoredFeedRow] = [:]
        for delta in deltas {
            evidence.merge(delta.evidence) { $1 }
            for row in delta.feedRows { rows[row.sequence] = row }
        }
        var coverage = DashboardFixture.coverage
        coverage.restore(facts: deltas.flatMap(\.facts), sightings: deltas.flatMap(\.cellsSeen), evidence: evidence)
        var second = DashboardState(coverage: coverage, watches: BuiltInWatches.all, organization: "demo", now: first.now,
                                    size: first.size)
        second.restore(feed: rows.keys.sorted().map { rows[$0]! }, incidents: deltas.flatMap(\.incidents), counters: nil,
                       arrivals: deltas.last?.arrivals ?? 0)
        #expect(second.reports.mapValues(\.verdict) == first.reports.mapValues(\.verdict))
        #expect(second.allAccounts == first.allAccounts)
        #expect(second.feed.map(\.id) == first.feed.map(\.id))
        #expect(second.feed.map(\.channels) == first.feed.map(\.channels))
        #expect(second.incidents == first.incidents)
        #expect(second.arrivals == first.arrivals)
        #expect(second.coverage.timeline(account: trail.ownerAccount, region: trail.homeRegion)
            == first.coverage.timeline(account: trail.ownerAccount, region: trail.homeRegion))
        #expect(DashboardFixture.screen(second) == DashboardFixture.screen(first))
    }
}
