/// `90s`, `15m`, `1h`, `30d`: the one way every option that takes a
/// duration reads it (`--heartbeat`, `--refresh`, `--retain`).
enum DurationText {
    /// Milliseconds, or nil for anything else; a bare number counts in
    /// `bareUnit` milliseconds, nil when the option needs a unit.
    static func milliseconds(_ text: String, bareUnit: Int64?) -> Int64? {
        let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        var digits = Substring(text)
        var unit = bareUnit
        if let last = text.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let unit, let count = Int64(digits), count > 0, count <= Int64.max / unit else { return nil }
        return count * unit
    }
}
