import Foundation
import Testing
@testable import TrailGridCore

/// The bus files of DESIGN §3's second wave, in the exact text moto_server
/// 5.x and the aws CLI 1.45 printed for `create-event-bus`, two
/// `put-permission` calls (an organization and an account), `put-rule
/// --event-bus-name` and `put-targets --event-bus-name`.
@Suite struct BusInventoryTests {
    static let listEventBuses = #"""
        {
            "EventBuses": [
                {
                    "Name": "default",
                    "Arn": "arn:aws:events:eu-west-1:123456789012:event-bus/default"
                },
                {
                    "Name": "central-events",
                    "Arn": "arn:aws:events:eu-west-1:123456789012:event-bus/central-events",
                    "Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"OrganizationMembers\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::*:root\"}, \"Action\": \"events:PutEvents\", \"Resource\": \"arn:aws:events:eu-west-1:123456789012:event-bus/central-events\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc123\"}}}, {\"Sid\": \"Account111111111111\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111111111111:root\"}, \"Action\": \"events:PutEvents\", \"Resource\": \"arn:aws:events:eu-west-1:123456789012:event-bus/central-events\"}]}"
                }
            ]
        }
        """#

    static let listRules = #"""
        {
            "Rules": [
                {
                    "Name": "alert",
                    "Arn": "arn:aws:events:eu-west-1:123456789012:rule/central-events/alert",
                    "EventPattern": "{\"detail-type\":[\"AWS API Call via CloudTrail\"]}",
                    "State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                    "EventBusName": "central-events"
                }
            ]
        }
        """#

    static let listTargets = #"""
        {
            "Targets": [
                {
                    "Id": "stream",
                    "Arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/security-events",
                    "RoleArn": "arn:aws:iam::123456789012:role/events-to-kinesis"
                }
            ]
        }
        """#

    let cell = CellKey(account: "123456789012", region: "eu-west-1")

    @Test func readsBusesTheirPoliciesAndTheirRules() throws {
        let fixture = InventoryFixture()
        fixture.write("123456789012/eu-west-1/buses.json", Self.listEventBuses)
        fixture.write("123456789012/eu-west-1/buses/central-events/rules.json", Self.listRules)
        fixture.write("123456789012/eu-west-1/buses/central-events/targets/alert.json", Self.listTargets)
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        #expect(inventory.issues.isEmpty, "\(inventory.issues)")
        let buses = try #require(inventory.buses[cell])
        #expect(buses.keys.sorted() == ["central-events", "default"])
        #expect(buses["default"]?.policy == EventBus.Policy.none)
        guard case .document(let policy)? = buses["central-events"]?.policy else {
            Issue.record("no policy read")
            return
        }
        #expect(policy.statements.map(\.sid) == ["OrganizationMembers", "Account111111111111"])
        #expect(policy.statements[0].principals == .anyone)
        #expect(policy.statements[0].conditions == [BusPolicy.Condition(operation: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-abc123"])])
        let rules = try #require(inventory.busRules[BusKey(account: "123456789012", region: "eu-west-1", name: "central-events")])
        #expect(rules["alert"]?.state == .enabledWithAllManagementEvents)
        #expect(rules["alert"]?.targets == [RuleTarget(id: "stream", arn: "arn:aws:kinesis:eu-west-1:123456789012:stream/security-events",
                                                       roleArn: "arn:aws:iam::123456789012:role/events-to-kinesis")])
        // The default bus's rules stay where they were: none were collected here.
        #expect(inventory.rules[cell] == nil)
    }

    @Test func missingBusFilesAreUnknownAndABadPolicyIsReportedNotGuessed() throws {
        let fixture = InventoryFixture()
        fixture.write("123456789012/eu-west-1/rules.json", #"{"Rules":[]}"#)
        let none = try InventoryReader.read(directory: fixture.root.path)
        #expect(none.buses[cell] == nil)
        #expect(none.busRules.isEmpty)

        fixture.write("123456789012/eu-west-1/buses.json", #"{"EventBuses":[{"Name":"central","Arn":"arn:aws:events:eu-west-1:123456789012:event-bus/central","Policy":"{not json"}]}"#)
        fixture.write("123456789012/eu-west-1/buses/central/rules.json", #"{"Rules":"nope"}"#)
        let bad = try InventoryReader.read(directory: fixture.root.path)
        guard case .unreadable? = bad.buses[cell]?["central"]?.policy else {
            Issue.record("a policy that is not JSON must be unreadable, not none")
            return
        }
        #expect(bad.busRules.isEmpty)
        let paths = bad.issues.map { URL(fileURLWithPath: $0.path).pathComponents.suffix(2).joined(separator: "/") }.sorted()
        #expect(paths == ["central/rules.json", "eu-west-1/buses.json"])
    }

    @Test func theOrganizationComesFromTheAccountARNs() throws {
        let fixture = InventoryFixture()
        fixture.accounts([("111122223333", "security"), ("111111111111", "member")], organization: "o-abc123")
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        #expect(inventory.organization(of: "111111111111") == .member("o-abc123"))
        #expect(inventory.organization(of: "999999999999") == .outside)
        #expect(Inventory().organization(of: "111111111111") == .unknown)
    }
}

/// Bus policies as AWS and moto write them, judged for one sender.
@Suite struct BusPolicyTests {
    let bus = "arn:aws:events:eu-west-1:111122223333:event-bus/central-events"

    func admission(_ statements: [String], sender: String = "111111111111", role: String? = "arn:aws:iam::111111111111:role/to-central",
                   organization: OrganizationMembership = .member("o-abc123"), source: String = "aws.ec2") throws -> Admission {
        let policy = try BusPolicy(parsing: InventoryFixture.policy(statements))
        return policy.admission(of: PutEventsRequest(sender: sender, senderRole: role, organization: organization, busArn: bus, source: source))
    }

    @Test func principalsThatNameTheSender() throws {
        for principal in [#""*""#, #"{"AWS":"*"}"#, #"{"AWS":"arn:aws:iam::*:root"}"#, #"{"AWS":"111111111111"}"#,
                          #"{"AWS":["222222222222","arn:aws:iam::111111111111:root"]}"#, #"{"AWS":"arn:aws:iam::111111111111:role/to-central"}"#] {
            let statement = #"{"Sid":"S","Effect":"Allow","Principal":\#(principal),"Action":"events:PutEvents","Resource":"\#(bus)"}"#
            #expect(try admission([statement]) == .admitted("admitted by statement 'S'"), "\(principal)")
        }
        for principal in [#"{"AWS":"222222222222"}"#, #"{"Service":"events.amazonaws.com"}"#, #"{"AWS":"arn:aws:iam::111111111111:role/other"}"#] {
            let statement = #"{"Sid":"S","Effect":"Allow","Principal":\#(principal),"Action":"events:PutEvents","Resource":"\#(bus)"}"#
            guard case .refused = try admission([statement]) else {
                Issue.record("\(principal) must not admit 111111111111")
                continue
            }
        }
    }

    @Test func actionsAndResourcesMustCoverPutEventsOnThisBus() throws {
        func allow(action: String, resource: String) -> String {
            #"{"Effect":"Allow","Principal":"*","Action":\#(action),"Resource":\#(resource)}"#
        }
        #expect(try admission([allow(action: #""events:*""#, resource: #""*""#)]) == .admitted("admitted by an unnamed statement"))
        #expect(try admission([allow(action: #"["events:putevents"]"#, resource: #""arn:aws:events:*:111122223333:event-bus/*""#)]) == .admitted("admitted by an unnamed statement"))
        guard case .refused = try admission([allow(action: #""events:PutRule""#, resource: #""*""#)]) else {
            Issue.record("PutRule is not PutEvents")
            return
        }
    }

    @Test func organizationConditions() throws {
        let org = InventoryFixture.organizationStatement("o-abc123", bus: bus)
        #expect(try admission([org]) == .admitted("admitted by statement 'OrganizationMembers'"))
        guard case .refused = try admission([org], organization: .outside) else {
            Issue.record("an account outside the organization has no aws:PrincipalOrgID")
            return
        }
        guard case .undecided(let why) = try admission([org], organization: .unknown) else {
            Issue.record("an unknown organization leaves it undecided")
            return
        }
        #expect(why.contains("unknown (no accounts.json)"))
        let like = #"{"Sid":"L","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"\#(bus)","Condition":{"ForAnyValue:StringLike":{"aws:principalorgid":["o-abc*"]}}}"#
        #expect(try admission([like]) == .admitted("admitted by statement 'L'"))
        let source = #"{"Sid":"E","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"\#(bus)","Condition":{"StringEquals":{"events:source":["aws.ec2"]}}}"#
        #expect(try admission([source]) == .admitted("admitted by statement 'E'"))
        guard case .refused = try admission([source], source: "aws.iam") else {
            Issue.record("events:source aws.ec2 does not admit aws.iam events")
            return
        }
    }

    @Test func whatIsNotJudgedIsUndecidedAndDenyWins() throws {
        let unknownKey = #"{"Sid":"T","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"\#(bus)","Condition":{"StringEquals":{"aws:ResourceTag/team":"sec"}}}"#
        guard case .undecided(let why) = try admission([unknownKey]) else {
            Issue.record("an unknown condition key is undecided")
            return
        }
        #expect(why.contains("aws:ResourceTag/team"))
        let notPrincipal = #"{"Sid":"N","Effect":"Allow","NotPrincipal":{"AWS":"222222222222"},"Action":"events:PutEvents","Resource":"\#(bus)"}"#
        guard case .undecided = try admission([notPrincipal]) else {
            Issue.record("NotPrincipal is not judged")
            return
        }
        let deny = #"{"Sid":"D","Effect":"Deny","Principal":"*","Action":"events:PutEvents","Resource":"\#(bus)"}"#
        #expect(try admission([InventoryFixture.organizationStatement("o-abc123", bus: bus), deny]) == .refused("statement 'D' denies 111111111111"))
        #expect(throws: BusPolicy.Problem.self) { try BusPolicy(parsing: #"{"Statement":[{"Action":"x"}]}"#) }
    }
}

@Suite struct TargetKindTests {
    @Test func targetsAreClassifiedByTheirARN() {
        #expect(TargetKind(arn: "arn:aws:events:eu-west-1:111122223333:event-bus/central") == .eventBus(BusKey(account: "111122223333", region: "eu-west-1", name: "central")))
        #expect(TargetKind(arn: "arn:aws:events:eu-west-1:111122223333:event-bus/default") == .eventBus(.defaultBus(of: CellKey(account: "111122223333", region: "eu-west-1"))))
        let sinks: [(String, SinkKind)] = [
            ("arn:aws:kinesis:eu-west-1:1:stream/s", .kinesisStream), ("arn:aws:firehose:eu-west-1:1:deliverystream/d", .firehose),
            ("arn:aws:lambda:eu-west-1:1:function:f", .lambda), ("arn:aws:sns:eu-west-1:1:t", .sns), ("arn:aws:sqs:eu-west-1:1:q", .sqs),
            ("arn:aws:logs:eu-west-1:1:log-group:/g", .logs), ("arn:aws:states:eu-west-1:1:stateMachine:m", .stepFunctions),
            ("arn:aws:events:eu-west-1:1:api-destination/a/1", .apiDestination), ("arn:aws:execute-api:eu-west-1:1:abc/prod/POST/x", .apiGateway),
            ("arn:aws:ecs:eu-west-1:1:cluster/c", .ecs), ("arn:aws:batch:eu-west-1:1:job-queue/q", .batch),
            ("arn:aws:events:eu-west-1:1:target/stop-instance", .builtIn), ("not an arn", .other),
        ]
        for (arn, kind) in sinks { #expect(TargetKind(arn: arn) == .sink(kind), "\(arn)") }
        #expect(SinkKind.kinesisStream.needsRole && SinkKind.firehose.needsRole && SinkKind.apiDestination.needsRole)
        #expect(!SinkKind.lambda.needsRole && !SinkKind.sqs.needsRole && !SinkKind.logs.needsRole)
    }
}
