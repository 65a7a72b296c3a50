import Testing
@testable import TrailGridUI

@Suite struct CanvasTests {
    @Test func blankCanvasReadsAsSpaces() {
        let canvas = Canvas(width: 3, height: 2)
        #expect(canvas.lines == ["   ", "   "])
    }

    @Test func textRoundTripsThroughLines() {
        let canvas = Canvas(lines: ["hello", "wide", "x"])
        #expect(canvas.width == 5)
        #expect(canvas.lines == ["hello", "wide ", "x    "])
    }

    @Test func putReturnsTheNextColumnAndClipsAtMaxWidth() {
        var canvas = Canvas(width: 10, height: 1)
        let next = canvas.put("abc", x: 2, y: 0)
        #expect(next == 5)
        canvas.put("0123456789", x: 5, y: 0, maxWidth: 3)
        #expect(canvas.lines == ["  abc012  "])
    }

    @Test func wideGlyphsTakeTwoColumnsAndKeepColumnsAligned() {
        var canvas = Canvas(width: 8, height: 2)
        canvas.put("日本|", x: 0, y: 0)
        canvas.put("ab|", x: 2, y: 1)
        #expect(canvas.lines == ["日本|   ", "  ab|   "])
        #expect(canvas[0, 0]?.width == 2)
        #expect(canvas[1, 0]?.isContinuation == true)
        // The bar sits in column 4 on both rows.
        #expect(canvas[4, 0]?.symbol == "|")
        #expect(canvas[4, 1]?.symbol == "|")
    }

    @Test func emojiIsTwoColumnsWide() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("🔥x", x: 0, y: 0)
        #expect(canvas.lines == ["🔥x "])
        #expect(DisplayWidth.of("🔥") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
    }

    @Test func wideGlyphThatDoesNotFitIsNotWritten() {
        var canvas = Canvas(width: 3, height: 1)
        canvas.put("a日本", x: 0, y: 0)
        #expect(canvas.lines == ["a日"])
        var limited = Canvas(width: 5, height: 1)
        limited.put("日本", x: 0, y: 0, maxWidth: 3)
        #expect(limited.lines == ["日   "])
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("日本語", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)  // the second half of 日
        #expect(canvas.lines == [" x本語"])
        canvas.put("y", x: 2, y: 0)  // the first half of 本
        #expect(canvas.lines == [" xy 語"])
        canvas.put("中", x: 3, y: 0)  // over the blank and the first half of 語
        #expect(canvas.lines == [" xy中 "])
        for cell in canvas.cells where cell.isContinuation {
            #expect(cell.symbol.isEmpty)
        }
    }

    @Test func combiningMarksJoinThePreviousCell() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("e\u{301}a", x: 0, y: 0)  // é as e + combining acute
        #expect(canvas.lines == ["e\u{301}a   "])
        #expect(canvas[0, 0]?.symbol == "e\u{301}")
        #expect(canvas[1, 0]?.symbol == "a")
        // A mark with nothing before it in the text is dropped.
        canvas.put("\u{301}b", x: 3, y: 0)
        #expect(canvas[3, 0]?.symbol == "b")
    }

    @Test func zeroWidthCharactersAreDropped() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("a\u{200B}b\u{FEFF}c", x: 0, y: 0)
        #expect(canvas.lines == ["abc "])
    }

    @Test func negativeColumnsAreClipped() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("abcdef", x: -2, y: 0)
        #expect(canvas.lines == ["cdef"])
        var wide = Canvas(width: 4, height: 1)
        wide.put("日本", x: -1, y: 0)
        #expect(wide.lines == [" 本 "])
    }

    @Test func putNeverLetsAControlCharacterIntoACell() {
        var canvas = Canvas(width: 30, height: 1)
        canvas.put("ua\u{1b}]0;owned\u{07}b\u{1b}[2Jc\u{7}\u{0}\u{9b}31m", x: 0, y: 0)
        #expect(canvas.lines[0].hasPrefix("uabc␇␀"))
        for cell in canvas.cells {
            for scalar in cell.symbol.unicodeScalars {
                #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value))
            }
        }
    }

    @Test func fillAndSetStyleStayInsideTheCanvas() {
        var canvas = Canvas(width: 4, height: 3)
        let red = Style(foreground: .ansi(1))
        canvas.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: "#", style: red)
        #expect(canvas.lines == ["    ", "  ##", "  ##"])
        canvas.setStyle(.plain.adding(.reverse), in: Rect(x: -5, y: 0, width: 6, height: 1))
        #expect(canvas[0, 0]?.style.attributes == .reverse)
        #expect(canvas[1, 0]?.style.attributes == [])
        #expect(canvas[3, 2]?.style == red)
    }

    @Test func fillWithAWideSymbolUsesSpaces() {
        var canvas = Canvas(width: 2, height: 1)
        canvas.fill(canvas.bounds, with: "日")
        #expect(canvas.lines == ["  "])
    }

    @Test func diffReportsRunsOfChangedRows() {
        let before = Canvas(lines: ["a", "b", "c", "d", "e"])
        var after = before
        after.put("x", x: 0, y: 1)
        after.put("y", x: 0, y: 2)
        after.put("z", x: 0, y: 4)
        #expect(after.diff(from: before) == [1..<3, 4..<5])
        #expect(before.diff(from: before).isEmpty)
        #expect(after.diff(from: Canvas(width: 2, height: 5)) == [0..<5])
        var styled = before
        styled.setStyle(Style(attributes: .bold), in: Rect(x: 0, y: 3, width: 1, height: 1))
        #expect(styled.diff(from: before) == [3..<4])
    }

    @Test(arguments: [(0, 0), (1, 1), (20, 5), (80, 24), (200, 60)])
    func writesNeverLeaveTheCanvas(width: Int, height: Int) {
        var canvas = Canvas(width: width, height: height)
        let samples = ["", "a", "日本語テキスト", "e\u{301}\u{301}", "🔥🔥🔥", String(repeating: "wide日", count: 80)]
        for y in [-3, -1, 0, 1, height / 2, height - 1, height, height + 7] {
            for x in [-300, -2, -1, 0, 1, width / 2, width - 2, width - 1, width, width + 9] {
                for text in samples {
                    for maxWidth in [nil, 0, 1, 3] as [Int?] {
                        canvas.put(text, x: x, y: y, maxWidth: maxWidth)
                    }
                }
                canvas.fill(Rect(x: x, y: y, width: 3, height: 2), with: "·")
            }
        }
        #expect(canvas.cells.count == width * height)
        #expect(canvas.lines.count == height)
        for line in canvas.lines {
            #expect(DisplayWidth.of(line) == width)
        }
        // Every continuation cell follows a wide cell.
        for y in 0..<height {
            let row = Array(canvas.row(y))
            for (x, cell) in row.enumerated() where cell.isContinuation {
                #expect(x > 0 && row[x - 1].width == 2)
            }
            if let last = row.last { #expect(last.width != 2) }
        }
    }

    @Test func negativeSizesMakeAnEmptyCanvas() {
        var canvas = Canvas(width: -4, height: -1)
        canvas.put("abc", x: 0, y: 0)
        #expect(canvas.width == 0 && canvas.height == 0 && canvas.lines.isEmpty)
    }
}
