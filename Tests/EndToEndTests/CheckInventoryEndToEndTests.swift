import Foundation
import Testing

/// `trailgrid check` on inventories with files missing or unreadable (issue
/// 15, part 3): it names them on stderr, judges what it can, and exits 2
/// when something could not be read unless told `--allow-partial`; a usage
/// error exits 2 as its help says.
///
/// The inventories are assembled from the aws CLI's own output (the
/// `inventory-org` fixture, taken from samples/inventory-shapes): a
/// management account whose organization trail `org-trail` is stopped, and
/// a member that listed eu-west-1's trails and saw none (as the emulator
/// writes them: it does not show organization trails to members).
@Suite struct CheckInventoryEndToEndTests {
    static let management = "123456789012"
    static let member = "766834082812"
    static let source = Harness.fixtures.appendingPathComponent("inventory-org")

    /// The inventory, with accounts.json or without.
    func inventory(accounts: Bool) throws -> URL {
        let root = Harness.temporaryDirectory().appendingPathComponent("inventory")
        var files = ["\(Self.management)/us-east-1/trails.json",
                     "\(Self.management)/us-east-1/trail-status/org-multi.json", "\(Self.management)/us-east-1/trail-status/org-trail.json",
                     "\(Self.management)/us-east-1/event-selectors/org-multi.json", "\(Self.management)/us-east-1/event-selectors/org-trail.json"]
        if accounts { files.append("accounts.json") }
        for file in files {
            let target = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.source.appendingPathComponent(file), to: target)
        }
        try write(#"{"trailList": []}"#, "\(Self.member)/eu-west-1/trails.json", in: root)
        return root
    }

    func write(_ text: String, _ relative: String, in root: URL) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func cells(_ stdout: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]], "not a JSON array: \(stdout.prefix(300))")
    }

    func cell(_ cells: [[String: Any]], _ account: String, _ region: String) -> [String: Any]? {
        cells.first { $0["account"] as? String == account && $0["region"] as? String == region }
    }

    @Test func withoutAccountsJSONTheMemberIsUnknownAndTheMissingFileNamed() throws {
        let root = try inventory(accounts: false)
        // Missing files are not errors, and the member is neither DARK nor STOPPED.
        // (The management account's us-east-1 is BLIND: its write-only trail misses reads.)
        let check = try Harness.run(["check", "--inventory", root.path, "--format", "json", "--fail-on", "DARK,STOPPED"])
        #expect(check.status == 0, "stderr: \(check.stderr)")
        let member = try #require(cell(try cells(check.stdout), Self.member, "eu-west-1"))
        #expect(member["verdict"] as? String == "UNKNOWN")
        #expect((member["reason"] as? String)?.contains("organization membership of \(Self.member) unknown (no readable accounts.json)") == true,
                "\(member)")
        #expect(check.stderr.contains("trailgrid: inventory: missing accounts.json: organization membership unknown"), "\(check.stderr)")
        #expect(check.stderr.contains("missing trails.json in 33 regions"), "\(check.stderr)")
        #expect(check.stderr.contains("of \(Self.member): a regional trail there may exist unseen"))
        #expect(!check.stderr.contains("unreadable"))
        // Failing on UNKNOWN is the reader's choice.
        let strict = try Harness.run(["check", "--inventory", root.path, "--fail-on", "UNKNOWN"])
        #expect(strict.status == 1)
        #expect(try Harness.run(["check", "--inventory", root.path]).status == 1)
    }

    @Test func withAccountsJSONTheStoppedOrganizationTrailDecides() throws {
        let root = try inventory(accounts: true)
        let check = try Harness.run(["check", "--inventory", root.path, "--format", "json"])
        #expect(check.status == 1, "stderr: \(check.stderr)")
        let cells = try cells(check.stdout)
        #expect(cell(cells, Self.member, "eu-west-1")?["verdict"] as? String == "STOPPED")
        // Not collected: a regional trail of the member's may log there.
        let west2 = try #require(cell(cells, Self.member, "eu-west-2"))
        #expect(west2["verdict"] as? String == "UNKNOWN")
        #expect((west2["reason"] as? String)?.contains("no trails.json collected for \(Self.member)/eu-west-2") == true, "\(west2)")
        #expect(!check.stderr.contains("missing accounts.json"))
    }

    @Test func anUnreadableFileExitsTwoAfterTheGridUnlessAllowPartial() throws {
        let root = try inventory(accounts: true)
        try write(#"{"trailList": ["#, "\(Self.member)/us-east-1/trails.json", in: root)
        let check = try Harness.run(["check", "--inventory", root.path, "--format", "json"])
        #expect(check.status == 2, "stderr: \(check.stderr)")
        // What could be judged is printed all the same.
        let cells = try cells(check.stdout)
        #expect(cell(cells, Self.member, "eu-west-1")?["verdict"] as? String == "STOPPED")
        let east = try #require(cell(cells, Self.member, "us-east-1"))
        #expect(east["verdict"] as? String == "UNKNOWN")
        #expect((east["reason"] as? String)?.contains("trails.json for \(Self.member)/us-east-1 unreadable") == true, "\(east)")
        #expect(check.stderr.contains("trailgrid: inventory: unreadable: \(root.path)/\(Self.member)/us-east-1/trails.json: not JSON"), "\(check.stderr)")
        #expect(check.stderr.contains("--allow-partial"))

        let partial = try Harness.run(["check", "--inventory", root.path, "--allow-partial"])
        #expect(partial.status == 1, "stderr: \(partial.stderr)")
        #expect(partial.stdout.contains("X STOPPED"))
        #expect(partial.stderr.contains("unreadable"))
    }

    @Test func anEmptyInventoryExitsTwoUnlessAllowPartial() throws {
        let root = Harness.temporaryDirectory()
        let check = try Harness.run(["check", "--inventory", root.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("no account found"), "\(check.stderr)")
        #expect(try Harness.run(["check", "--inventory", root.path, "--allow-partial"]).status == 0)
    }

    @Test func usageErrorsExitTwoAsTheHelpSays() throws {
        let help = try Harness.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit status:"))
        #expect(help.stdout.contains("2  a usage error"))
        #expect(help.stdout.contains("--allow-partial"))
        let root = try inventory(accounts: true)
        for arguments in [["check"], ["check", "--inventory", root.path, "--no-such-option"],
                          ["check", "--inventory", root.path, "--heartbeat-minutes", "0"],
                          ["check", "--inventory", root.path, "--format", "yaml"],
                          ["check", "--inventory", root.path, "--fail-on", "PURPLE"],
                          ["check", "--inventory", root.path.appending("/nonexistent")]] {
            let result = try Harness.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(!result.stderr.isEmpty, "\(arguments) said nothing")
        }
        // Other commands' usage errors too: one exit code for "cannot use this input".
        #expect(try Harness.run(["scan"]).status == 2)
        #expect(try Harness.run(["no-such-command"]).status == 2)
    }
}
