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
        for tool in ["moto_server", "aws"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed: pip install 'moto[server]' awscli")
        }
        let server = try MotoServer()
        defer { server.stop() }
        let endpoint = server.endpoint
        let base = CollectCheckEndToEndTests.environment

        @discardableResult
        func aws(_ arguments: [String], as credentials: [String: String] = [:], region: String = "us-east-1") throws -> Any {
            var environment = base
            for (key, value) in credentials { environment[key] = value }
            let result = try Harness.runTool(["aws"] + arguments + ["--endpoint-url", endpoint, "--output", "json", "--region", region],
                                             environment: environment)
            try #require(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result.stderr)")
            return try JSONSerialization.jsonObject(with: Data((result.stdout.isEmpty ? "{}" : result.stdout).utf8))
        }
        func string(_ value: Any, _ path: String...) -> String? {
            var current: Any? = value
            for key in path { current = (current as? [String: Any])?[key] }
            return current as? String
        }

        let management = "123456789012"
        let organization = try #require(string(try aws(["organizations", "create-organization", "--feature-set", "ALL"]), "Organization", "Id"))
        func createAccount(_ name: String) throws -> String {
            try #require(string(try aws(["organizations", "create-account", "--email", "\(name)@example.com", "--account-name", name]),
                                "CreateAccountStatus", "AccountId"))
        }
        let security = try createAccount("security")
        let memberA = try createAccount("member-a")
        let memberB = try createAccount("member-b")
        func assume(_ account: String) throws -> [String: String] {
            let output = try aws(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(account):role/OrganizationAccountAccessRole",
                                  "--role-session-name", "setup"])
            return ["AWS_ACCESS_KEY_ID": try #require(string(output, "Credentials", "AccessKeyId")),
                    "AWS_SECRET_ACCESS_KEY": try #require(string(output, "Credentials", "SecretAccessKey")),
                    "AWS_SESSION_TOKEN": try #require(string(output, "Credentials", "SessionToken"))]
        }
        let credentials = [management: [:], security: try assume(security), memberA: try assume(memberA), memberB: try assume(memberB)]

        // Every account logs everywhere: the verdicts below are the chains'.
        for (account, keys) in credentials {
            try aws(["s3api", "create-bucket", "--bucket", "trail-\(account)"], as: keys)
            try aws(["cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-\(account)", "--is-multi-region-trail"], as: keys)
            try aws(["cloudtrail", "start-logging", "--name", "main"], as: keys)
        }

        // The security account: central-events in us-east-1 (with a rule) and
        // eu-west-1 (without), both admitting the organization; a restricted bus admitting A only.
        let securityAs = try #require(credentials[security])
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
            let keys = try #require(credentials[account])
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
        let collect = try Harness.run(["collect", "--out", out.path, "--endpoint-url", endpoint, "--regions", Self.regions.joined(separator: ","),
                                       "--role-name", "OrganizationAccountAccessRole"], environment: base, timeout: 600)
        #expect(collect.status == 0, "collect: \(collect.stderr)")
        for file in ["\(security)/us-east-1/buses.json", "\(security)/us-east-1/buses/central-events/rules.json",
                     "\(security)/us-east-1/buses/central-events/targets/alert.json", "\(security)/eu-west-1/buses/central-events/rules.json",
                     "\(security)/eu-west-1/buses/restricted/targets/alert.json", "\(memberA)/eu-west-1/buses.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "missing \(file)")
        }

        let check = try Harness.run(["check", "--inventory", out.path, "--format", "json"], environment: base)
        let cells = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]], "check: \(check.stderr)")
        func cell(_ account: String, _ region: String) -> [String: Any] {
            cells.first { $0["account"] as? String == account && $0["region"] as? String == region } ?? [:]
        }
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
    }
}
