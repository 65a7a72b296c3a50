import Testing
import TrailGridCore
@testable import TrailGridUI

/// Marks and colours that hid what a cell says (issue 17): a marked cell
/// keeps its verdict's colour and glyph; in the built-in themes no two of
/// DARK, STOPPED, the cursor and a mark look alike.
@Suite struct MarkAndColourTests {
    func builtIn(_ name: String) -> Theme {
        ThemeCatalog(directories: []).load(name).theme
    }

    @Test func aMarkedCellKeepsItsVerdictsColourAndSaysStar() throws {
        var state = DashboardFixture.state(columns: 160, rows: 48)
        let cell = try #require(state.cursorCell)
        let verdictStyle = state.theme.style(for: state.verdict(cell))
        _ = DashboardFixture.press([.char(" "), .char("l")], &state)  // mark, then move the cursor off it
        let canvas = DashboardView.render(state)
        let layout = state.layout
        let x = layout.gridBody.x + GridView.rowHeaderWidth(state, total: layout.gridBody.width) + 1
        let drawn = try #require(canvas[x, layout.gridBody.y])
        #expect(drawn.style.foreground == verdictStyle.foreground && drawn.style.background == verdictStyle.background)
        #expect(drawn.style.attributes.contains(.underline))
        let next = try #require(canvas[x + 1, layout.gridBody.y])
        #expect(next.symbol == "*", "the mark is said in text too, for NO_COLOR")
    }

    @Test(arguments: ["default", "light", "high-contrast", "solarized-dark", "monochrome"])
    func darkStoppedAndTheCursorLookApart(name: String) {
        let theme = builtIn(name)
        #expect(theme[.verdictDark] != theme[.verdictStopped], "\(name): DARK and STOPPED alike")
        #expect(theme[.verdictDark].foreground != theme[.verdictStopped].foreground
                || theme[.verdictDark].background != theme[.verdictStopped].background
                || name == "monochrome", "\(name): DARK and STOPPED differ only by an attribute")
        // Reverse video is the cursor's alone in monochrome, so it stands out from every verdict.
        if name == "monochrome" {
            for verdict in Verdict.allCases {
                #expect(!theme.style(for: verdict).attributes.contains(.reverse), "\(verdict) uses the cursor's reverse")
            }
        }
    }
}
