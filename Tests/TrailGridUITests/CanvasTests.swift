import Testing
@testable import TrailGridUI

@Test func blankCanvasReadsAsSpaces() {
    let canvas = Canvas(width: 3, height: 2)
    #expect(canvas.lines == ["   ", "   "])
}
