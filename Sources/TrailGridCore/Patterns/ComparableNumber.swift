/// Which number literals compare numerically, as event-ruler decides it.
///
/// event-ruler (`ComparableNumber.generate`) parses a literal as a
/// `BigDecimal`, takes its nearest double, and compares numerically only if
/// `BigDecimal.valueOf(double)` (the double's `Double.toString` digits) is
/// the same decimal as the literal. Anything else is "Cannot compare number"
/// in a `numeric` or numeric `anything-but` operand, and matches by its
/// literal text only as an exact value or in an event. So
/// `9007199254740993` (2^53 + 1) is not `9007199254740992`, and
/// `1152921504606846976` (2^60, which a double holds exactly) is not
/// comparable either, because the double's digits read
/// `1.152921504606847E18`: an account number or a sequence number that a
/// double would round can never equal a neighbour numerically.
///
/// The double's digits are its shortest round-trip form (Swift's
/// `description`), which is what `Double.toString` has printed since JDK 19.
/// JDK 17 and older sometimes printed a digit more (`1.0E23` as
/// `9.999999999999999E22`), so there a few such literals are not
/// comparable; and for the smallest subnormals (below 1e-322) Java pads a
/// one-digit form to the nearest two-digit one. Neither matters for any
/// number an AWS event carries.
enum ComparableNumber {
    /// The literal's double when event-ruler compares it numerically, else nil.
    static func value(_ literal: String) -> Double? {
        guard let value = Double(literal), value.isFinite else { return nil }
        // With at most 15 significant digits (DBL_DIG) a normal double's
        // shortest digits are the literal's own, so only longer literals,
        // subnormals and underflows to zero need their digits compared; a
        // numeric watch tests every event's number this way.
        let digits = significantDigits(literal)
        if digits <= 15 && (value.isNormal || digits == 0) { return value }
        return digitsMatch(literal, value) ? value : nil
    }

    /// Whether `value`'s shortest digits are `literal`'s decimal.
    static func digitsMatch(_ literal: String, _ value: Double) -> Bool {
        guard let exact = DecimalLiteral(literal), let shortest = DecimalLiteral(value.description) else { return false }
        return exact == shortest
    }

    /// The digits from the first non-zero one to the last, before any
    /// exponent: 0 for a zero, 1 for `100` or `0.001`.
    static func significantDigits(_ literal: String) -> Int {
        var first = -1
        var last = -1
        var position = 0
        for byte in literal.utf8 {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
            if byte != UInt8(ascii: "0") {
                if first < 0 { first = position }
                last = position
            }
            position += 1
        }
        return first < 0 ? 0 : last - first + 1
    }
}

/// A decimal number in lowest terms: `digits` (no leading or trailing
/// zeros) times ten to `exponent`, so two spellings of one value are equal
/// (`300`, `3.0e2`, `300.000`), with zero having no digits and no sign.
struct DecimalLiteral: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    /// Reads a JSON number (`-?int(.frac)?([eE][+-]?exp)?`), or Swift's
    /// `description` of a finite double, which has the same shape; nil for
    /// anything else.
    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var all: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                all.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            }
        }
        guard !all.isEmpty else { return nil }
        var written = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                // A finite double's exponent is within ±400, so saturating
                // keeps an absurd exponent absurd without overflowing.
                written = min(written * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
            }
            if exponentNegative { written = -written }
        }
        guard let first = all.firstIndex(where: { $0 != 0 }) else {
            negative = false
            digits = []
            exponent = 0
            return
        }
        let last = all.lastIndex(where: { $0 != 0 }) ?? first
        digits = Array(all[first...last])
        exponent = written - fractionDigits + (all.count - 1 - last)
    }
}
