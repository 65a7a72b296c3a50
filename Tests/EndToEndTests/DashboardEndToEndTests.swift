import Foundation
import Testing

/// The real binary in tmux: what a person sees and types.
@Suite(.serialized) struct DashboardEndToEndTests {
    let binary = Harness.binary.path

    @Test func demoShowsTheGridAndALiveFeedAndQuitsCleanly() throws {
        let tmux = try Tmux("\(binary) demo --seed 1 --rate 50", directory: Harness.temporaryDirectory())
        let screen = try tmux.wait(for: "live feed: [1-9][0-9]* matched")
        #expect(screen.contains("prod-payments"))
        #expect(screen.contains("use1  use2"))
        #expect(screen.range(of: "STOPPED [1-9]", options: .regularExpression) != nil)
        try tmux.press("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }

    @Test func regionFilterDetailMarksHelpResizeAndQuit() throws {
        let tmux = try Tmux("\(binary) demo --seed 1 --rate 60", columns: 120, rows: 40, directory: Harness.temporaryDirectory())
        try tmux.wait(for: "account \\\\ region")
        try tmux.press("r")
        try tmux.wait(for: "region filter")
        try tmux.type("eu-*")
        try tmux.press("Enter")
        // Only eu- columns, and (once some arrive) only eu- feed rows.
        let filtered = try tmux.wait(for: "\\[r=eu-\\*\\][\\s\\S]*live feed: [1-9]")
        #expect(filtered.contains("euw1") && !filtered.contains("use1"))
        let lines = filtered.split(separator: "\n").map(String.init)
        let title = try #require(lines.firstIndex { $0.contains("live feed:") })
        // Below the title, a row naming the columns, then the events.
        #expect(lines[title + 1].hasPrefix(" time        region account"), "\(lines[title + 1])")
        let rows = lines[(title + 2)...].prefix { $0.count > 16 && $0.range(of: "^.[0-9]{2}:[0-9]{2}:[0-9]{2} ", options: .regularExpression) != nil }
        #expect(!rows.isEmpty)
        for row in rows { #expect(Array(row)[13...14] == ["e", "u"], "not an eu- row: \(row)") }
        // Tab to the feed, Enter opens the event, Esc comes back.
        try tmux.press("Tab", "Enter")
        try tmux.wait(for: "\"eventName\"")
        try tmux.press("Escape")
        try tmux.wait(for: "live feed")
        // Space marks the event under the cursor.
        try tmux.press("Space")
        try tmux.wait(for: "1 marked")
        try tmux.press("?")
        try tmux.wait(for: "Verdicts")
        try tmux.press("Escape")
        try tmux.wait(for: "live feed")
        try tmux.resize(columns: 70, rows: 20)
        try tmux.wait(for: "(?i)too small")
        try tmux.resize(columns: 120, rows: 40)
        try tmux.wait(for: "live feed")
        try tmux.press("q")
        // The program ended and the shell is back (it prints the exit status).
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
