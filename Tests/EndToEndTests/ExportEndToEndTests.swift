import Foundation
import Testing

/// The dashboard's `e` in tmux, as a responder uses it on `trailgrid demo
/// --seed 1`: mark two BLIND cells and three events, export every kind and
/// format into the working directory, then check the files themselves.
@Suite(.serialized) struct ExportEndToEndTests {
    let binary = Harness.binary.path
    static let target = "arn:aws:events:us-east-1:111100000000:event-bus/security-central"

    /// One export through the dialog: `e`, the choice, the target for a
    /// remediation, the proposed path (or `name`); returns the result line's file name.
    @discardableResult
    func export(_ tmux: Tmux, choice: Int, expecting result: String, name: String? = nil) throws -> String {
        try tmux.press("e")
        try tmux.wait(for: "Press 1–6 to choose")
        try tmux.type(String(choice))
        if choice >= 5 {
            try tmux.wait(for: "target ARN")
            try tmux.press("C-u")
            try tmux.type(Self.target)
            try tmux.press("Enter")
        }
        try tmux.wait(for: "export to: ")
        if let name {
            try tmux.press("C-u")
            try tmux.type(name)
        }
        try tmux.press("Enter")
        let screen = try tmux.wait(for: result)
        let line = try #require(screen.split(separator: "\n").first { $0.range(of: result, options: .regularExpression) != nil })
        return String(try #require(line.split(separator: " ").last))
    }

    @Test func marksAndExportsEveryKindFromTheDashboard() throws {
        let directory = Harness.temporaryDirectory()
        let scratch = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        // --keep and TMPDIR leave the demo's feed behind, to compare exported records with.
        let tmux = try Tmux("\(binary) demo --seed 1 --keep", directory: directory, environment: ["TMPDIR": scratch.path])
        try tmux.wait(for: "live feed: ([3-9]|[1-9][0-9]+) matched")

        // Two BLIND cells of log-archive (no rule there: a remediation adds them): only its BLIND cells
        // shown, mark two, clear the filters (marks stay). Without the account filter the cursor's
        // first cell can be an OK one whose column another account's BLIND cell keeps on screen.
        try tmux.press("a")
        try tmux.wait(for: "account filter")
        try tmux.type("log-archive")
        try tmux.press("Enter")
        try tmux.press("2")
        try tmux.wait(for: "\\[a=log-archive BLIND\\]")
        try tmux.press("Space")
        try tmux.press("Space")
        try tmux.wait(for: "2 cells marked")
        try tmux.press("Escape")
        try tmux.wait(for: "region +use1 ")
        // Three events: the feed paused so rows stay put, then marked from the top.
        try tmux.press("Tab")
        try tmux.press("p")
        try tmux.wait(for: "feed paused")
        try tmux.press("Space")
        try tmux.press("Space")
        try tmux.press("Space")
        try tmux.wait(for: "3 marked, 2 cells marked")

        let jsonl = try export(tmux, choice: 1, expecting: "wrote 3 events to trailgrid-events-[0-9]+\\.jsonl")
        let eventsCSV = try export(tmux, choice: 2, expecting: "wrote 3 events to trailgrid-events-[0-9]+\\.csv")
        let reportCSV = try export(tmux, choice: 3, expecting: "wrote 2 cells to trailgrid-report-[0-9]+\\.csv")
        let reportJSON = try export(tmux, choice: 4, expecting: "wrote 2 cells to trailgrid-report-[0-9]+\\.json")
        // usw1 and cac1: every watch but the two global-service ones, which live in us-east-1.
        let yaml = try export(tmux, choice: 5, expecting: "wrote 2 cells \\(14 rules each\\) to trailgrid-remediation-[0-9]+\\.yaml")
        try export(tmux, choice: 6, expecting: "wrote 2 cells \\(14 rules each\\) to trailgrid-remediation-[0-9]+\\.tf \\(and ./modules/trailgrid-forwarding/main.tf\\)")
        let tf = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".tf") })

        // The same name twice: the dashboard asks, and "n" keeps the file.
        try export(tmux, choice: 1, expecting: "wrote 3 events to evidence\\.jsonl", name: "evidence.jsonl")
        let evidence = try Data(contentsOf: directory.appendingPathComponent("evidence.jsonl"))
        try tmux.press("e")
        try tmux.wait(for: "Press 1–6 to choose")
        try tmux.type("2")
        try tmux.wait(for: "export to: ")
        try tmux.press("C-u")
        try tmux.type("evidence.jsonl")
        try tmux.press("Enter")
        try tmux.wait(for: "file exists, overwrite\\? \\(y/n\\)")
        try tmux.press("n")
        try tmux.wait(for: "export cancelled: the file was not overwritten")
        #expect(try Data(contentsOf: directory.appendingPathComponent("evidence.jsonl")) == evidence)

        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")

        func text(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

        // Events: three lines, each an original record as the demo's feed holds it.
        let records = try text(jsonl).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(records.count == 3)
        #expect(try Data(contentsOf: directory.appendingPathComponent(jsonl)) == evidence)
        let demo = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path).first { $0.hasPrefix("trailgrid-demo-") })
        let feed = scratch.appendingPathComponent(demo).appendingPathComponent("feed").path
        // A dedupe window of one keeps both channels' copies, whichever the dashboard saw first.
        let scan = try Harness.run(["scan", "--events", feed, "--all-watches", "--dedupe-window", "1", "--format", "jsonl"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let originals = Set(scan.stdout.split(separator: "\n").map(String.init))
        for record in records { #expect(originals.contains(record), "not an original record: \(record.prefix(200))") }

        let rows = try text(eventsCSV).components(separatedBy: "\r\n").dropLast()
        #expect(rows.first == "eventTime,account,awsRegion,eventSource,eventName,principal,sourceIPAddress,userAgent,errorCode,readOnly,eventID,eventType,detailType,channel,watches")
        #expect(rows.count == 4)

        // Report: the two marked cells, BLIND, in one account.
        let report = try text(reportCSV).components(separatedBy: "\r\n").dropLast()
        #expect(report.first == "account,accountName,region,verdict,trail,rules,reason")
        #expect(report.count == 3)
        #expect(report.dropFirst().allSatisfy { $0.split(separator: ",")[3] == "BLIND" })
        let cells = try #require(try JSONSerialization.jsonObject(with: Data(text(reportJSON).utf8)) as? [[String: Any]])
        #expect(cells.map { $0["verdict"] as? String } == ["BLIND", "BLIND"])
        #expect(Set(cells.map { $0["account"] as? String ?? "" }).count == 1)

        // Remediation: both cells deployed to; CloudFormation passes cfn-lint; Terraform has its module.
        let template = try text(yaml)
        #expect(template.components(separatedBy: "      - account: ").count - 1 == 2)
        try #require(Harness.isOnPath("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint); .ci/run installs it")
        let lint = try Harness.runTool(["cfn-lint", directory.appendingPathComponent(yaml).path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        // The two cells and the demo's central bus, whose policy must admit them.
        #expect(try text(tf).components(separatedBy: "provider \"aws\" {").count - 1 == 3)
        // The demo's accounts.json names its organization: the bus admits it, not account by account.
        #expect(try text(tf).contains("resource \"aws_cloudwatch_event_permission\" \"trailgrid_organization\""))
        #expect(template.contains("aws:PrincipalOrgID: 'o-"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("modules/trailgrid-forwarding/main.tf").path))
        // Nothing half-written anywhere.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
