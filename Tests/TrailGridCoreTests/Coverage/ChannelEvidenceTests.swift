import Testing
@testable import TrailGridCore

/// Trail-channel activity without realtime events within the heartbeat window.
@Suite struct ChannelEvidenceTests {
    let a = "111111111111"
    let window: Int64 = 15 * 60_000

    func sgEvent(_ channel: Channel, at time: Int64, region: String = "us-east-1") -> CloudTrailEvent {
        TestEvents.event("AuthorizeSecurityGroupIngress", source: "ec2.amazonaws.com", account: a, region: region, at: time, channel: channel)
    }

    func configured() throws -> CoverageModel {
        let fixture = InventoryFixture()
        let multi = InventoryFixture.Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.rules(a, "us-east-1", [InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        return try fixture.model()
    }

    @Test func configuredCellTurnsSilentOnlyAfterTheWindow() throws {
        var model = try configured()
        let t = TestEvents.t0
        model.apply(sgEvent(.trail, at: t), watchMatches: [0])
        #expect(model.verdict(account: a, region: "us-east-1", now: t + window - 1) == .ok)
        let silent = model.report(account: a, region: "us-east-1", now: t + window)
        #expect(silent.verdict == .silent)
        #expect(silent.reason.contains("no real-time event"))
        // The realtime copy arrives (late): the cell is OK again.
        model.apply(sgEvent(.realtime, at: t), watchMatches: [0])
        #expect(model.verdict(account: a, region: "us-east-1", now: t + window) == .ok)
    }

    @Test func trailActivityNotMatchingAnyWatchExpectsNothing() throws {
        var model = try configured()
        model.apply(sgEvent(.trail, at: TestEvents.t0), watchMatches: [])
        #expect(model.verdict(account: a, region: "us-east-1", now: TestEvents.t0 + 10 * window) == .ok)
    }

    @Test func withoutInventoryTrailOnlyActivityIsBlind() {
        var model = CoverageModel(watches: TestWatches.all)
        model.apply(sgEvent(.trail, at: TestEvents.t0), watchMatches: [0])
        #expect(model.accounts == [a])
        #expect(model.verdict(account: a, region: "us-east-1", now: TestEvents.t0 + 1) == .unknown)
        #expect(model.verdict(account: a, region: "us-east-1", now: TestEvents.t0 + window) == .blind)
    }

    @Test func realtimeEventsProveALoggingTrailAndAForwardingRule() {
        var model = CoverageModel(watches: [TestWatches.securityGroups])
        model.apply(sgEvent(.realtime, at: TestEvents.t0), watchMatches: [0])
        let report = model.report(account: a, region: "us-east-1", now: TestEvents.t0 + window)
        #expect(report.trail == .logging)
        #expect(report.rules["security-group-changes"] == .forwarding)
        #expect(report.verdict == .ok)
    }

    @Test func theHeartbeatWindowIsConfigurable() throws {
        var model = try configured()
        model.options.heartbeatWindow = 60_000
        model.apply(sgEvent(.trail, at: TestEvents.t0), watchMatches: [0])
        #expect(model.verdict(account: a, region: "us-east-1", now: TestEvents.t0 + 60_000) == .silent)
    }

    @Test func aLaterTrailEventAfterARealtimeOneStillNeedsItsOwn() throws {
        var model = try configured()
        let t = TestEvents.t0
        model.apply(sgEvent(.trail, at: t), watchMatches: [0])
        model.apply(sgEvent(.trail, at: t + 5 * 60_000), watchMatches: [0])
        model.apply(sgEvent(.realtime, at: t + 60_000), watchMatches: [0])
        #expect(model.verdict(account: a, region: "us-east-1", now: t + window) == .ok)
        #expect(model.verdict(account: a, region: "us-east-1", now: t + 5 * 60_000 + window) == .silent)
    }
}
