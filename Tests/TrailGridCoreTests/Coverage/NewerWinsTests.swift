import Foundation
import Testing
@testable import TrailGridCore

/// DESIGN §2, *Newer wins*: an event changes the model only if it is newer
/// than what the model holds, and events take effect in event-time order
/// whatever order they arrive in.
@Suite struct NewerWinsTests {
    let a = "111111111111"
    let b = "222222222222"
    let t0 = TestEvents.t0
    let now = TestEvents.t0 + 86_400_000
    let multi = InventoryFixture.Trail(name: "main", owner: "111111111111", home: "us-east-1", multiRegion: true)
    let forward = InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")

    /// A: a multi-region trail logging (its trail list read in us-east-1 and
    /// eu-west-1, so that no unseen trail can log there), forwarding rules in
    /// us-east-1 and eu-west-1, eu-central-1's rule list read and empty; B: no trail.
    func organization(_ fixture: InventoryFixture) {
        fixture.accounts([(a, "management"), (b, "member")])
        fixture.regions(a)
        fixture.trails(a, "us-east-1", [multi])
        fixture.trails(a, "eu-west-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.rules(a, "us-east-1", [forward])
        fixture.rules(a, "eu-west-1", [forward])
        fixture.rules(a, "eu-central-1", [])
        fixture.trails(b, "us-east-1", [])
    }

    func model(capturedAt: Int64? = InventoryFixture.capturedAt) throws -> CoverageModel {
        let fixture = InventoryFixture(capturedAt: capturedAt)
        organization(fixture)
        return try fixture.model()
    }

    func ct(_ name: String, _ parameters: String = #"{"name":"main"}"#, at time: Int64, channel: Channel = .trail,
            id: String = UUID().uuidString) -> CloudTrailEvent {
        TestEvents.event(name, source: "cloudtrail.amazonaws.com", account: a, at: time, parameters: parameters, channel: channel, id: id)
    }

    func ev(_ name: String, _ parameters: String, region: String = "eu-central-1", at time: Int64) -> CloudTrailEvent {
        TestEvents.event(name, source: "events.amazonaws.com", account: a, region: region, at: time, parameters: parameters)
    }

    func region(_ name: String, _ region: String, at time: Int64) -> CloudTrailEvent {
        TestEvents.event(name, source: "account.amazonaws.com", account: a, at: time, parameters: #"{"RegionName":"\#(region)"}"#)
    }

    func verdicts(_ model: CoverageModel) -> [CoverageRow] {
        model.cells.map { CoverageRow(cell: $0, report: model.report(account: $0.account, region: $0.region, now: now)) }
    }

    struct CoverageRow: Equatable {
        var cell: CellKey
        var report: CellReport
    }

    // MARK: - Older than the inventory

    @Test func anEventOlderThanTheManifestIsSupersededAndMarked() throws {
        var model = try model(capturedAt: t0 + 3_600_000)
        let changes = model.apply(ct("StopLogging", at: t0))
        let change = try #require(changes.first)
        #expect(!change.applied)
        #expect(change.entry.summary == "trail main (multi-region, home us-east-1) stopped logging (older than the inventory captured 2026-11-18T12:06:40Z: not applied)")
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        // Still on the timeline, where the feed and time travel find it.
        #expect(model.timeline(account: a, region: "us-east-1").map(\.summary) == [change.entry.summary])
        // The same call after the capture applies.
        #expect(model.apply(ct("StopLogging", at: t0 + 3_600_001)).first?.applied == true)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .stopped)
    }

    @Test func anEventAtTheCaptureTimeIsAlreadyInTheInventory() throws {
        var model = try model(capturedAt: t0)
        #expect(model.apply(ev("DeleteRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: t0)).first?.applied == false)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }

    @Test func anEventOlderThanItsFileWithoutAManifestIsSuperseded() throws {
        let fixture = InventoryFixture(capturedAt: nil)
        organization(fixture)
        let copied = Date(timeIntervalSince1970: Double(t0 + 600_000) / 1000)
        for path in regularFiles(under: fixture.root.path) {
            try FileManager.default.setAttributes([.modificationDate: copied], ofItemAtPath: path)
        }
        var model = try fixture.model()
        let rule = try #require(model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: t0)).first)
        #expect(!rule.applied)
        #expect(rule.entry.summary.hasSuffix("(older than the inventory captured 2026-11-18T11:16:40Z: not applied)"))
        #expect(model.apply(ct("StopLogging", at: t0 + 599_000)).first?.applied == false)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        #expect(model.apply(ct("StopLogging", at: t0 + 601_000)).first?.applied == true)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .stopped)
    }

    @Test func aStatusStartedAfterAStopLoggingWins() throws {
        let fixture = InventoryFixture()
        organization(fixture)
        // Collected an hour before the events, but the trail was started again after the StopLogging.
        fixture.write("\(a)/us-east-1/trail-status/main.json",
                      #"{"IsLogging":true,"StartLoggingTime":\#(Double(t0 + 300_000) / 1000),"LatestDeliveryTime":\#(Double(t0 + 900_000) / 1000)}"#)
        var model = try fixture.model()
        let stop = try #require(model.apply(ct("StopLogging", at: t0)).first)
        #expect(!stop.applied)
        #expect(stop.entry.summary.contains("older than the inventory captured 2026-11-18T11:11:40Z"))
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .ok)
        // The trail's other resources keep the manifest's time: a rule call of t0 applies.
        #expect(model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: t0)).first?.applied == true)
    }

    // MARK: - Arrival order

    /// Calls in event-time order, each on its own resource kind's terms.
    var scenarios: [(String, [CloudTrailEvent])] {
        [
            ("a new rule and its target", [
                ev("PutRule", #"{"name":"new","eventPattern":"{\"detail-type\":[\"AWS API Call via CloudTrail\"]}","state":"ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}"#, at: t0),
                ev("PutTargets", #"{"rule":"new","targets":[{"id":"k","arn":"arn:aws:kinesis:eu-central-1:111111111111:stream/s","roleArn":"arn:aws:iam::111111111111:role/events-to-kinesis"}]}"#, at: t0 + 1_000),
            ]),
            ("stop then start", [ct("StopLogging", at: t0), ct("StartLogging", at: t0 + 1_000)]),
            ("start then stop", [ct("StartLogging", at: t0), ct("StopLogging", at: t0 + 1_000)]),
            ("delete then put", [
                ev("DeleteRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: t0),
                ev("PutRule", #"{"name":"fwd","eventPattern":"{\"source\":[\"aws.ec2\"]}"}"#, region: "eu-west-1", at: t0 + 1_000),
            ]),
            ("put then delete", [
                ev("PutRule", #"{"name":"fwd","eventPattern":"{\"source\":[\"aws.ec2\"]}"}"#, region: "eu-west-1", at: t0),
                ev("DeleteRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: t0 + 1_000),
            ]),
            ("enable then disable", [
                ev("EnableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0),
                ev("DisableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0 + 1_000),
            ]),
            ("disable then enable", [
                ev("DisableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0),
                ev("EnableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0 + 1_000),
            ]),
            ("targets removed then put", [
                ev("RemoveTargets", #"{"rule":"fwd","ids":["kinesis1"]}"#, region: "eu-west-1", at: t0),
                ev("PutTargets", #"{"rule":"fwd","targets":[{"id":"k2","arn":"arn:aws:kinesis:eu-west-1:111111111111:stream/s","roleArn":"arn:aws:iam::111111111111:role/events-to-kinesis"}]}"#, region: "eu-west-1", at: t0 + 1_000),
            ]),
            ("region disabled then enabled", [region("DisableRegion", "eu-west-1", at: t0), region("EnableRegion", "eu-west-1", at: t0 + 1_000)]),
            ("region enabled then disabled", [region("EnableRegion", "eu-west-1", at: t0), region("DisableRegion", "eu-west-1", at: t0 + 1_000)]),
            ("trail deleted then created and started", [
                ct("DeleteTrail", at: t0),
                ct("CreateTrail", #"{"name":"main","isMultiRegionTrail":false}"#, at: t0 + 1_000),
                ct("StartLogging", at: t0 + 2_000),
            ]),
            ("account left then selectors narrowed", [
                TestEvents.event("RemoveAccountFromOrganization", source: "organizations.amazonaws.com", account: a, at: t0,
                                 parameters: #"{"accountId":"222222222222"}"#),
                ct("PutEventSelectors", #"{"trailName":"main","eventSelectors":[{"readWriteType":"WriteOnly","includeManagementEvents":true}]}"#, at: t0 + 1_000),
            ]),
        ]
    }

    @Test func reverseArrivalEndsAsInOrderArrival() throws {
        for (name, events) in scenarios {
            var inOrder = try model()
            for event in events { inOrder.apply(event) }
            var reversed = try model()
            for event in events.reversed() { reversed.apply(event) }
            #expect(reversed.inventory == inOrder.inventory, "\(name)")
            #expect(verdicts(reversed) == verdicts(inOrder), "\(name)")
        }
    }

    @Test func aTargetPutBeforeItsRuleArrivesStillForwards() throws {
        let events = scenarios[0].1
        var model = try model()
        #expect(model.report(account: a, region: "eu-central-1", now: now).rules["security-group-changes"] == RuleCoverage.none)
        let targets = try #require(model.apply(events[1]).first)
        // Nothing to put a target on yet.
        #expect(!targets.applied)
        let rule = try #require(model.apply(events[0]).first)
        #expect(rule.applied)
        #expect(rule.entry.summary == "rule 'new' put (ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS) (older than the last change: applied in event-time order)")
        #expect(model.inventory.rules[CellKey(account: a, region: "eu-central-1")]?["new"]?.targets?.map(\.id) == ["k"])
        #expect(model.report(account: a, region: "eu-central-1", now: now).rules["security-group-changes"] == .forwarding)
        #expect(model.verdict(account: a, region: "eu-central-1", now: now) == .ok)
    }

    @Test func everyArrivalOrderOfAMixedBurstEndsTheSame() throws {
        let events = scenarios.flatMap(\.1).enumerated().map { index, event in
            // Spread the scenarios over time so each keeps its own order.
            TestEvents.event(event.eventName, source: event.eventSource, account: event.account, region: event.awsRegion,
                             at: (event.timestamp ?? t0) + Int64(index) * 10_000,
                             parameters: Self.parameters(of: event), id: event.eventID)
        }
        var inOrder = try model()
        for event in events { inOrder.apply(event) }
        var random = SeededGenerator(seed: 14)
        for _ in 0..<8 {
            var shuffled = try model()
            for event in events.shuffled(using: &random) { shuffled.apply(event) }
            #expect(shuffled.inventory == inOrder.inventory)
            #expect(verdicts(shuffled) == verdicts(inOrder))
        }
    }

    static func parameters(of event: CloudTrailEvent) -> String {
        guard let record = try? JSONParser.parse(event.raw), let parameters = record["requestParameters"] else { return "{}" }
        return JSONWriter.serialize(parameters)
    }

    @Test func anOlderCallOverriddenByANewerOneIsMarkedNotApplied() throws {
        var model = try model()
        model.apply(ct("StopLogging", at: t0 + 10_000))
        let late = try #require(model.apply(ct("StartLogging", at: t0)).first)
        #expect(!late.applied)
        #expect(late.entry.summary.hasSuffix("started logging (older than the last change: not applied)"))
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .stopped)
    }

    @Test func aLateTrailChannelCopyChangesNothing() throws {
        var model = try model()
        let id = "3b7a9f0e-copy"
        #expect(model.apply(ct("StopLogging", at: t0, channel: .realtime, id: id)).first?.applied == true)
        #expect(model.apply(ct("StartLogging", at: t0 + 60_000, channel: .realtime)).first?.applied == true)
        // Ten minutes later the log file with the StopLogging is delivered.
        // A copy is no change and no second timeline entry.
        #expect(model.apply(ct("StopLogging", at: t0, channel: .trail, id: id)).isEmpty)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        // A late copy of the newest call is no different.
        let start = ct("StartLogging", at: t0 + 120_000, channel: .realtime)
        model.apply(start)
        #expect(model.apply(ct("StartLogging", at: t0 + 120_000, channel: .trail, id: start.eventID)).isEmpty)
    }

    @Test func aLongHistoryKeepsItsNewestCallsInOrder() throws {
        var model = try model()
        let rule = CellKey(account: a, region: "us-east-1")
        for index in 0..<200 {
            model.apply(ev(index.isMultiple(of: 2) ? "DisableRule" : "EnableRule", #"{"name":"fwd"}"#, region: "us-east-1",
                           at: t0 + Int64(index) * 1_000))
        }
        #expect(model.inventory.rules[rule]?["fwd"]?.state == .enabled)
        #expect(model.histories[.rule(rule, name: "fwd")]?.calls.count ?? 0 <= ResourceHistory.limit)
        // Older than every call kept: superseded, with the reason.
        let ancient = try #require(model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0 + 500)).first)
        #expect(!ancient.applied)
        #expect(ancient.entry.summary.hasSuffix("(older than the last change: not applied)"))
        // Among the kept calls, but a newer EnableRule follows it: no effect either.
        #expect(model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0 + 198_500)).first?.applied == false)
        // After the newest: applies.
        #expect(model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "us-east-1", at: t0 + 199_500)).first?.applied == true)
        #expect(model.inventory.rules[rule]?["fwd"]?.state == .disabled)
    }
}
