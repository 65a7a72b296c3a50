import Foundation
import TestProcesses
import Testing
import TrailGridCore

/// The central-security-bus design in `moto_server`: members' rules forward
/// to a bus in a security account; `trailgrid collect` writes the buses,
/// their policies and rules, and `check` follows each chain.
///
/// - member A: us-east-1 reaches the stream; eu-west-1 reaches a bus with
///   no rule there; eu-central-1 goes to the us-east-1 bus (cross-region).
/// - member B: us-east-1 targets the bus without a role; eu-west-1 targets
///   a bus whose policy admits A only.
/// - the management account forwards to a bus in an account not collected.
///
/// Needs `moto_server` and `aws` on PATH: fails, never skips, without them.
@Suite(.serialized) struct ChainCollectEndToEndTests {
    static let regions = ["us-east-1", "eu-west-1", "eu-central-1"]
    static let everything = #"{"detail-type":[{"suffix":"via CloudTrail"}]}"#
    static let allEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

    @Test func membersForwardingToACentralBusGiveTheirChainsVerdicts() throws {
        var org = try MotoOrganization()
        defer { org.stop() }
        let management = MotoOrganization.management
        let organization = org.organization
        let security = try org.createAccount("security")
        let memberA = try org.createAccount("member-a")
        let memberB = try org.createAccount("member-b")
        try org.logEverywhere()
        func aws(_ arguments: [String], as account: String = MotoOrganization.management, region: String = "us-east-1") throws {
            try org.aws(arguments, as: account, region: region)
        }

        // The security account: central-events in us-east-1 (with a rule) and
        // eu-west-1 (without), both admitting the organization; a restricted bus admitting A only.
        let securityAs = security
        for region in ["us-east-1", "eu-west-1"] {
            try aws(["events", "create-event-bus", "--name", "central-events"], as: securityAs, region: region)
            try aws(["events", "put-permission", "--event-bus-name", "central-events", "--action", "events:PutEvents", "--principal", "*",
                     "--statement-id", "OrganizationMembers", "--condition", "Type=StringEquals,Key=aws:PrincipalOrgID,Value=\(organization)"],
                    as: securityAs, region: region)
        }
        try aws(["events", "put-rule", "--name", "alert", "--event-bus-name", "central-events", "--event-pattern", Self.everything,
                 "--state", Self.allEvents], as: securityAs)
        try aws(["events", "put-targets", "--rule", "alert", "--event-bus-name", "central-events", "--targets",
                 "Id=stream,Arn=arn:aws:kinesis:us-east-1:\(security):stream/security-events,RoleArn=arn:aws:iam::\(security):role/events-to-kinesis"],
                as: securityAs)
        try aws(["events", "create-event-bus", "--name", "restricted"], as: securityAs, region: "eu-west-1")
        try aws(["events", "put-permission", "--event-bus-name", "restricted", "--action", "events:PutEvents", "--principal", memberA,
                 "--statement-id", "MemberA"], as: securityAs, region: "eu-west-1")
        try aws(["events", "put-rule", "--name", "alert", "--event-bus-name", "restricted", "--event-pattern", Self.everything,
                 "--state", Self.allEvents], as: securityAs, region: "eu-west-1")
        try aws(["events", "put-targets", "--rule", "alert", "--event-bus-name", "restricted", "--region", "eu-west-1", "--targets",
                 "Id=queue,Arn=arn:aws:sqs:eu-west-1:\(security):security-alerts"], as: securityAs, region: "eu-west-1")

        func forward(_ account: String, in region: String, to bus: String, busRegion: String, role: Bool = true) throws {
            let keys = account
            try aws(["events", "put-rule", "--name", "to-\(bus)", "--event-pattern", Self.everything, "--state", Self.allEvents], as: keys, region: region)
            let target = "Id=bus,Arn=arn:aws:events:\(busRegion):\(security):event-bus/\(bus)" + (role ? ",RoleArn=arn:aws:iam::\(account):role/events-to-central" : "")
            try aws(["events", "put-targets", "--rule", "to-\(bus)", "--targets", target], as: keys, region: region)
        }
        try forward(memberA, in: "us-east-1", to: "central-events", busRegion: "us-east-1")
        try forward(memberA, in: "eu-west-1", to: "central-events", busRegion: "eu-west-1")
        try forward(memberA, in: "eu-central-1", to: "central-events", busRegion: "us-east-1")
        try forward(memberB, in: "us-east-1", to: "central-events", busRegion: "us-east-1", role: false)
        try forward(memberB, in: "eu-west-1", to: "restricted", busRegion: "eu-west-1")
        try aws(["events", "put-rule", "--name", "to-partner", "--event-pattern", Self.everything, "--state", Self.allEvents])
        try aws(["events", "put-targets", "--rule", "to-partner", "--targets",
                 "Id=bus,Arn=arn:aws:events:us-east-1:444455556666:event-bus/intake,RoleArn=arn:aws:iam::\(management):role/events-to-partner"])

        let out = Harness.temporaryDirectory().appendingPathComponent("inventory")
        try org.collect(regions: Self.regions, into: out)
        for file in ["\(security)/us-east-1/buses.json", "\(security)/us-east-1/buses/central-events/rules.json",
                     "\(security)/us-east-1/buses/central-events/targets/alert.json", "\(security)/eu-west-1/buses/central-events/rules.json",
                     "\(security)/eu-west-1/buses/restricted/targets/alert.json", "\(memberA)/eu-west-1/buses.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "missing \(file)")
        }

        let cells = try org.check(out)
        let cell = cells.cell
        func expect(_ account: String, _ region: String, _ verdict: String, _ word: String, reason: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) {
            let found = cell(account, region)
            #expect(found["verdict"] as? String == verdict, "\(account) \(region): \(found)", sourceLocation: sourceLocation)
            let words = Set((found["rules"] as? [String: String] ?? [:]).values)
            #expect(words == [word], "\(account) \(region): \(words)", sourceLocation: sourceLocation)
            if let reason {
                #expect((found["reason"] as? String)?.contains(reason) == true, "\(found["reason"] ?? "")", sourceLocation: sourceLocation)
            }
        }
        expect(memberA, "us-east-1", "OK", "forwarding")
        expect(memberA, "eu-west-1", "BLIND", "bus-no-rule", reason: "central-events (\(security), eu-west-1) has no enabled rule forwarding")
        expect(memberA, "eu-central-1", "OK", "forwarding")
        expect(memberB, "us-east-1", "BLIND", "no-role", reason: "without an execution role (RoleArn)")
        expect(memberB, "eu-west-1", "BLIND", "bus-rejects", reason: "restricted (\(security), eu-west-1) does not admit events from \(memberB)")
        expect(management, "us-east-1", "UNKNOWN", "unverified", reason: "intake (444455556666, us-east-1), not verified")

        // "Would this call alert?" follows the same hops for one real event.
        let sample = Harness.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples/formats/sample_eventbridge_event.json")
        let probe = try Harness.run(["probe", "--inventory", out.path, "--event", sample.path, "--format", "json"])
        #expect(probe.status == 1, "some cells do not reach a sink: \(probe.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [[String: Any]], "probe: \(probe.stderr)")
        func probed(_ account: String, _ region: String, reaches: Bool?, stops: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            let row = rows.cell(account, region)
            let value = row["reaches"]
            let found: Bool?? = value is NSNull ? .some(nil) : (value as? Bool).map { .some($0) }
            #expect(found == .some(reaches), "\(account) \(region): \(row)", sourceLocation: sourceLocation)
            if let stops {
                #expect((row["stops"] as? String)?.contains(stops) == true, "\(row["stops"] ?? "")", sourceLocation: sourceLocation)
            }
        }
        probed(memberA, "us-east-1", reaches: true)
        probed(memberA, "eu-central-1", reaches: true)
        probed(memberA, "eu-west-1", reaches: false, stops: "central-events (\(security), eu-west-1) has no enabled rule forwarding")
        probed(memberB, "us-east-1", reaches: false, stops: "without an execution role")
        probed(memberB, "eu-west-1", reaches: false, stops: "does not admit events from \(memberB)")
        probed(management, "us-east-1", reaches: nil, stops: "not verified")
    }
}
