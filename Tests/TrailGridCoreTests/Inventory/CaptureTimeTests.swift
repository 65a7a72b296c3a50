import Foundation
import Testing
@testable import TrailGridCore

/// When each inventory fact was captured: by manifest.json (per cell where
/// it says so), else by the file's modification time, and for a trail by
/// its status's own StartLoggingTime/StopLoggingTime too.
@Suite struct CaptureTimeTests {
    let account = "111111111111"
    let member = "222222222222"
    let trail = InventoryFixture.Trail(name: "main", owner: "111111111111", home: "us-east-1", multiRegion: true)
    let rule = InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything)

    func cell(_ account: String, _ region: String) -> CellKey { CellKey(account: account, region: region) }

    func organization(_ fixture: InventoryFixture) {
        fixture.accounts([(account, "management"), (member, "member")])
        fixture.regions(account)
        fixture.trails(account, "us-east-1", [trail])
        fixture.status(account, trail, logging: true)
        fixture.rules(account, "us-east-1", [rule])
        fixture.rules(account, "eu-west-1", [rule])
        fixture.trails(member, "us-east-1", [])
    }

    /// Every file of the fixture modified at `time`, as a copy made then would be.
    func touch(_ fixture: InventoryFixture, at time: Int64) throws {
        let date = Date(timeIntervalSince1970: Double(time) / 1000)
        for path in regularFiles(under: fixture.root.path) {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        }
    }

    @Test func aManifestDatesEveryFactAndACellOfItsOwnOverridesIt() throws {
        let fixture = InventoryFixture(capturedAt: nil)
        organization(fixture)
        let captured = TestEvents.t0
        let euWest = TestEvents.t0 + 90_000
        fixture.manifest(captured, cells: ["\(account)/eu-west-1": euWest])
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        #expect(inventory.issues.isEmpty)
        #expect(inventory.capturedAt[CaptureKey.accounts] == captured)
        #expect(inventory.capturedAt[CaptureKey.regions(account)] == captured)
        #expect(inventory.baseline(of: .trail(arn: trail.arn)) == captured)
        #expect(inventory.baseline(of: .rule(cell(account, "us-east-1"), name: "fwd")) == captured)
        #expect(inventory.baseline(of: .rule(cell(account, "eu-west-1"), name: "fwd")) == euWest)
        // A rule the list did not hold is as old as the list: it did not exist then.
        #expect(inventory.baseline(of: .rule(cell(account, "eu-west-1"), name: "other")) == euWest)
        #expect(inventory.baseline(of: .region(cell(account, "ap-east-1"))) == captured)
        #expect(inventory.baseline(of: .account(member)) == captured)
        // Nothing was collected for the member's rules, nor for a trail homed where no list was read.
        #expect(inventory.baseline(of: .rule(cell(member, "us-east-1"), name: "fwd")) == nil)
        #expect(inventory.baseline(of: .trail(arn: "arn:aws:cloudtrail:eu-west-1:222222222222:trail/x")) == nil)
        #expect(inventory.capturedAt[CaptureKey.trailList(cell(member, "us-east-1"))] == captured)
    }

    @Test func withoutAManifestEachFactIsDatedByItsFile() throws {
        let fixture = InventoryFixture(capturedAt: nil)
        organization(fixture)
        try touch(fixture, at: TestEvents.t0)
        // The trail's status was fetched again later than its list.
        let statusPath = fixture.root.appendingPathComponent("\(account)/us-east-1/trail-status/main.json").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(TestEvents.t0 + 5_000) / 1000)],
                                              ofItemAtPath: statusPath)
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        #expect(inventory.issues.isEmpty)
        #expect(inventory.capturedAt[CaptureKey.accounts] == TestEvents.t0)
        #expect(inventory.capturedAt[CaptureKey.trailList(cell(account, "us-east-1"))] == TestEvents.t0)
        #expect(inventory.baseline(of: .trail(arn: trail.arn)) == TestEvents.t0 + 5_000)
        #expect(inventory.baseline(of: .rule(cell(account, "eu-west-1"), name: "fwd")) == TestEvents.t0)
    }

    @Test func aTrailStatusCountsItsOwnLoggingTimesInEitherSpelling() throws {
        let fixture = InventoryFixture()
        organization(fixture)
        // The API's epoch seconds (a number), as get-trail-status returns them through an SDK.
        let started = TestEvents.t0 + 600_000
        fixture.write("\(account)/us-east-1/trail-status/main.json",
                      #"{"IsLogging":true,"StartLoggingTime":\#(Double(started) / 1000),"StopLoggingTime":\#(Double(TestEvents.t0 - 60_000) / 1000)}"#)
        #expect(try InventoryReader.read(directory: fixture.root.path).baseline(of: .trail(arn: trail.arn)) == started)
        // The aws CLI's rendering, as in samples/inventory-shapes/get_trail_status_after_stop.json.
        fixture.write("\(account)/us-east-1/trail-status/main.json",
                      #"{"IsLogging":false,"LatestDeliveryTime":"2026-11-25 02:42:12+00:00","StartLoggingTime":"2026-11-25 02:42:12+00:00","StopLoggingTime":"2026-11-25 02:42:12+00:00","TimeLoggingStarted":"2026-11-25T02:42:12Z","LatestNotificationAttemptTime":""}"#)
        let stopped = try #require(Timestamp.parseMilliseconds("2026-11-25T02:42:12Z"))
        #expect(try InventoryReader.read(directory: fixture.root.path).baseline(of: .trail(arn: trail.arn)) == stopped)
    }

    @Test func aMalformedManifestIsAnIssueAndTheFilesDateTheFacts() throws {
        let cases = [
            ("[1,2]", "not a JSON object"),
            (#"{"cells":{}}"#, "no \"capturedAt\""),
            (#"{"capturedAt":"yesterday"}"#, "not an ISO-8601 time"),
            (#"{"capturedAt":"2026-11-18T10:00:00Z","cells":["111111111111/us-east-1"]}"#, "\"cells\" is not an object"),
            (#"{"capturedAt":"2026-11-18T10:00:00Z","cells":{"us-east-1":"2026-11-18T10:00:00Z"}}"#, "is not <account>/<region>"),
            (#"{"capturedAt":"2026-11-18T10:00:00Z","cells":{"111111111111/us-east-1":1795000000}}"#, "not an ISO-8601 time"),
            (#"{"capturedAt":"2026-11-18T10:00:00Z""#, "not JSON"),
        ]
        for (text, reason) in cases {
            let fixture = InventoryFixture(capturedAt: nil)
            organization(fixture)
            fixture.write("manifest.json", text)
            try touch(fixture, at: TestEvents.t0 + 7_000)
            let inventory = try InventoryReader.read(directory: fixture.root.path)
            let issue = try #require(inventory.issues.first, "\(text)")
            #expect(inventory.issues.count == 1)
            #expect(issue.path == fixture.root.path + "/manifest.json")
            #expect(issue.message.contains(reason), "\(text): \(issue.message)")
            #expect(inventory.baseline(of: .trail(arn: trail.arn)) == TestEvents.t0 + 7_000, "\(text)")
            #expect(inventory.capturedAt[CaptureKey.accounts] == TestEvents.t0 + 7_000, "\(text)")
        }
    }

    @Test func theSampleOrganizationsManifestAndStatusTimes() throws {
        let inventory = try InventoryReader.read(directory: InventoryReaderTests.directory)
        let captured = try #require(Timestamp.parseMilliseconds("2026-11-25T03:00:00Z"))
        let euWest = try #require(Timestamp.parseMilliseconds("2026-11-25T03:04:30Z"))
        #expect(inventory.capturedAt[CaptureKey.accounts] == captured)
        #expect(inventory.baseline(of: .rule(cell("123456789012", "us-east-1"), name: "ct-api-to-kinesis")) == captured)
        // Statuses say 02:42:12, before the capture: the capture is the newer fact.
        #expect(inventory.baseline(of: .trail(arn: "arn:aws:cloudtrail:eu-west-1:123456789012:trail/regional-euw1")) == euWest)
        // eu-west-1 listed the organization trail's shadow later than its home did.
        #expect(inventory.baseline(of: .trail(arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail")) == euWest)
        // The member's rules.json is malformed: nothing dated from it.
        #expect(inventory.baseline(of: .rule(cell("766834082812", "us-east-1"), name: "any")) == nil)
    }

    @Test func aManifestRoundTripsThroughItsJSON() throws {
        let manifest = InventoryManifest(capturedAt: 1_795_000_000_000,
                                         cells: [cell(account, "us-east-1"): 1_795_000_030_000, cell(member, "eu-west-1"): 1_795_000_100_000],
                                         tool: "trailgrid collect")
        let text = JSONWriter.serialize(manifest.json)
        #expect(text.hasPrefix(#"{"capturedAt":"2026-11-18T11:06:40Z","cells":{"111111111111/us-east-1":"#))
        #expect(try InventoryManifest(parsing: JSONParser.parse(Array(text.utf8))) == manifest)
    }
}
