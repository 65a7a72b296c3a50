import Testing
import TrailGridUI
@testable import TrailGridTerminal

@Suite struct ColorMappingTests {
    private func number(_ text: String, _ depth: ColorDepth) -> Int32 {
        ColorMapping.colorNumber(Color(parsing: text) ?? .default, depth: depth)
    }

    @Test func pureRedMapsAtEveryDepth() {
        #expect(number("#ff0000", .palette256) == 196)
        #expect(number("#ff0000", .ansi16) == 9)
        #expect(number("#ff0000", .ansi8) == 1)
        // TERM=xterm: the default theme's dim grey for OFF is white, not black on a dark terminal.
        #expect(number("#585858", .ansi8) == 7)
        #expect(number("#101010", .ansi8) == 0)
        #expect(number("#ff0000", .direct) == 0xFF0000)
        #expect(number("#ff0000", .monochrome) == -1)
    }

    @Test func greysUseTheGreyscaleRamp() {
        #expect(ColorMapping.nearest256((128, 128, 128)) == 244)
        #expect(ColorMapping.nearest256((0x30, 0x30, 0x30)) == 236)
        #expect(ColorMapping.nearest256((0x26, 0x26, 0x26)) == 235)
        #expect(ColorMapping.nearest256((0, 0, 0)) == 16)
        #expect(ColorMapping.nearest256((255, 255, 255)) == 231)
    }

    @Test func cubeColorsMapExactly() {
        // Every color of the default theme is a cube or ramp color: exact round trip.
        for index in UInt8(16)...UInt8(255) {
            let rgb = ColorMapping.paletteRGB(index)
            #expect(ColorMapping.paletteRGB(ColorMapping.nearest256(rgb)) == rgb)
        }
        #expect(number("#5fafff", .palette256) == 75)
        #expect(number("#d70000", .palette256) == 160)
    }

    @Test func nearestANSIPicksTheObviousColor() {
        #expect(ColorMapping.nearestANSI((0, 200, 0), count: 16) == 2)
        #expect(ColorMapping.nearestANSI((0, 255, 0), count: 16) == 10)
        #expect(ColorMapping.nearestANSI((10, 10, 10), count: 8) == 0)
        #expect(ColorMapping.nearestANSI((250, 250, 250), count: 8) == 7)
        #expect(ColorMapping.nearestANSI((250, 250, 250), count: 16) == 15)
        #expect(ColorMapping.nearestANSI((0x5f, 0xaf, 0xff), count: 16) == 12)
    }

    @Test func namedAndIndexedColorsDegrade() {
        #expect(number("default", .palette256) == -1)
        #expect(number("red", .ansi8) == 1)
        #expect(number("bright-red", .ansi8) == 1)
        #expect(number("bright-red", .ansi16) == 9)
        #expect(number("bright-red", .palette256) == 9)
        #expect(number("196", .palette256) == 196)
        #expect(number("196", .ansi16) == 9)
        #expect(number("3", .ansi16) == 3)
        #expect(number("12", .ansi8) == 4)
        #expect(number("red", .direct) == 1)
        #expect(number("21", .direct) == 0x0000FF)
        #expect(number("#000000", .direct) == 8)
    }

    @Test func depthIsDecidedFromEnvironmentAndTerminal() {
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], hasColors: true, colors: 256) == .monochrome)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], hasColors: true, colors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: ["TERM": "dumb"], hasColors: true, colors: 8) == .monochrome)
        #expect(ColorDepth.detect(environment: [:], forceMonochrome: true, hasColors: true, colors: 256) == .monochrome)
        #expect(ColorDepth.detect(environment: [:], hasColors: false, colors: 256) == .monochrome)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 16) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 8) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 0x1000000) == .direct)
    }

    @Test func monochromeTurnsSolidBlocksIntoReverseVideo() {
        let cursor = Style(foreground: .ansi(0), background: .ansi(4), attributes: .bold)
        #expect(ColorMapping.attributes(for: cursor, depth: .monochrome) == [.bold, .reverse])
        #expect(ColorMapping.attributes(for: cursor, depth: .palette256) == .bold)
        let stripe = Style(background: .indexed(235))
        #expect(ColorMapping.attributes(for: stripe, depth: .monochrome) == [])
    }

    @Test func pairsAreAllocatedLazilyAndReused() {
        var cache = ColorPairCache(capacity: 3)
        var defined: [[Int32]] = []
        let define = { (pair: Int32, fg: Int32, bg: Int32) -> Bool in
            defined.append([pair, fg, bg])
            return true
        }
        #expect(cache.pair(foreground: -1, background: -1, define: define) == 0)
        #expect(cache.pair(foreground: 196, background: -1, define: define) == 1)
        #expect(cache.pair(foreground: 196, background: -1, define: define) == 1)
        #expect(cache.pair(foreground: 2, background: 0, define: define) == 2)
        // Out of pairs: the default pair keeps text readable.
        #expect(cache.pair(foreground: 3, background: 0, define: define) == 0)
        #expect(defined == [[1, 196, -1], [2, 2, 0]])
        #expect(cache.count == 2)
    }
}
