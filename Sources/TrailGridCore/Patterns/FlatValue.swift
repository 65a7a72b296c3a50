/// A leaf's value, borrowed from the event's bytes for as long as a
/// matcher looks at it: what every pattern test reads.
enum FlatValue {
    case null
    case bool(Bool)
    case number(NumberLiteral)
    /// The string's UTF-8.
    case string(UnsafeRawBufferPointer)

    /// A number's literal; its double is worked out only when a numeric
    /// test asks (event numbers a pattern reads are rare).
    struct NumberLiteral {
        var text: UnsafeRawBufferPointer
        /// See `ComparableNumber`.
        var value: Double? { ComparableNumber.value(String(decoding: text, as: UTF8.self)) }
    }

    /// Calls `body` with the value of `leaf`, whose bytes are in `bytes`.
    @inline(__always)
    static func with<Result>(_ leaf: FlatLeaf, in bytes: UnsafeRawBufferPointer, _ body: (FlatValue) -> Result) -> Result {
        switch leaf.kind {
        case .null: return body(.null)
        case .false: return body(.bool(false))
        case .true: return body(.bool(true))
        case .number: return body(.number(NumberLiteral(text: slice(leaf, bytes))))
        case .string: return body(.string(slice(leaf, bytes)))
        case .escapedString:
            var text = decodeLiteral(leaf, in: bytes)
            return text.withUTF8 { body(.string(UnsafeRawBufferPointer($0))) }
        }
    }

    @inline(__always)
    private static func slice(_ leaf: FlatLeaf, _ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[Int(leaf.start)..<Int(leaf.start + leaf.count)])
    }

    /// The text of an `escapedString` leaf, whose literal was validated when
    /// the event was flattened.
    static func decodeLiteral(_ leaf: FlatLeaf, in bytes: UnsafeRawBufferPointer) -> String {
        let literal = slice(leaf, bytes)
        guard let base = literal.baseAddress else { return "" }
        var parser = JSONParser(base: base.assumingMemoryBound(to: UInt8.self), count: literal.count, maxDepth: 1)
        return (try? parser.parseString()) ?? ""
    }

    /// The value as one of its own.
    var scalar: FlatScalar {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(FlatNumber(text: String(decoding: number.text, as: UTF8.self)))
        case .string(let bytes): .string(String(decoding: bytes, as: UTF8.self))
        }
    }
}
