import Foundation
import Testing
import TrailGridCore

/// `trailgrid export` as a script runs it: the demo organization's
/// inventory and a burst of its feed on disk, each kind and format written,
/// checked against what `check` and `scan` say, and every refusal one line.
@Suite(.serialized) struct ExportCommandEndToEndTests {
    static let start: Int64 = 1_764_000_000_000
    /// Past the heartbeat window after the burst, so SILENT cells show.
    static let now = "2025-11-24T16:40:00Z"
    static let target = "arn:aws:events:us-east-1:111100000000:event-bus/security-central"

    struct Organization {
        var root: URL
        var inventory: String { root.appendingPathComponent("inventory").path }
        var feed: String { root.appendingPathComponent("feed").path }
        func out(_ name: String) -> String { root.appendingPathComponent(name).path }
    }

    static func organization() async throws -> Organization {
        let organization = Organization(root: Harness.temporaryDirectory())
        let demo = DemoOrganization(seed: 1)
        try DemoInventoryWriter.write(demo, to: organization.inventory)
        let writer = try DemoFeedWriter(organization: demo, directory: organization.feed, seed: 1)
        await writer.burst(1_500, now: start)
        return organization
    }

    func export(_ org: Organization, _ arguments: [String]) throws -> Harness.Result {
        try Harness.run(["export", "--inventory", org.inventory, "--events", org.feed, "--now", Self.now] + arguments)
    }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func eventsAreTheMatchedOriginalRecords() async throws {
        let org = try await Self.organization()
        let scan = try Harness.run(["scan", "--events", org.feed, "--all-watches", "--format", "jsonl"])
        try #require(scan.status == 0, "\(scan.stderr)")
        let originals = Set(scan.stdout.split(separator: "\n").map(String.init))
        try #require(originals.count > 10)
        // The same event on both channels is exported once, as the dashboard's feed shows it.
        let eventIDs = Set(try originals.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let detail = object["detail"] as? [String: Any] ?? object
            return try #require(detail["eventID"] as? String)
        })
        try #require(eventIDs.count < originals.count, "the burst should hold events seen on both channels")

        let jsonl = org.out("events.jsonl")
        let result = try export(org, ["--kind", "events", "--format", "jsonl", "--out", jsonl])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try lines(jsonl)
        #expect(result.stdout == "wrote \(records.count) events to \(jsonl)\n")
        #expect(records.count == eventIDs.count)
        #expect(Set(records).isSubset(of: originals))

