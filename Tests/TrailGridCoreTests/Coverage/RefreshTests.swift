import Foundation
import Testing
@testable import TrailGridCore

/// `watch --refresh`: a newer inventory taken into a running model, newer
/// wins against the calls already applied, each change on the timeline.
@Suite struct RefreshTests {
    let a = "111111111111"
    let t0 = TestEvents.t0
    let now = TestEvents.t0 + 86_400_000
    let multi = InventoryFixture.Trail(name: "main", owner: "111111111111", home: "us-east-1", multiRegion: true)

    func rule(_ state: String, targets: [String]? = ["kinesis1"]) -> InventoryFixture.Rule {
        InventoryFixture.Rule(name: "fwd-all", pattern: TestWatches.everything, state: state, targets: targets)
    }

    /// A's multi-region trail, logging or not, and `fwd-all` in eu-west-1 in `state`, captured at `capturedAt`.
    func inventory(_ state: String, logging: Bool = true, capturedAt: Int64) throws -> Inventory {
        let fixture = InventoryFixture(capturedAt: capturedAt)
        fixture.accounts([(a, "management")])
        fixture.regions(a)
        fixture.trails(a, "us-east-1", [multi])
        fixture.trails(a, "eu-west-1", [multi])
        fixture.status(a, multi, logging: logging)
        fixture.rules(a, "eu-west-1", [rule(state)])
        return try InventoryReader.read(directory: fixture.root.path)
    }

    @Test func aNewerInventoryChangesTheCellAndSaysWhatChanged() throws {
        var model = CoverageModel(inventory: try inventory("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", capturedAt: t0), watches: TestWatches.all)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        let changes = model.applyRefresh(try inventory("DISABLED", capturedAt: t0 + 60_000))
        #expect(changes.map(\.entry.summary) == ["rule fwd-all in \(a)/eu-west-1 is now DISABLED"])
        #expect(changes.first?.cell == CellKey(account: a, region: "eu-west-1"))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .blind)
        #expect(model.timeline(account: a, region: "eu-west-1").map(\.summary) == ["rule fwd-all in \(a)/eu-west-1 is now DISABLED"])
        // Unchanged resources say nothing; the same inventory again changes nothing.
        #expect(model.applyRefresh(try inventory("DISABLED", capturedAt: t0 + 120_000)).isEmpty)
    }

    @Test func aTrailStoppedSinceIsReported() throws {
        var model = CoverageModel(inventory: try inventory("ENABLED", capturedAt: t0), watches: TestWatches.all)
        let changes = model.applyRefresh(try inventory("ENABLED", logging: false, capturedAt: t0 + 60_000))
        #expect(changes.map(\.entry.summary) == ["trail main in \(a)/us-east-1 is now stopped"])
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .stopped)
    }

    @Test func aCallNewerThanTheRefreshWinsAndAnOlderOneArrivingLateDoesNot() throws {
        var model = CoverageModel(inventory: try inventory("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", capturedAt: t0), watches: TestWatches.all)
        let disable = TestEvents.event("DisableRule", source: "events.amazonaws.com", account: a, region: "eu-west-1", at: t0 + 120_000,
                                       parameters: #"{"name":"fwd-all"}"#)
        #expect(model.apply(disable).first?.applied == true)
        // Captured before the DisableRule: the call stands.
        #expect(model.applyRefresh(try inventory("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", capturedAt: t0 + 60_000)).isEmpty)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .blind)
        // Captured after it, and enabled again since: the refresh wins, and a late older call is superseded.
        #expect(model.applyRefresh(try inventory("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", capturedAt: t0 + 180_000)).count == 1)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        let late = TestEvents.event("DisableRule", source: "events.amazonaws.com", account: a, region: "eu-west-1", at: t0 + 150_000,
                                    parameters: #"{"name":"fwd-all"}"#)
        #expect(model.apply(late).first?.applied == false)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }

    @Test func whatTheRefreshCouldNotReadStaysAsItWas() throws {
        var model = CoverageModel(inventory: try inventory("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", capturedAt: t0), watches: TestWatches.all)
        let fixture = InventoryFixture(capturedAt: t0 + 60_000)
        fixture.accounts([(a, "management")])
        // No trails.json and no rules.json: unknown, not gone.
        #expect(model.applyRefresh(try InventoryReader.read(directory: fixture.root.path)).isEmpty)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }
}
