import Testing
@testable import TrailGridCore

/// Numbers compare numerically only when their literal is exactly the
/// decimal of the nearest double's digits, as event-ruler's
/// `ComparableNumber.generate` decides; the rest match by text. Expectations
/// were checked against event-ruler at 337e8d9.
@Suite struct ComparableNumberTests {
    func matches(_ pattern: String, _ event: String) throws -> Bool {
        try EventPattern(json: pattern).matches(JSONParser.parse(event))
    }

    func error(_ pattern: String) -> String? {
        PatternErrorTests().error(pattern)?.message
    }

    @Test(arguments: [
        "300", "3.0e2", "300.000", "-0", "0.1", "0.30000000000000004", "123456789012", "9007199254740992",
        "18014398509481984", "100000000000000000000", "1E2", "1.7976931348623157e308",
    ])
    func comparable(literal: String) {
        #expect(ComparableNumber.value(literal) == Double(literal))
    }

    /// Beyond 2^53 most integers have no double of their own; 2^60 has one,
    /// but its digits read 1152921504606847000, so it is refused too.
    @Test(arguments: [
        "9007199254740993", "18014398509481985", "12345678901234567890", "1152921504606846976",
        "1.0000000000000001", "1e400", "-1e400", "1e-400",
    ])
    func notComparable(literal: String) {
        #expect(ComparableNumber.value(literal) == nil)
    }

    @Test func decimalsCompareInLowestTerms() {
        #expect(DecimalLiteral("300") == DecimalLiteral("3.0e2"))
        #expect(DecimalLiteral("300.000") == DecimalLiteral("0.3E+3"))
        #expect(DecimalLiteral("-0") == DecimalLiteral("0.0e7"))
        #expect(DecimalLiteral("1e-5") == DecimalLiteral("0.00001"))
        #expect(DecimalLiteral("9007199254740993") != DecimalLiteral("9.007199254740992e15"))
        #expect(DecimalLiteral("-1") != DecimalLiteral("1"))
        for bad in ["", "-", "1e", "1.2.3", "0x10", "1e+", "inf"] {
            #expect(DecimalLiteral(bad) == nil, "\(bad)")
        }
    }

    /// `value` skips comparing digits for short literals; it must answer as
    /// comparing them would, across lengths, exponents and subnormals.
    @Test func theShortcutAgreesWithComparingDigits() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var checked = 0
        for _ in 0..<20_000 {
            let length = Int(next() % 22) + 1
            var digits = String(next() % 9 + 1)
            for _ in 1..<length { digits.append(String(next() % 10)) }
            let point = Int(next() % UInt64(length + 1))
            var literal = point == 0 || point == length ? digits : String(digits.prefix(point)) + "." + digits.dropFirst(point)
            if next() % 2 == 0 { literal += "e\(Int(next() % 660) - 340)" }
            guard let double = Double(literal), double.isFinite else { continue }
            let expected: Double? = ComparableNumber.digitsMatch(literal, double) ? double : nil
            #expect(ComparableNumber.value(literal) == expected, "\(literal)")
            checked += 1
        }
        #expect(checked > 15_000)
    }

    /// An integer a double would round never equals or exceeds a bound by
    /// its rounded value; it still matches its own text exactly.
    @Test func integersBeyondDoublePrecisionMatchByTextOnly() throws {
        let event = #"{"detail":{"requestParameters":{"size":9007199254740993}}}"#
        #expect(try !matches(#"{"detail":{"requestParameters":{"size":[{"numeric":[">",1]}]}}}"#, event))
        #expect(try !matches(#"{"detail":{"requestParameters":{"size":[9007199254740992]}}}"#, event))
        #expect(try matches(#"{"detail":{"requestParameters":{"size":[9007199254740993]}}}"#, event))
        #expect(try !matches(#"{"n":[9007199254740993]}"#, #"{"n":9007199254740993.0}"#))
        #expect(try !matches(#"{"n":[12345678901234567890]}"#, #"{"n":12345678901234567891}"#))
        // Nothing numeric excludes it either.
        #expect(try matches(#"{"n":[{"anything-but":[1,2]}]}"#, #"{"n":9007199254740993}"#))
        // A number the double holds exactly still compares by value.
        #expect(try matches(#"{"n":[{"numeric":["=",9007199254740992]}]}"#, #"{"n":9007199254740992.0}"#))
        #expect(try matches(#"{"n":[1e20]}"#, #"{"n":100000000000000000000}"#))
    }

    /// An operand that must compare numerically is refused, not rounded.
    @Test func incomparableOperandsAreRejected() {
        #expect(error(#"{"n":[{"numeric":[">",9007199254740993]}]}"#) == "Cannot compare number : 9007199254740993")
        #expect(error(#"{"n":[{"numeric":["=",1152921504606846976]}]}"#) == "Cannot compare number : 1152921504606846976")
        #expect(error(#"{"n":[{"anything-but":9007199254740993}]}"#) == "Cannot compare number : 9007199254740993")
        #expect(error(#"{"n":[{"anything-but":[1,12345678901234567890]}]}"#) == "Cannot compare number : 12345678901234567890")
        #expect(error(#"{"n":[{"numeric":[">",9007199254740992]}]}"#) == nil)
    }
}
