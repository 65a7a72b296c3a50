import Foundation
import Testing
import TrailGridCore

/// "Would this event alert?" through the real binary: `trailgrid probe` on
/// the demo organization's inventory, and `w` in the demo dashboard.
@Suite(.serialized) struct ProbeEndToEndTests {
    let binary = Harness.binary.path
    let sample = Harness.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples/formats/sample_eventbridge_event.json").path

    func demoInventory() throws -> (root: URL, demo: DemoOrganization) {
        let root = Harness.temporaryDirectory()
        let demo = DemoOrganization(seed: 1)
        try DemoInventoryWriter.write(demo, to: root.appendingPathComponent("inventory").path)
        return (root, demo)
    }

    @Test func jsonSaysPerCellWhetherTheSampleEventReachesASinkAndWhereItStops() throws {
        let (root, demo) = try demoInventory()
        let result = try Harness.run(["probe", "--inventory", root.appendingPathComponent("inventory").path, "--event", sample, "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let rows = try #require(try JSONParser.parse(result.stdout).arrayValue)
        func row(_ name: String, _ region: String) throws -> JSONValue {
            let account = try #require(demo.accounts.first { $0.name == name }).id
            return try #require(rows.first { $0["account"]?.stringValue == account && $0["region"]?.stringValue == region }, "\(name) \(region)")
        }
        // Every hop holds: the member's rule, the central bus admitting it, the bus's rule, the stream.
        #expect(try row("prod-payments", "eu-west-1")["reaches"] == .bool(true))
        #expect(try row("prod-payments", "eu-west-1")["hops"]?.arrayValue?.count == 4)
        // The central bus has no rule in eu-north-1.
        let north = try row("prod-payments", DemoOrganization.busWithoutRule)
        #expect(north["reaches"] == .bool(false))
        #expect(north["stops"]?.stringValue?.contains("security-central (\(demo.securityAccount), eu-north-1) has no enabled rule forwarding") == true, "\(north)")
        // The bus policy does not admit shared-network.
        let refused = try row(DemoOrganization.refusedMember, "eu-west-1")
        #expect(refused["reaches"] == .bool(false))
        #expect(refused["stops"]?.stringValue?.contains("security-central (\(demo.securityAccount), eu-west-1) does not admit events from") == true, "\(refused)")
        // No trail: not recorded.
        #expect(try row("dev-sandbox", "eu-west-1")["stops"]?.stringValue?.hasPrefix("not recorded: no trail covers this region") == true)
        #expect(try row("ml-research", "eu-west-1")["stops"]?.stringValue?.hasPrefix("not recorded:") == true)
        // A narrow rule that matches exactly this call forwards it.
        #expect(try row("prod-web", "eu-west-2")["reaches"] == .bool(true))
    }

    @Test func theTableListsWhereItStopsAndBadInputExitsTwo() throws {
        let (root, _) = try demoInventory()
        let inventory = root.appendingPathComponent("inventory").path
        let table = try Harness.run(["probe", "--inventory", inventory, "--event", sample])
        #expect(table.status == 1)
        #expect(table.stdout.hasPrefix("ec2.amazonaws.com:AuthorizeSecurityGroupIngress: reaches a sink from "), "\(table.stdout.prefix(300))")
        #expect(table.stdout.contains("✗ "))
        let broken = root.appendingPathComponent("broken.json")
        try Data("{\"detail-type\":".utf8).write(to: broken)
        let invalid = try Harness.run(["probe", "--inventory", inventory, "--event", broken.path])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("not JSON"), "\(invalid.stderr)")
        let missing = try Harness.run(["probe", "--inventory", inventory, "--event", root.appendingPathComponent("none.json").path])
        #expect(missing.status == 2)
        let noEvent = try Harness.run(["probe", "--inventory", inventory])
        #expect(noEvent.status == 2)
        // An inventory where every hop holds for this event: exit 0.
        let fixture = root.appendingPathComponent("one")
        let account = "111111111111"
        func write(_ path: String, _ text: String) throws {
            let url = fixture.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("accounts.json", #"{"Accounts":[{"Id":"\#(account)","Arn":"arn:aws:organizations::\#(account):account/o-abc123/\#(account)","Name":"solo","Status":"ACTIVE"}]}"#)
        try write("\(account)/regions.json", #"{"Regions":[{"RegionName":"eu-west-1","OptInStatus":"opt-in-not-required"}]}"#)
        try write("\(account)/eu-west-1/trails.json", #"{"trailList":[{"Name":"main","HomeRegion":"eu-west-1","TrailARN":"arn:aws:cloudtrail:eu-west-1:\#(account):trail/main","IsMultiRegionTrail":false,"IncludeGlobalServiceEvents":true,"HasCustomEventSelectors":false,"IsOrganizationTrail":false}]}"#)
        try write("\(account)/eu-west-1/trail-status/main.json", #"{"IsLogging":true}"#)
        try write("\(account)/eu-west-1/rules.json", #"{"Rules":[{"Name":"all","Arn":"arn:aws:events:eu-west-1:\#(account):rule/all","EventPattern":"{\"source\":[\"aws.ec2\"]}","State":"ENABLED","EventBusName":"default"}]}"#)
        try write("\(account)/eu-west-1/targets/all.json", #"{"Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:\#(account):alerts"}]}"#)
        let reaches = try Harness.run(["probe", "--inventory", fixture.path, "--event", sample, "--format", "json"])
        #expect(reaches.status == 0, "\(reaches.stdout)\(reaches.stderr)")
        #expect(reaches.stdout.contains(#""reaches":true"#))
    }

    @Test func wInTheDemoShowsWhereAnEventWouldAlertAndEscReturns() throws {
        let tmux = try Tmux("\(binary) demo --seed 1 --rate 20", columns: 160, rows: 48, directory: Harness.temporaryDirectory())
        try tmux.wait(for: "account \\\\ region")
        try tmux.press("w")
        try tmux.wait(for: "would this alert\\?")
        try tmux.type("AuthorizeSecurityGroupIngress")
        try tmux.press("Enter")
        let probed = try tmux.wait(for: "\\[w ec2\\.amazonaws\\.com:AuthorizeSecurityGroupIngress\\] +✓[0-9]+ +✗[0-9]+")
        #expect(probed.contains("✓") && probed.contains("✗"))
        // The cell detail says where it stops: the first row, management, in us-east-1 reaches; go to eu-north-1's column.
        try tmux.press("Enter")
        try tmux.wait(for: "Would ec2\\.amazonaws\\.com:AuthorizeSecurityGroupIngress made here alert\\?")
        try tmux.press("Escape")
        try tmux.press("Escape")
        try tmux.wait(for: "●OK [0-9]+")
        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }
}
