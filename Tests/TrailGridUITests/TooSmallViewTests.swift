import Testing
@testable import TrailGridUI

@Suite struct TooSmallViewTests {
    @Test func explainsTheSizeCentred() {
        let canvas = TooSmallView.render(size: TerminalSize(columns: 40, rows: 5))
        #expect(canvas.lines == [
            "                                        ",
            "           Terminal too small           ",
            "           40×5, needs 80×24            ",
            " Enlarge the window, or press q to quit ",
            "                                        ",
        ])
    }

    @Test(arguments: [(0, 0), (1, 1), (20, 5), (79, 23)])
    func rendersAtAnySmallSize(columns: Int, rows: Int) {
        let canvas = TooSmallView.render(size: TerminalSize(columns: columns, rows: rows))
        #expect(canvas.width == columns && canvas.height == rows)
        for line in canvas.lines { #expect(DisplayWidth.of(line) == columns) }
    }

    @Test func minimumSizeCheck() {
        #expect(TerminalSize(columns: 80, rows: 24).fits(.minimum))
        #expect(!TerminalSize(columns: 79, rows: 50).fits(.minimum))
        #expect(!TerminalSize(columns: 200, rows: 23).fits(.minimum))
    }
}
