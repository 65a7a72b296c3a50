import TrailGridUI

/// Maps theme colors to the color numbers the terminal has: pure functions,
/// unit-tested, never redefining the user's palette (`init_color` is not used).
enum ColorMapping {
    /// The ncurses color number for `color` at `depth`; -1 is the terminal's
    /// default color. Monochrome has no color numbers: always -1.
    static func colorNumber(_ color: Color, depth: ColorDepth) -> Int32 {
        switch (color, depth) {
        case (.default, _), (_, .monochrome):
            return -1
        case (.ansi(let index), .direct) where index < 8:
            return Int32(index)
        case (.ansi(let index), .ansi8) where index >= 8:
            return Int32(index - 8)
        case (.ansi(let index), _) where index < 16:
            return Int32(index)
        case (.ansi(let index), _), (.indexed(let index), _):
            return indexedNumber(index, depth: depth)
        case (.rgb(let red, let green, let blue), _):
            return rgbNumber((red, green, blue), depth: depth)
        }
    }

    private static func indexedNumber(_ index: UInt8, depth: ColorDepth) -> Int32 {
        switch depth {
        case .palette256, .monochrome:
            return Int32(index)
        case .ansi16 where index < 16:
            return Int32(index)
        case .ansi8 where index < 8:
            return Int32(index)
        default:
            return rgbNumber(paletteRGB(index), depth: depth)
        }
    }

    private static func rgbNumber(_ rgb: (UInt8, UInt8, UInt8), depth: ColorDepth) -> Int32 {
        switch depth {
        case .direct:
            let packed = Int32(rgb.0) << 16 | Int32(rgb.1) << 8 | Int32(rgb.2)
            // xterm-direct sends numbers below 8 as the ANSI colors: step past them.
            return packed < 8 ? 8 : packed
        case .palette256:
            return Int32(nearest256(rgb))
        case .ansi16:
            return Int32(nearestANSI(rgb, count: 16))
        case .ansi8:
            // Eight colours have no grey: a dim grey (OFF cells, muted text)
            // would become black, invisible on a dark terminal. Any colour
            // that is not itself near black takes white instead.
            let nearest = nearestANSI(rgb, count: 8)
            return nearest == 0 && max(rgb.0, rgb.1, rgb.2) > 48 ? 7 : Int32(nearest)
        case .monochrome:
            return -1
        }
    }

    /// The nearest xterm-256 entry: the nearer of the nearest 6×6×6 cube color
    /// and the nearest greyscale-ramp color (btop's `truecolor_to_256`); the
    /// ramp wins for greys, where the cube has only 6 steps.
    static func nearest256(_ rgb: (UInt8, UInt8, UInt8)) -> UInt8 {
        let cubeIndex = { (value: UInt8) -> Int in
            value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40
        }
        let r = cubeIndex(rgb.0), g = cubeIndex(rgb.1), b = cubeIndex(rgb.2)
        let cube = UInt8(16 + 36 * r + 6 * g + b)
        let average = (Int(rgb.0) + Int(rgb.1) + Int(rgb.2)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = UInt8(232 + greyStep)
        return distance(rgb, paletteRGB(grey)) < distance(rgb, paletteRGB(cube)) ? grey : cube
    }

    /// The nearest of the first `count` (8 or 16) ANSI colors, using xterm's
    /// default palette as the reference.
    static func nearestANSI(_ rgb: (UInt8, UInt8, UInt8), count: Int) -> UInt8 {
        var best: UInt8 = 0
        var bestDistance = Int.max
        for index in 0..<UInt8(min(16, max(1, count))) {
            let candidate = distance(rgb, paletteRGB(index))
            if candidate < bestDistance {
                best = index
                bestDistance = candidate
            }
        }
        return best
    }

    /// The RGB value of an xterm-256 palette entry (xterm's defaults for 0–15).
    static func paletteRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            return ansiRGB[Int(index)]
        case 16..<232:
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let offset = Int(index) - 16
            return (levels[offset / 36], levels[offset / 6 % 6], levels[offset % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    private static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Squared distance, weighted for the eye's sensitivity (a cheap
    /// "redmean" approximation), so greens and blues are not confused.
    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let meanRed = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        // Parenthesised: in Swift `>>` binds tighter than `*`.
        return (((512 + meanRed) * dr * dr) >> 8) + 4 * dg * dg + (((767 - meanRed) * db * db) >> 8)
    }

    /// The attributes to draw `style` with at `depth`. Without colors, a style
    /// that sets both a foreground and a background is a solid block (cursor,
    /// header, key hints, STOPPED): it becomes reverse video so it stays visible.
    static func attributes(for style: Style, depth: ColorDepth) -> TextAttributes {
        var attributes = style.attributes
        if depth == .monochrome, style.foreground != .default, style.background != .default {
            attributes.formSymmetricDifference(.reverse)
        }
        return attributes
    }
}
