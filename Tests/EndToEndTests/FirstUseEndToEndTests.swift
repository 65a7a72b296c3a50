import Foundation
import Testing

/// What a first-time user trips on, driven through the real binary in tmux
/// at 80×24 as issue 17 found it: the way out always on screen, help that
/// scrolls to its legend, hidden rows said, region codes that can be typed
/// back, prompts that replace their offered text, and the shell's exit codes.
@Suite(.serialized) struct FirstUseEndToEndTests {
    let binary = Harness.binary.path

    @Test func versionAndUsageErrorsSayWhatHelpSays() throws {
        let version = try Harness.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("trailgrid "), "\(version.stdout)")
        for arguments in [["demo", "--no-such-flag"], ["watch", "--heartbeat", "soon"], ["check", "--heartbeat", "0"], ["scan", "--format", "yaml"]] {
            let result = try Harness.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
        }
        let missing = try Harness.run(["check", "--inventory", "/no/such/inventory"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such directory"), "\(missing.stderr)")
    }

    @Test func at80x24TheWayOutHelpAndHiddenRowsAreOnScreen() throws {
        let directory = Harness.temporaryDirectory()
        let tmux = try Tmux("\(binary) demo --seed 1", columns: 80, rows: 24, directory: directory)
        // The hint bar keeps help and quit; the corner says rows are below the fold.
        try tmux.wait(for: "\\? F1 help +q quit")
        try tmux.wait(for: "accounts 1–[0-9]+ of 12 ↓")
        // Help scrolls (j, PgDn, G) to its legend instead of closing; q closes it.
        try tmux.press("?")
        try tmux.wait(for: " help ")
        try tmux.press("j")
        try tmux.press("PgDn")
        try tmux.press("G")
        try tmux.wait(for: "Esc, q or \\? closes this help")
        try tmux.wait(for: "Verdicts")
        try tmux.press("q")
        try tmux.wait(for: "accounts 1–[0-9]+ of 12")
        // The header's region code typed back; the next filter replaces it instead of appending.
        try tmux.press("r")
        try tmux.type("euw1")
        try tmux.press("Enter")
        try tmux.wait(for: "(region|↓) +euw1\\s")
        try tmux.press("r")
        try tmux.type("use1,apse2")
        try tmux.press("Enter")
        let screen = try tmux.wait(for: "(region|↓) +use1 +apse2\\s")
        #expect(!screen.contains("euw1use1"))
        // Ctrl-C leaves with 130, as shells report an interrupted program.
        try tmux.press("C-c")
        try tmux.wait(for: "\\[exited 130\\]")
    }
}
