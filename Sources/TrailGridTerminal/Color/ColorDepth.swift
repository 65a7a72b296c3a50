/// How many colors the terminal can show, decided once at start-up
/// (STYLE.md §3.11, htop's `NO_COLOR` check, btop's 256-color ladder).
public enum ColorDepth: Sendable, Hashable, CaseIterable {
    /// No colors: attributes only (`NO_COLOR`, `--no-color`, `TERM=dumb`,
    /// or a terminal without color).
    case monochrome
    /// The 8 basic ANSI colors.
    case ansi8
    /// The 16 ANSI colors.
    case ansi16
    /// The xterm 256-color palette.
    case palette256
    /// 24-bit color, only when terminfo says so (a `*-direct` TERM): color
    /// numbers are then `0xRRGGBB`.
    case direct

    /// The depth to use.
    ///
    /// - Parameters:
    ///   - environment: reads `NO_COLOR` (set and non-empty disables color,
    ///     per no-color.org) and `TERM`.
    ///   - forceMonochrome: the `--no-color` flag.
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - colors: ncurses' `COLORS` after `start_color` (or terminfo's `colors`).
    public static func detect(
        environment: [String: String], forceMonochrome: Bool = false, hasColors: Bool, colors: Int
    ) -> ColorDepth {
        if forceMonochrome || !(environment["NO_COLOR"] ?? "").isEmpty { return .monochrome }
        if environment["TERM"] == "dumb" || !hasColors { return .monochrome }
        switch colors {
        case 0x1000000...: return .direct
        case 256...: return .palette256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .monochrome
        }
    }
}
