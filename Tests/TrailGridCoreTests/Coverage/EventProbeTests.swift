import Foundation
import Testing
@testable import TrailGridCore

/// "Would this event alert?" (issue 15 part 6): one event placed in every
/// cell and followed from the trail through the default bus's rules and
/// the delivery chain, with the words of the hop where it stops.
@Suite struct EventProbeTests {
    let member = "111111111111"
    let security = "111122223333"
    let dark = "333333333333"
    let organization = "o-abc123"
    typealias Target = InventoryFixture.Target
    typealias Rule = InventoryFixture.ChainRule

    func bus(_ region: String) -> String { "arn:aws:events:\(region):\(security):event-bus/central-events" }

    /// The member forwards from eu-west-1 and us-east-1 to central-events in
    /// the same region; the bus has a rule to a stream in eu-west-1 only and
    /// that rule is plain ENABLED. us-west-2 of the member has no rules.json.
    /// The third account has a trail list naming no trail.
    func fixture() -> InventoryFixture {
        let fixture = InventoryFixture()
        fixture.accounts([(security, "security"), (member, "member"), (dark, "dark")], organization: organization)
        for account in [member, security] {
            let trail = InventoryFixture.Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
            fixture.trails(account, "us-east-1", [trail])
            fixture.status(account, trail, logging: true)
        }
        fixture.trails(dark, "eu-west-1", [])
        fixture.chainRules(dark, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "eu-west-1")])])
        for region in ["eu-west-1", "us-east-1"] {
            fixture.chainRules(member, region, [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: region)])])
            fixture.buses(security, region, [("central-events", InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus(region))]))])
        }
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [Rule(name: "alert", state: "ENABLED", targets: [.kinesis(account: security, region: "eu-west-1")])])
        fixture.chainRules(security, "us-east-1", bus: "central-events", [])
        return fixture
    }

    func cell(_ result: EventProbeResult, _ account: String, _ region: String) throws -> EventProbeCell {
        try #require(result.outcome(CellKey(account: account, region: region)), "\(account)/\(region) not judged")
    }

    // MARK: - Reading the event

    @Test func aCloudTrailRecordFromTheSamplesIsWrappedAsEventBridgeWouldWrapIt() throws {
        let line = try #require(String(decoding: try Data(contentsOf: FeedFixtures.sharedSamples.appendingPathComponent("cloudtrail-records.jsonl")), as: UTF8.self)
            .split(separator: "\n").first)
        let event = try ProbeEvent.parse(json: String(line))
        #expect(event.label == "s3.amazonaws.com:GetStorageLensConfiguration")
        #expect(event.document["source"]?.stringValue == "aws.s3")
        #expect(event.document["detail-type"]?.stringValue == DetailType.apiCall)
        #expect(event.document["detail"]?["eventName"]?.stringValue == "GetStorageLensConfiguration")
    }

    @Test func anEventBridgeEventFromTheSamplesIsTakenAsItIs() throws {
        let text = String(decoding: try Data(contentsOf: FeedFixtures.sharedSamples.appendingPathComponent("formats/sample_eventbridge_event.json")), as: UTF8.self)
        let event = try ProbeEvent.parse(json: text)
        #expect(event.label == "ec2.amazonaws.com:AuthorizeSecurityGroupIngress")
        #expect(event.document == (try JSONParser.parse(text)))
    }

    @Test func invalidEventsSayWhy() {
        #expect(throws: ProbeEvent.Problem.self) { try ProbeEvent.parse(json: "{not json") }
        #expect(throws: ProbeEvent.Problem.self) { try ProbeEvent.parse(json: #"{"Records":[{"eventName":"A","eventSource":"s"},{"eventName":"B","eventSource":"s"}]}"#) }
        #expect(throws: ProbeEvent.Problem.self) { try ProbeEvent.parse(json: #"{"detail-type":"Scheduled Event","detail":{}}"#) }
        #expect(throws: ProbeEvent.Problem.self) { try ProbeEvent.parse(json: "[1]") }
    }

    @Test func namesTakeTheirSourceFromTheBuiltInWatchesOrFromTheText() throws {
        let bare = try ProbeEvent.named("AuthorizeSecurityGroupIngress")
        #expect(bare.label == "ec2.amazonaws.com:AuthorizeSecurityGroupIngress")
        #expect(bare.document["source"]?.stringValue == "aws.ec2")
        #expect(try ProbeEvent.named("iam.amazonaws.com:DeleteUser").label == "iam.amazonaws.com:DeleteUser")
        #expect(try ProbeEvent.named("aws.iam:DeleteUser").label == "iam.amazonaws.com:DeleteUser")
        #expect(try ProbeEvent.named("iam:DeleteUser").label == "iam.amazonaws.com:DeleteUser")
        #expect(try ProbeEvent.named("ec2:DescribeInstances").document["detail"]?["readOnly"] == .bool(true))
        #expect(try ProbeEvent.named("ec2:RunInstances").document["detail"]?["readOnly"] == .bool(false))
        let unknown = #expect(throws: ProbeEvent.Problem.self) { try ProbeEvent.named("NoSuchCall") }
        #expect(unknown?.description.contains("give it as source:NoSuchCall") == true)
        #expect(try ProbeEvent.read(#"  {"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com"}"#).label == "cloudtrail.amazonaws.com:StopLogging")
    }

    // MARK: - Following it

    @Test func aWriteReachesWhereEveryHopHoldsAndStopsWhereTheBusHasNoRule() throws {
        let result = try fixture().model([TestWatches.securityGroups]).probe(try ProbeEvent.named("ec2:AuthorizeSecurityGroupIngress"))
        let west = try cell(result, member, "eu-west-1")
        #expect(west.reach == .reaches, "\(west.stops ?? "")")
        #expect(west.reaches == true)
        #expect(west.stops == nil)
        #expect(west.chain.hops.last?.step == .sink(.kinesisStream, arn: "arn:aws:kinesis:eu-west-1:\(security):stream/security-events"))
        let east = try cell(result, member, "us-east-1")
        #expect(east.reaches == false)
        #expect(east.stops?.contains("central-events (111122223333, us-east-1) has no enabled rule forwarding 'ec2.amazonaws.com:AuthorizeSecurityGroupIngress'") == true, "\(east.stops ?? "")")
        #expect(east.chain.hops.map(\.state) == [.holds, .holds, .breaks])
        let unknown = try cell(result, member, "us-west-2")
        #expect(unknown.reaches == nil)
        #expect(unknown.stops == "rules unknown (no rules.json)")
        #expect(!result.reachesEverywhere)
    }

    @Test func aReadOnlyCallStopsAtTheBusRuleInPlainEnabledState() throws {
        let result = try fixture().model().probe(try ProbeEvent.named("ec2:DescribeInstances"))
        let west = try cell(result, member, "eu-west-1")
        #expect(west.reaches == false)
        #expect(west.stops?.contains("rule 'alert' on central-events (111122223333, eu-west-1) matches") == true, "\(west.stops ?? "")")
        #expect(west.stops?.contains("read-only calls (DescribeInstances) are not delivered") == true)
    }

    @Test func aCellWithoutTrailDoesNotRecordTheCallWhateverItsRules() throws {
        let result = try fixture().model().probe(try ProbeEvent.named("ec2:AuthorizeSecurityGroupIngress"))
        let cell = try cell(result, dark, "eu-west-1")
        #expect(cell.reaches == false)
        #expect(cell.stops == "not recorded: no trail covers this region, so AuthorizeSecurityGroupIngress never reaches EventBridge")
    }

    @Test func selectorsExcludingReadsStopAReadOnlyCall() throws {
        let fixture = fixture()
        let trail = InventoryFixture.Trail(name: "main", owner: member, home: "us-east-1", multiRegion: true, customSelectors: true)
        fixture.trails(member, "us-east-1", [trail])
        // eu-west-1's trail list too: else a regional trail nobody has seen might record the reads.
        fixture.trails(member, "eu-west-1", [trail])
        fixture.selectors(member, trail, basic: #"[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[]}]"#)
        let result = try fixture.model().probe(try ProbeEvent.named("ec2:DescribeInstances"))
        let west = try cell(result, member, "eu-west-1")
        #expect(west.reaches == false)
        #expect(west.stops?.hasPrefix("not recorded: the logging trails' event selectors do not record") == true, "\(west.stops ?? "")")
        // A write is recorded by the same trail, and goes on to the bus.
        let write = try fixture.model().probe(try ProbeEvent.named("ec2:AuthorizeSecurityGroupIngress"))
        #expect(try cell(write, member, "eu-west-1").reaches == true)
    }

    @Test func aGlobalServicesEventIsJudgedInUsEast1Only() throws {
        let result = try fixture().model().probe(try ProbeEvent.named("iam:DeleteUser"))
        #expect(Set(result.outcomes.map(\.region)) == ["us-east-1"])
        #expect(result.notJudged.contains { $0.cell == CellKey(account: member, region: "eu-west-1")
            && $0.why == "iam.amazonaws.com events are recorded in us-east-1 only: a call made here is delivered to that region's default bus" })
        let east = try cell(result, member, "us-east-1")
        #expect(east.stops?.contains("central-events (111122223333, us-east-1) has no enabled rule") == true, "\(east.stops ?? "")")
    }

    @Test func theEventIsPlacedInEachCellSoAPatternOnItsAccountSeesTheCell() throws {
        let fixture = fixture()
        // The central rule forwards only what the member's own account sends.
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [
            Rule(name: "member-only", pattern: #"{"account":["\#(member)"],"detail":{"recipientAccountId":["\#(member)"]}}"#,
                 targets: [.kinesis(account: security, region: "eu-west-1")]),
        ])
        // The security account's own default bus forwards to the bus too (same account and region: no role needed).
        fixture.chainRules(security, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "eu-west-1", role: nil)])])
        // The event file names another account and region: placing it overrides them.
        var event = try ProbeEvent.named("ec2:AuthorizeSecurityGroupIngress")
        event.document = Watch.place(event.document, account: "999999999999", region: "ap-south-1")
        let result = try fixture.model().probe(event)
        #expect(try cell(result, member, "eu-west-1").reaches == true)
        let own = try cell(result, security, "eu-west-1")
        #expect(own.reaches == false)
        #expect(own.stops?.contains("central-events (111122223333, eu-west-1) has no enabled rule forwarding") == true, "\(own.stops ?? "")")
    }

    // MARK: - Output

    @Test func jsonHasOneObjectPerJudgedCellWithReachesAndStops() throws {
        let result = try fixture().model().probe(try ProbeEvent.named("ec2:AuthorizeSecurityGroupIngress"))
        let parsed = try #require(try JSONParser.parse(EventProbeFormat.json(result)).arrayValue)
        #expect(parsed.count == result.outcomes.count)
        func row(_ account: String, _ region: String) throws -> JSONValue {
            try #require(parsed.first { $0["account"]?.stringValue == account && $0["region"]?.stringValue == region })
        }
        #expect(try row(member, "eu-west-1")["reaches"] == .bool(true))
        #expect(try row(member, "eu-west-1")["stops"] == .null)
        #expect(try row(member, "us-east-1")["reaches"] == .bool(false))
        #expect(try row(member, "us-east-1")["stops"]?.stringValue?.contains("has no enabled rule") == true)
        #expect(try row(member, "us-west-2")["reaches"] == .null)
        #expect(try row(member, "eu-west-1")["hops"]?.arrayValue?.count == 4)
        let table = EventProbeFormat.table(result)
        #expect(table.hasPrefix("ec2.amazonaws.com:AuthorizeSecurityGroupIngress: reaches a sink from "))
        #expect(table.contains("✗ 111111111111 (member) us-east-1  "))
    }
}
