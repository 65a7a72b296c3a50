import Foundation
import Testing
@testable import TrailGridCore

/// A file the collect could not write is unknown like any missing one, and
/// check says which call failed: `collect-errors.txt` read beside it.
@Suite struct CollectFailureTests {
    @Test func aFailedListRulesIsNamedInTheCellAndTheGaps() throws {
        let account = "111111111111"
        let (fixture, _) = InventoryFixture.soloLogging(account)
        fixture.write("collect-errors.txt", """
            \(account)/eu-west-1/rules.json: events ListRules: ThrottlingException (HTTP 400): Rate exceeded
            \(account)/eu-west-2/rules.json: events ListRules: ThrottlingException (HTTP 400): Rate exceeded

            """)
        let model = try fixture.model([TestWatches.securityGroups])
        let cell = model.report(account: account, region: "eu-west-1", now: TestEvents.t0)
        #expect(cell.verdict == .unknown)
        #expect(cell.reason.contains("rules unknown (rules.json not collected: events ListRules: ThrottlingException (HTTP 400))"), "\(cell.reason)")
        // Where nothing was recorded, the file is just missing.
        #expect(model.report(account: account, region: "us-west-2", now: TestEvents.t0).reason.contains("rules unknown (no rules.json)"))
        let gaps = InventoryGaps(model.inventory, cells: [CellKey(account: account, region: "eu-west-1"), CellKey(account: account, region: "us-west-2")])
        #expect(gaps.isIncomplete)
        #expect(gaps.lines.contains("not collected: 2 files (\(account)/eu-west-1/rules.json, …): events ListRules: ThrottlingException (HTTP 400) (collect-errors.txt has each call's whole error)"), "\(gaps.lines)")
        #expect(gaps.missing.allSatisfy { !($0.file == "rules.json" && $0.regions.contains("eu-west-1")) }, "said once, as not collected")
    }
}
