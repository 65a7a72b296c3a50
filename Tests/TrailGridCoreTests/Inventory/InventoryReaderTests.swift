import Foundation
import Testing
@testable import TrailGridCore

/// The reader on an inventory assembled from the aws CLI's real output
/// (samples/inventory-shapes), with two malformed files for the member.
@Suite struct InventoryReaderTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/inventory-org").path
    let now = TestEvents.t0

    @Test func readsEveryShapeAndReportsMalformedFilesByPath() throws {
        let inventory = try InventoryReader.read(directory: Self.directory)
        #expect(inventory.accountOrder == ["123456789012", "766834082812"])
        #expect(inventory.accounts["766834082812"]?.name == "dev")
        #expect(inventory.trails.count == 3, "shadow copies counted once: \(inventory.trails.keys.sorted())")
        let multi = try #require(inventory.trails["arn:aws:cloudtrail:us-east-1:123456789012:trail/org-multi"])
        #expect(multi.isLogging == true)
        #expect(multi.capture?.isComplete == false)
        #expect(inventory.trails["arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail"]?.isLogging == false)
        #expect(inventory.trails["arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail"]?.capture == .all)
        let rules = try #require(inventory.rules[CellKey(account: "123456789012", region: "us-east-1")])
        #expect(rules["ct-api-to-kinesis"]?.targets?.count == 4)
        #expect(rules["ct-disabled"]?.state == .disabled)
        #expect(rules["ct-disabled"]?.targets == nil)
        #expect(rules["cron-rule"]?.pattern == nil)
        #expect(inventory.regions["123456789012"]?["ap-east-1"]?.enabled == false)
        let paths = inventory.issues.map { URL(fileURLWithPath: $0.path).pathComponents.suffix(3).joined(separator: "/") }.sorted()
        #expect(paths == ["766834082812/us-east-1/rules.json", "766834082812/us-east-1/trails.json"])
    }

    @Test func verdictsOfTheSampleOrganization() throws {
        let model = CoverageModel(inventory: try InventoryReader.read(directory: Self.directory), watches: TestWatches.all)
        let east = model.report(account: "123456789012", region: "us-east-1", now: now)
        #expect(east.verdict == .blind)
        #expect(east.trail == .partial)
        #expect(east.rules["iam-changes"] == .forwarding)
        // ct-api-to-kinesis forwards AuthorizeSecurityGroupIngress only; the catch-all rule is disabled.
        #expect(east.rules["security-group-changes"] == .disabled)
        #expect(east.unrecorded == ["recon"])
        #expect(model.verdict(account: "123456789012", region: "eu-west-1", now: now) == .blind)
        #expect(model.verdict(account: "123456789012", region: "ap-east-1", now: now) == .off)
        // The member is covered by the stopped organization trail, but its own
        // trail list is unreadable (us-east-1) or was never collected
        // (eu-west-1): a regional trail of its own may log there, so not STOPPED.
        let memberEast = model.report(account: "766834082812", region: "us-east-1", now: now)
        #expect(memberEast.verdict == .unknown)
        #expect(memberEast.trail == .unknown)
        #expect(memberEast.reason.contains("trail org-trail (organization, multi-region, home us-east-1) exists but is not logging"))
        #expect(memberEast.reason.contains("trails.json for 766834082812/us-east-1 unreadable"))
        let memberWest = model.report(account: "766834082812", region: "eu-west-1", now: now)
        #expect(memberWest.verdict == .unknown)
        #expect(memberWest.reason.contains("no trails.json collected for 766834082812/eu-west-1"))
        // GovCloud and China regions the emulator lists are not columns of a commercial account.
        #expect(!model.cells.contains { $0.region.hasPrefix("cn-") || $0.region.hasPrefix("us-gov-") })
    }

    @Test func aMissingDirectoryIsAnError() {
        #expect(throws: FileError.self) { try InventoryReader.read(directory: "/nonexistent/inventory") }
    }

    @Test func selectorsOfAnotherTrailAreIgnored() throws {
        let fixture = InventoryFixture()
        let trail = InventoryFixture.Trail(name: "main", owner: "111111111111", home: "us-east-1", customSelectors: true)
        fixture.trails("111111111111", "us-east-1", [trail])
        fixture.write("111111111111/us-east-1/event-selectors/main.json",
                      #"{"TrailARN":"arn:aws:cloudtrail:us-east-1:999999999999:trail/main","EventSelectors":[],"AdvancedEventSelectors":[]}"#)
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        #expect(inventory.trails[trail.arn]?.capture == nil)
        #expect(inventory.issues.count == 1)
    }

    @Test func shortRegionCodes() {
        #expect(AWSRegions.shortCode("us-east-1") == "use1")
        #expect(AWSRegions.shortCode("ap-southeast-2") == "apse2")
        #expect(AWSRegions.shortCode("eu-central-2") == "euc2")
    }
}
