import Foundation
import TestProcesses
import Testing
import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// Builds an organization in `moto_server` with the aws CLI, collects it
/// with `trailgrid collect --endpoint-url`, and checks the verdicts.
///
/// Needs `moto_server` and `aws` on PATH (`pip install 'moto[server]' awscli`):
/// the test fails, never skips, when they are missing.
@Suite(.serialized) struct CollectCheckEndToEndTests {
    static let environment = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    ]

    @Test func collectThenCheckAnOrganizationInMoto() throws {
        for tool in ["moto_server", "aws"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed: pip install 'moto[server]' awscli")
        }
        let server = try MotoServer()
        defer { server.stop() }
        let endpoint = server.endpoint

        func aws(_ arguments: [String]) throws -> String {
            let result = try Harness.runTool(["aws"] + arguments + ["--endpoint-url", endpoint, "--output", "json"], environment: Self.environment)
            try #require(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        _ = try aws(["organizations", "create-organization", "--feature-set", "ALL"])
        let created = try aws(["organizations", "create-account", "--email", "dev@example.com", "--account-name", "dev",
                               "--query", "CreateAccountStatus.AccountId"])
        let member = created.trimmingCharacters(in: CharacterSet(charactersIn: "\" \n"))
        _ = try aws(["s3api", "create-bucket", "--bucket", "trail-bucket"])
        _ = try aws(["cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-bucket", "--is-multi-region-trail"])
        _ = try aws(["cloudtrail", "start-logging", "--name", "main"])
        // A regional trail that was never started: eu-west-1 stays covered by the multi-region one.
        _ = try aws(["cloudtrail", "create-trail", "--name", "regional", "--s3-bucket-name", "trail-bucket", "--region", "eu-west-1"])
        let everything = #"{"detail-type":[{"suffix":"via CloudTrail"}]}"#
        _ = try aws(["events", "put-rule", "--name", "forward", "--event-pattern", everything,
                     "--state", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"])
        _ = try aws(["events", "put-targets", "--rule", "forward", "--targets",
                     "Id=k1,Arn=arn:aws:kinesis:us-east-1:123456789012:stream/ct,RoleArn=arn:aws:iam::123456789012:role/events-to-kinesis"])
        _ = try aws(["events", "put-rule", "--name", "no-target", "--event-pattern", everything,
                     "--state", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", "--region", "eu-west-1"])
        _ = try aws(["events", "put-rule", "--name", "switched-off", "--event-pattern", everything,
                     "--state", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", "--region", "eu-central-1"])
        _ = try aws(["events", "put-targets", "--rule", "switched-off", "--region", "eu-central-1", "--targets",
                     "Id=k1,Arn=arn:aws:kinesis:eu-central-1:123456789012:stream/ct,RoleArn=arn:aws:iam::123456789012:role/events-to-kinesis"])
        _ = try aws(["events", "disable-rule", "--name", "switched-off", "--region", "eu-central-1"])

        let out = Harness.temporaryDirectory().appendingPathComponent("inventory")
        let collect = try Harness.run(["collect", "--out", out.path, "--endpoint-url", endpoint,
                                       "--regions", "us-east-1,eu-west-1,eu-central-1", "--role-name", "OrganizationAccountAccessRole"],
                                      environment: Self.environment, timeout: 300)
        #expect(collect.status == 0, "collect: \(collect.stderr)")
        #expect(collect.stderr.contains("collect 123456789012: 3 region(s)"), "\(collect.stderr)")
        for file in ["accounts.json", "123456789012/regions.json", "123456789012/us-east-1/trails.json",
                     "123456789012/us-east-1/trail-status/main.json", "123456789012/us-east-1/event-selectors/main.json",
                     "123456789012/eu-west-1/trail-status/regional.json", "123456789012/us-east-1/targets/forward.json",
                     "123456789012/eu-west-1/rules.json", "\(member)/us-east-1/trails.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "missing \(file)")
        }
        // Dated, so that check --events and watch judge events against when each cell was fetched.
        let manifest = try InventoryManifest(parsing: JSONParser.parse(Array(Data(contentsOf: out.appendingPathComponent("manifest.json")))))
        #expect(manifest.tool == "trailgrid collect")
        #expect(manifest.cells[CellKey(account: "123456789012", region: "eu-west-1")].map { $0 >= manifest.capturedAt } == true)
        #expect(manifest.cells[CellKey(account: member, region: "us-east-1")] != nil)

        let check = try Harness.run(["check", "--inventory", out.path, "--format", "json"], environment: Self.environment)
        #expect(check.status == 1, "check: \(check.stderr)")
        let cells = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        func cell(_ account: String, _ region: String) -> [String: Any]? {
            cells.first { $0["account"] as? String == account && $0["region"] as? String == region }
        }
        func verdict(_ account: String, _ region: String) -> String? { cell(account, region)?["verdict"] as? String }
        let management = "123456789012"
        #expect(verdict(management, "us-east-1") == "OK", "\(cell(management, "us-east-1") ?? [:])")
        #expect(cell(management, "us-east-1")?["trail"] as? String == "logging")
        #expect(verdict(management, "eu-west-1") == "BLIND")
        #expect((cell(management, "eu-west-1")?["rules"] as? [String: String])?.values.allSatisfy { $0 == "no-target" } == true)
        #expect(verdict(management, "eu-central-1") == "BLIND")
        #expect((cell(management, "eu-central-1")?["reason"] as? String)?.contains("DISABLED") == true)
        // Not collected: the multi-region trail covers it, its rules are unknown.
        #expect(verdict(management, "us-west-2") == "UNKNOWN")
        #expect(verdict(member, "us-east-1") == "DARK")
        for object in cells {
            for key in ["account", "region", "verdict", "trail", "rules", "reason"] { #expect(object[key] != nil, "no \(key)") }
        }

        let table = try Harness.run(["check", "--inventory", out.path], environment: Self.environment)
        #expect(table.status == 1)
        #expect(table.stdout.contains("B BLIND"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let lenient = try Harness.run(["check", "--inventory", out.path, "--fail-on", "STOPPED"], environment: Self.environment)
        #expect(lenient.status == 0)
        let bad = try Harness.run(["check", "--inventory", out.path, "--fail-on", "PURPLE"], environment: Self.environment)
        #expect(bad.status == 2)
    }
}
