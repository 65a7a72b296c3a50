/// Matching a pattern in which a star stands for any run (possibly empty)
/// against a text, element by element: the wildcard operator of event
/// patterns (on UTF-8 bytes) and the dashboard's region filter (on
/// characters, with `?`) differ only in what an element is.
public enum StarMatch {
    /// The classic two-pointer match: linear in practice, and it backtracks
    /// only to the most recent star, so no input is exponential, and it
    /// never recurses.
    ///
    /// - Parameters:
    ///   - isStar: whether pattern element `p` is a star.
    ///   - matchesOne: whether pattern element `p` matches text element `t`
    ///     on its own; tried before `isStar`.
    @inlinable
    public static func matches(
        patternCount: Int, textCount: Int, isStar: (_ p: Int) -> Bool, matchesOne: (_ p: Int, _ t: Int) -> Bool
    ) -> Bool {
        var p = 0
        var t = 0
        var star = -1
        var mark = 0
        while t < textCount {
            if p < patternCount && matchesOne(p, t) {
                p += 1
                t += 1
            } else if p < patternCount && isStar(p) {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < patternCount && isStar(p) { p += 1 }
        return p == patternCount
    }
}
