/// Hands out ncurses color pairs lazily, one per (foreground, background)
/// seen, up to the terminal's `COLOR_PAIRS` (htop allocates 64 up front;
/// a theme-driven UI needs only the pairs it uses).
struct ColorPairCache {
    private struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Colors: Int32] = [:]
    private var nextPair: Int32 = 1
    /// How many pairs the terminal has (`COLOR_PAIRS`); pair 0 is fixed.
    let capacity: Int32

    init(capacity: Int32) {
        self.capacity = capacity
    }

    /// The pair number for these colors (-1 = the terminal default), defining
    /// it with `define(pair, foreground, background)` the first time. Pair 0
    /// (default on default) is returned when the pairs run out or `define`
    /// fails, so text stays readable in the terminal's own colors.
    mutating func pair(
        foreground: Int32, background: Int32, define: (Int32, Int32, Int32) -> Bool
    ) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Colors(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard nextPair < capacity, define(nextPair, foreground, background) else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return pairs[key] ?? 0
    }

    /// How many pairs have been defined.
    var count: Int { pairs.count }
}
