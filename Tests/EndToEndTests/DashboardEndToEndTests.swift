import Foundation
import Testing

/// The real binary in tmux: what a person sees and types.
@Suite(.serialized) struct DashboardEndToEndTests {
    let binary = Harness.binary.path

    @Test func demoShowsTheGridAndALiveFeedAndQuitsCleanly() throws {
        let tmux = try Tmux("\(binary) demo --seed 1 --rate 50", directory: Harness.temporaryDirectory())
        let screen = try tmux.wait(for: "live feed: [1-9][0-9]* matched")
        #expect(screen.contains("prod-payments"))
        #expect(screen.contains("use1 use2"))
        #expect(screen.range(of: "STOPPED [1-9]", options: .regularExpression) != nil)
        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }

    @Test func regionFilterHelpAndResize() throws {
        let tmux = try Tmux("\(binary) demo --seed 1", columns: 120, rows: 40, directory: Harness.temporaryDirectory())
        try tmux.wait(for: "account \\\\ region")
        try tmux.press("r")
        try tmux.wait(for: "region filter")
        try tmux.type("eu")
        try tmux.press("Enter")
        let filtered = try tmux.wait(for: "\\[r=eu\\]")
        #expect(filtered.contains("euw1") && !filtered.contains("use1"))
        try tmux.press("?")
        try tmux.wait(for: "Verdicts")
        try tmux.press("Escape")
        try tmux.wait(for: "live feed")
        try tmux.resize(columns: 70, rows: 20)
        try tmux.wait(for: "(?i)too small")
        try tmux.resize(columns: 120, rows: 40)
        try tmux.wait(for: "live feed")
        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }

    @Test func hostileEventTextDoesNotRetitleTheTerminal() throws {
        // The simulator writes a user agent with OSC 0 ("set title: owned") every 150 calls.
        let tmux = try Tmux("\(binary) demo --seed 1 --rate 400", directory: Harness.temporaryDirectory())
        try tmux.wait(for: "read [0-9]{4,}", timeout: 40)
        try tmux.press("/")
        try tmux.type("curl")
        try tmux.press("Enter")
        let screen = try tmux.wait(for: "live feed: [1-9][0-9]* matched of", timeout: 40)
        try tmux.press("Enter")
        let detail = try tmux.wait(for: "userAgent")
        // Shown as text (JSON-escaped in the record view), never obeyed.
        #expect(detail.contains("]0;owned"))
        #expect(!tmux.title.contains("owned"))
        #expect(!screen.contains("\u{1B}"))
        try tmux.press("Escape", "q")
        try tmux.wait(for: "\\[exited 0\\]")
    }

    @Test func noColorKeepsVerdictsApartByGlyph() throws {
        let tmux = try Tmux("\(binary) demo --seed 1", directory: Harness.temporaryDirectory(), environment: ["NO_COLOR": "1"])
        let screen = try tmux.wait(for: "account \\\\ region")
        for glyph in ["●", "◐", "○", "■", "·"] { #expect(screen.contains(glyph), "missing \(glyph)") }
        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }

    @Test func notATerminalIsAClearError() throws {
        let result = try Harness.run(["demo", "--seed", "1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("terminal"))
    }
}
