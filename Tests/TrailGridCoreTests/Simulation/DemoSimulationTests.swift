import Foundation
import Testing
@testable import TrailGridCore

@Suite struct DemoSimulationTests {
    @Test func theSameSeedGivesTheSameOrganization() {
        let first = DemoOrganization(seed: 1)
        let again = DemoOrganization(seed: 1)
        let other = DemoOrganization(seed: 2)
        #expect(first.accounts.map(\.id) == again.accounts.map(\.id))
        #expect(first.accounts.map(\.optedIn) == again.accounts.map(\.optedIn))
        #expect(first.accounts.map(\.id) != other.accounts.map(\.id))
        #expect(first.accounts.count == 12)
        #expect(first.regions.count == 34)
    }

    @Test func writesTheInventoryLayoutInTheCLIsShapes() throws {
        let organization = DemoOrganization(seed: 1)
        let directory = FeedFixtures.temporaryDirectory().appendingPathComponent("inventory")
        try DemoInventoryWriter.write(organization, to: directory.path)
        let accounts = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("accounts.json"))) as? [String: Any]
        #expect((accounts?["Accounts"] as? [Any])?.count == 12)
        let management = organization.accounts[0].id
        let trails = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("\(management)/eu-west-1/trails.json"))) as? [String: Any]
        let trail = try #require((trails?["trailList"] as? [[String: Any]])?.first)
        #expect(trail["IsMultiRegionTrail"] as? Bool == true)
        #expect(trail["HomeRegion"] as? String == "us-east-1")
        let rules = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("\(management)/eu-west-1/rules.json"))) as? [String: Any]
        let rule = try #require((rules?["Rules"] as? [[String: Any]])?.first)
        // EventPattern is a JSON string, as list-rules prints it.
        let pattern = try EventPattern(json: try #require(rule["EventPattern"] as? String))
        #expect(pattern.text.contains("AWS API Call via CloudTrail"))
    }

    @Test func theFeedIsReadByTheRealIngester() async throws {
        let organization = DemoOrganization(seed: 1)
        let directory = FeedFixtures.temporaryDirectory().appendingPathComponent("feed")
        let writer = try DemoFeedWriter(organization: organization, directory: directory.path, seed: 1, linesPerFile: 200)
        await writer.burst(2_000, now: 1_764_000_000_000)
        let run = try IngestRun(paths: [directory.path], follow: false)
        await run.stop()
        let events = run.events
        // The simulator damages one record in 500: each is counted as rejected.
        #expect(run.counters.rejected > 0)
        #expect(run.counters.rejectedByKind.keys.allSatisfy { $0 == .badBase64 || $0 == .badJSON })
        #expect(run.counters.read == run.counters.accepted + run.counters.duplicate + run.counters.rejected)
        let realtime = events.filter { $0.channel == .realtime }
        let trail = events.filter { $0.channel == .trail }
        #expect(trail.count == (await writer.callsWritten))
        #expect(!realtime.isEmpty && realtime.count < trail.count)
        // An account without a trail of its own is logged only where the
        // organization trail is (us-east-1); realtime only where forwarded.
        let sandbox = try #require(organization.accounts.first { $0.name == "dev-sandbox" })
        #expect(events.filter { $0.account == sandbox.id }.allSatisfy { $0.awsRegion == "us-east-1" })
        for event in realtime {
            let account = try #require(organization.accounts.first { $0.id == event.account })
            #expect(organization.isForwarded(event.awsRegion, in: account, eventName: event.eventName, readOnly: event.readOnly ?? false))
        }
        // The hostile user agent arrives intact in the data (the UI must neutralise it).
        #expect(events.contains { $0.userAgent?.contains("\u{1B}]0;owned") == true })
    }
}

@Suite struct DemoCoverageTests {
    @Test func theDemoOrganizationShowsEveryKindOfVerdict() throws {
        let organization = DemoOrganization(seed: 1)
        let directory = FeedFixtures.temporaryDirectory().appendingPathComponent("inventory")
        try DemoInventoryWriter.write(organization, to: directory.path)
        let inventory = try InventoryReader.read(directory: directory.path)
        #expect(inventory.issues.isEmpty, "\(inventory.issues)")
        let model = CoverageModel(inventory: inventory, watches: BuiltInWatches.all)
        let reports = model.reports(now: 1_764_000_000_000)
        #expect(reports.count == 12 * 34)
        var counts: [Verdict: Int] = [:]
        for report in reports { counts[report.verdict, default: 0] += 1 }
        for verdict in [Verdict.ok, .blind, .dark, .stopped, .off] {
            #expect((counts[verdict] ?? 0) > 0, "no \(verdict) cell: \(counts)")
        }
        func verdict(_ name: String, _ region: String) throws -> Verdict {
            let account = try #require(organization.accounts.first { $0.name == name })
            return model.verdict(account: account.id, region: region, now: 1_764_000_000_000)
        }
        #expect(try verdict("prod-payments", "eu-west-1") == .ok)
        #expect(try verdict("log-archive", "eu-west-2") == .blind)
        #expect(try verdict("legacy-crm", "eu-west-1") == .dark)
        #expect(try verdict("dev-sandbox", "eu-west-1") == .dark)
        // The organization trail (us-east-1 only) covers every member there.
        #expect(try verdict("dev-sandbox", "us-east-1") == .ok)
        #expect(try verdict("ml-research", "eu-west-1") == .stopped)
        #expect(try verdict("ml-research", "us-east-1") != .stopped)
        #expect(try verdict("staging", "eu-west-1") == .blind)
        // The central bus breaks two chains a newcomer can find: no rule in one region, one member not admitted.
        func report(_ name: String, _ region: String) throws -> CellReport {
            let account = try #require(organization.accounts.first { $0.name == name })
            return model.report(account: account.id, region: region, now: 1_764_000_000_000)
        }
        let north = try report("prod-payments", DemoOrganization.busWithoutRule)
        #expect(north.verdict == .blind)
        #expect(north.rules["security-group-changes"] == .busNoRule)
        #expect(north.reason.contains("security-central (\(organization.securityAccount), eu-north-1) has no enabled rule forwarding"), "\(north.reason)")
        let refused = try report(DemoOrganization.refusedMember, "eu-west-1")
        #expect(refused.verdict == .blind)
        #expect(refused.rules["security-group-changes"] == .busRejects)
        #expect(try report("prod-payments", "eu-west-1").chains["security-group-changes"]?.hops.map(\.state) == [.holds, .holds, .holds, .holds])
        // The demo inventory knows every enabled cell: none is UNKNOWN.
        #expect(counts[.unknown] == nil, "\(reports.filter { $0.verdict == .unknown }.prefix(3).map(\.reason))")
    }
}
