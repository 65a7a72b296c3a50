/// How many terminal columns text takes, measured per grapheme the way
/// terminals do (wcwidth-like): East Asian wide and fullwidth characters and
/// emoji take 2, combining marks and zero-width characters take 0.
///
/// Swift's stdlib has no East Asian Width property, so the wide ranges below
/// come from Unicode's EastAsianWidth.txt (W and F) outside the emoji blocks;
/// emoji are recognised with `isEmojiPresentation` or a VS16 selector.
public enum DisplayWidth {
    /// The columns one grapheme takes: 0, 1 or 2.
    ///
    /// - Complexity: O(1) for ASCII; a binary search over ~40 ranges otherwise.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if isZeroWidth(first) { return 0 }
        if isWide(value) || first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// The columns a whole string takes (the sum over its graphemes).
    ///
    /// - Complexity: O(n) in the string's length.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// `text`, sanitized (`TextSanitizer`), cut to at most `width` columns,
    /// ending with `ellipsis` when it was cut; a wide glyph that would
    /// straddle the edge is left out whole. Sanitizing first measures what
    /// the terminal will show, and never cuts an escape sequence in half.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let text = TextSanitizer.sanitize(text)
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        guard room >= 0 else { return truncate(text, to: width, ellipsis: "") }
        var result = ""
        var used = 0
        for character in text {
            let columns = of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// Whether a grapheme that starts with this character is a mark meant to
    /// sit on the previous one (it only happens when a string starts with it,
    /// since Swift's `Character` already clusters marks with their base).
    static func isCombiningMark(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator:
            return true
        default:
            break
        }
        let value = scalar.value
        return (0x1160...0x11FF).contains(value)  // Hangul medial vowels and final consonants
            || (0xFE00...0xFE0F).contains(value)  // variation selectors
            || (0xE0100...0xE01EF).contains(value)
            || value == 0x200B
    }

    private static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, sorted, emoji excluded.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1,
        0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE,
        0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
        0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
