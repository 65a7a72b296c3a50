import Testing
@testable import TrailGridCore

/// `CoverageModel.FeedInputs` is what the dashboard compares to skip
/// recomputing a cell's report: an event that leaves a cell's inputs equal
/// (and changes no coverage) must leave its report equal at every time.
@Suite struct FeedInputsTests {
    let a = "111111111111"
    let stranger = "999999999999"
    let window: Int64 = 15 * 60_000

    /// `a` logs everywhere; us-east-1 forwards every call, eu-west-1 only
    /// security groups, ap-south-1 has no rule. `stranger` is known from events only.
    func model() throws -> CoverageModel {
        let fixture = InventoryFixture()
        let multi = InventoryFixture.Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.rules(a, "us-east-1", [InventoryFixture.Rule(name: "all", pattern: TestWatches.everything,
                                                             state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        fixture.rules(a, "eu-west-1", [InventoryFixture.Rule(name: "sg", pattern: #"{"source":["aws.ec2"],"detail":{"eventName":["AuthorizeSecurityGroupIngress","RevokeSecurityGroupIngress"]}}"#)])
        fixture.rules(a, "ap-south-1", [])
        return try fixture.model()
    }

    @Test func equalInputsMeanAnEqualReport() throws {
        var model = try model()
        var random = SeededGenerator(seed: 8)
        let cells = [a, stranger].flatMap { account in
            ["us-east-1", "eu-west-1", "ap-south-1", "af-south-1"].map { CellKey(account: account, region: $0) }
        }
        // (event name, source, watches it matches)
        let calls: [(String, String, [Int])] = [
            ("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", [0]), ("CreateUser", "iam.amazonaws.com", [1]),
            ("DescribeInstances", "ec2.amazonaws.com", [2]), ("RunInstances", "ec2.amazonaws.com", []),
        ]
        let t0 = TestEvents.t0
        let times = [t0, t0 + window / 2, t0 + window + 1, t0 + 3 * window]
        var unchanged = 0
        var moved = 0
        for step in 0..<400 {
            let cell = cells[Int.random(in: 0..<cells.count, using: &random)]
            let call = calls[Int.random(in: 0..<calls.count, using: &random)]
            let channel: Channel = Bool.random(using: &random) ? .trail : .realtime
            let time = t0 + Int64.random(in: -window...window, using: &random)
            let event = TestEvents.event(call.0, source: call.1, account: cell.account, region: cell.region, at: time,
                                         channel: channel, id: "e-\(step)")
            let inputs = model.feedInputs(of: cell)
            let reports = times.map { model.report(account: cell.account, region: cell.region, now: $0) }
            let changes = model.apply(event, watchMatches: call.2)
            #expect(changes.isEmpty, "these calls change no coverage")
            guard model.feedInputs(of: cell) == inputs else {
                moved += 1
                continue
            }
            unchanged += 1
            let after = times.map { model.report(account: cell.account, region: cell.region, now: $0) }
            #expect(after == reports, "step \(step): \(channel) \(call.0) in \(cell) changed the report but not its inputs")
        }
        // Both sides were exercised: most events move nothing, some move the inputs.
        #expect(unchanged > 200 && moved > 20, "unchanged \(unchanged), moved \(moved)")
    }

    @Test func inputsMoveWithWhatTheReportReads() throws {
        var model = try model()
        let cell = CellKey(account: a, region: "eu-west-1")
        let t0 = TestEvents.t0
        let none = model.feedInputs(of: cell)
        model.apply(TestEvents.event("RunInstances", source: "ec2.amazonaws.com", account: a, region: "eu-west-1", at: t0), watchMatches: [])
        let seen = model.feedInputs(of: cell)
        #expect(seen != none, "the first event from a cell enables its region")
        model.apply(TestEvents.event("RunInstances", source: "ec2.amazonaws.com", account: a, region: "eu-west-1", at: t0 + 1), watchMatches: [])
        #expect(model.feedInputs(of: cell) == seen, "another trail event matching nothing changes nothing the report reads")
        model.apply(TestEvents.event("DescribeInstances", source: "ec2.amazonaws.com", account: a, region: "eu-west-1", at: t0 + 2,
                                     channel: .trail), watchMatches: [2])
        let unanswered = model.feedInputs(of: cell)
        #expect(unanswered != seen, "a watch-matching trail event is unanswered until its realtime copy")
        model.apply(TestEvents.event("DescribeInstances", source: "ec2.amazonaws.com", account: a, region: "eu-west-1", at: t0 + 2,
                                     channel: .realtime), watchMatches: [2])
        let forwarded = model.feedInputs(of: cell)
        #expect(forwarded != unanswered, "a realtime event proves the watch forwarded and answers the trail event")
        #expect(model.report(account: a, region: "eu-west-1", now: t0).rules["recon"] == .forwarding)
    }

    @Test func aFirstRealtimeEventMovesTheInputsOfACellWithoutInventory() throws {
        var model = try model()
        let cell = CellKey(account: stranger, region: "us-east-1")
        let t0 = TestEvents.t0
        model.apply(TestEvents.event("RunInstances", source: "ec2.amazonaws.com", account: stranger, at: t0, channel: .trail), watchMatches: [])
        let before = (model.feedInputs(of: cell), model.report(account: stranger, region: "us-east-1", now: t0))
        // A realtime event matching no watch: it proves a logging trail, nothing else.
        model.apply(TestEvents.event("RunInstances", source: "ec2.amazonaws.com", account: stranger, at: t0 + 1, channel: .realtime),
                    watchMatches: [])
        let after = (model.feedInputs(of: cell), model.report(account: stranger, region: "us-east-1", now: t0))
        #expect(after.1.trail != before.1.trail)
        #expect(after.0 != before.0)
    }
}