        // Filters narrow the same events.
        let europe = org.out("europe.csv")
        let filtered = try export(org, ["--kind", "events", "--format", "csv", "--region", "eu-*", "--out", europe])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let rows = try String(contentsOfFile: europe, encoding: .utf8).components(separatedBy: "\r\n").dropLast()
        #expect(rows.first == EventFormatter.csvHeader.joined(separator: ","))
        #expect(rows.count > 1 && rows.count - 1 < records.count)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",")[2].hasPrefix("eu-") })
        #expect(filtered.stdout == "wrote \(rows.count - 1) events to \(europe)\n")
    }

    @Test func reportsAreWhatCheckSays() async throws {
        let org = try await Self.organization()
        let check = try Harness.run(["check", "--inventory", org.inventory, "--events", org.feed, "--now", Self.now, "--format", "json"])
        #expect(check.status == 1)  // the demo has failing cells
        let checkCSV = try Harness.run(["check", "--inventory", org.inventory, "--events", org.feed, "--now", Self.now, "--format", "csv"])

        for (format, expected) in [("json", check.stdout), ("csv", checkCSV.stdout)] {
            let path = org.out("report.\(format)")
            let result = try export(org, ["--kind", "report", "--format", format, "--out", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "wrote \(12 * 34) cells to \(path)\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        }

        let path = org.out("blind-eu.json")
        let result = try export(org, ["--kind", "report", "--format", "json", "--region", "eu-*", "--verdict", "BLIND", "SILENT", "--out", path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        let expected = all.filter { ($0["region"] as? String ?? "").hasPrefix("eu-") && ["BLIND", "SILENT"].contains($0["verdict"] as? String ?? "") }
        #expect(rows.count == expected.count && !rows.isEmpty)
        #expect(rows.map { "\($0["account"] ?? "") \($0["region"] ?? "")" } == expected.map { "\($0["account"] ?? "") \($0["region"] ?? "")" })
    }

    @Test func remediationForBlindCellsPassesCfnLint() async throws {
        try #require(Harness.isOnPath("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint); .ci/run installs it")
        let org = try await Self.organization()
        let check = try Harness.run(["check", "--inventory", org.inventory, "--events", org.feed, "--now", Self.now, "--format", "json"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        let blind = all.filter { $0["verdict"] as? String == "BLIND" }.count
        let silent = all.filter { $0["verdict"] as? String == "SILENT" }.count
        try #require(blind > 0 && silent > 0)

        let yaml = org.out("fix.yaml")
        let result = try export(org, ["--kind", "remediation", "--format", "cloudformation", "--target", Self.target, "--out", yaml])
        #expect(result.status == 0, "\(result.stderr)")
        // Exact rule counts: the two global-service watches only in us-east-1.
        let blindInUSEast1 = all.filter { $0["verdict"] as? String == "BLIND" && $0["region"] as? String == "us-east-1" }.count
        let blindRegions = Set(all.filter { $0["verdict"] as? String == "BLIND" }.compactMap { $0["region"] as? String })
        try #require(blindInUSEast1 > 0 && blindRegions.count > 4)
        let total = blindInUSEast1 * 16 + (blind - blindInUSEast1) * 14
        #expect(result.stdout.hasPrefix("wrote \(blind) cells (\(total) rules: 16 per cell in us-east-1; 14 per cell in us-east-2, "), "\(result.stdout)")
        #expect(result.stdout.contains(" more) to \(yaml); \(all.count - blind) not BLIND left out"), "\(result.stdout)")
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
        #expect(text.components(separatedBy: "      - account: ").count - 1 == blind)
        let lint = try Harness.runTool(["cfn-lint", yaml])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")

        let withSilent = org.out("fix-silent.yaml")
        let second = try export(org, ["--kind", "remediation", "--target", Self.target, "--include-silent", "--out", withSilent])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("wrote \(blind + silent) cells"))
    }

    @Test func terraformWritesTheRootAndItsModule() async throws {
        let org = try await Self.organization()
        let folder = org.root.appendingPathComponent("terraform")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = folder.appendingPathComponent("main.tf").path
        let result = try export(org, ["--kind", "remediation", "--format", "terraform", "--target", Self.target,
                                      "--region", "us-west-1", "--out", root])
        #expect(result.status == 0, "\(result.stderr)")
        let module = folder.appendingPathComponent("modules/trailgrid-forwarding/main.tf").path
        #expect(result.stdout.contains("to \(root) (and \(module))"))
        let text = try String(contentsOfFile: root, encoding: .utf8)
        #expect(text.contains("region = \"us-west-1\""))
        #expect(!text.contains("region = \"eu-west-1\""))
        #expect(FileManager.default.fileExists(atPath: module))
        if Harness.isOnPath("terraform") {
            let fmt = try Harness.runTool(["terraform", "fmt", "-check", "-recursive", folder.path])
            #expect(fmt.status == 0, "\(fmt.stdout)\(fmt.stderr)")
        }
    }

    @Test func anExistingFileIsKeptUnlessForced() async throws {
        let org = try await Self.organization()
        let path = org.out("report.csv")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try export(org, ["--kind", "report", "--format", "csv", "--out", path])
        #expect(refused.status == 1)
        #expect(refused.stderr == "trailgrid: \(path) exists (not overwritten); use --force to replace it\n")
        #expect(refused.stdout.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")

        let forced = try export(org, ["--kind", "report", "--format", "csv", "--out", path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("account,accountName,region,verdict"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: org.root.path).sorted() == ["feed", "inventory", "report.csv"])
    }

    @Test(arguments: [
        (["--kind", "report", "--format", "jsonl"], 2, "--format jsonl does not fit --kind report (use csv or json)"),
        (["--kind", "events", "--format", "terraform"], 2, "--format terraform does not fit --kind events (use jsonl or csv)"),
        (["--kind", "remediation"], 2, "--kind remediation needs --target ARN"),
        (["--kind", "remediation", "--target", "arn:aws:s3:::bucket"], 2, "is not an event bus, Kinesis stream, Firehose stream, Lambda function, SNS topic, SQS queue"),
        (["--kind", "remediation", "--target", "nonsense"], 2, "is not an ARN"),
        (["--kind", "report", "--target", target], 2, "--target applies only to --kind remediation"),
        (["--kind", "report", "--verdict", "PURPLE"], 2, "--verdict: unknown verdict PURPLE"),
        (["--kind", "remediation", "--target", target, "--verdict", "OK"], 1, "nothing to remediate"),
    ])
    func refusalsAreOneLine(arguments: [String], status: Int32, message: String) async throws {
        let org = try await Self.organization()
        let path = org.out("out.file")
        let result = try export(org, arguments + ["--out", path])
        #expect(result.status == status, "\(result.stderr)")
        // The reason is one line; warnings about the input (the demo feed has
        // damaged records) may come before it.
        let reasons = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("trailgrid: warning:") }
        #expect(reasons.count == 1 && reasons[0].hasPrefix("trailgrid: ") && reasons[0].contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aMissingFolderFailsWithoutAPartialFile() async throws {
        let org = try await Self.organization()
        let path = org.root.appendingPathComponent("no/such/folder/events.jsonl").path
        let result = try export(org, ["--kind", "events", "--out", path])
        #expect(result.status == 1)
        let reasons = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("trailgrid: warning:") }
        #expect(reasons.count == 1 && reasons[0].contains("No such file or directory") && reasons[0].contains("no file was written"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: org.root.path).sorted() == ["feed", "inventory"])
    }
}
