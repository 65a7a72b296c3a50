import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a JSON text was refused, and the byte offset where the parser stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) at byte \(offset)" }
}

/// A strict RFC 8259 parser over raw bytes.
///
/// Hand-written rather than Foundation's because ingestion needs number
/// literals and duplicate keys kept (see `JSONValue`), a nesting limit so that
/// hostile input cannot exhaust the stack, invalid UTF-8 refused rather than
/// repaired, and byte offsets of the elements of a container (`Records`).
public struct JSONParser: ~Copyable {
    /// Deeper nesting is refused: CloudTrail records nest a dozen levels, and
    /// the recursion must stay far from the stack limit of a pool thread.
    public static let defaultMaxDepth = 256

    let base: UnsafePointer<UInt8>
    let count: Int
    var index: Int
    var depth = 0
    let maxDepth: Int
    /// Scratch space for strings with escapes, reused across strings.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, startingAt start: Int = 0, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.base = base
        self.count = count
        self.index = start
        self.maxDepth = maxDepth
    }

    /// Parses `bytes` as exactly one JSON value with optional surrounding whitespace.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth, keeping paths: FlatPaths? = nil) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer, maxDepth: maxDepth, keeping: paths)
        }
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// - Parameter keeping: when given, only the members on these paths are
    ///   built (see `parseValue(keeping:of:)`); the text is validated all the same.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth, keeping paths: FlatPaths? = nil) throws(JSONParseError) -> JSONValue {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONParseError(message: "empty input", offset: 0)
        }
        var parser = JSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value: JSONValue
        if let paths {
            value = try parser.parseValue(keeping: FlatPaths.root, of: paths)
        } else {
            value = try parser.parseValue()
        }
        parser.skipWhitespace()
        guard parser.index == parser.count else {
            throw parser.error("unexpected data after the JSON value")
        }
        return value
    }

    // MARK: - Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < count else { throw error("unexpected end of input") }
        switch base[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character \(describeByte(base[index]))")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let key = try parseKey()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after an object key")
            skipWhitespace()
            members.append(JSONMember(key, try parseValue()))
            skipWhitespace()
            if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
        }
        depth -= 1
        return .array(items)
    }

    /// Consumes `,` (returns false) or the closing byte (returns true).
    mutating func endOfContainer(_ close: UInt8, _ message: String) throws(JSONParseError) -> Bool {
        guard index < count else { throw error("unexpected end of input") }
        let byte = base[index]
        index += 1
        if byte == UInt8(ascii: ",") { return false }
        if byte == close { return true }
        index -= 1
        throw error(message)
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
    }

    mutating func parseKey() throws(JSONParseError) -> String {
        guard index < count, base[index] == UInt8(ascii: "\"") else {
            throw error("expected a string key")
        }
        return try parseString()
    }

    // MARK: - Pruned parsing

    /// Parses the value at the cursor, building only the object members that
    /// lie on `paths` (from `node`); every other member is validated exactly
    /// as `parseValue` would and skipped without building anything.
    ///
    /// Ingest needs a dozen fields of a 1–2 KB record: a whole tree (a String
    /// per key and value, an array per object) was most of its cost.
    mutating func parseValue(keeping node: Int, of paths: FlatPaths) throws(JSONParseError) -> JSONValue {
        guard index < count, !paths.keepsAll(node) else { return try parseValue() }
        switch base[index] {
        case UInt8(ascii: "{"):
            try enterContainer()
            index += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < count, base[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyStart = index
                try skipString()
                let child = try memberNode(keyStart: keyStart, under: node, of: paths)
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after an object key")
                skipWhitespace()
                if let child {
                    members.append(JSONMember(child.key, try parseValue(keeping: child.node, of: paths)))
                } else {
                    try skipValue()
                }
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
            }
            depth -= 1
            return .object(members)
        case UInt8(ascii: "["):
            try enterContainer()
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(keeping: node, of: paths))
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
            }
            depth -= 1
            return .array(items)
        default:
            return try parseValue()
        }
    }

    /// The node of the (already validated) key that starts at `keyStart`,
    /// and the key itself, or nil when `paths` does not want the member.
    private mutating func memberNode(keyStart: Int, under node: Int, of paths: FlatPaths) throws(JSONParseError) -> (key: String, node: Int)? {
        let end = index
        let raw = UnsafeRawBufferPointer(start: base + keyStart + 1, count: end - keyStart - 2)
        if !raw.contains(UInt8(ascii: "\\")) {
            guard let child = paths.child(of: node, key: raw) else { return nil }
            return (String(decoding: raw, as: UTF8.self), child)
        }
        index = keyStart
        let key = try parseString()
        index = end
        return paths.child(of: node, key: key).map { (key, $0) }
    }

    // MARK: - Skipping (validates without building values)

    /// Validates the value at the cursor and moves past it.
    mutating func skipValue() throws(JSONParseError) {
        // The common case in one C loop; anything it leaves (non-ASCII
        // text, an error) is skipped here, reporting errors as before.
        let end = tg_skip_json_value(base, count, index, maxDepth > depth ? maxDepth - depth : 0)
        if end != TG_SKIP_GIVE_UP {
            index = end
            return
        }
        try skipValueHere()
    }

    /// `skipValue` without the C loop, for a value it gave up on (its
    /// members are not offered to it again, which for a value nested N deep
    /// would scan it N times).
    mutating func skipValueHere() throws(JSONParseError) {
        guard index < count else { throw error("unexpected end of input") }
        switch base[index] {
        case UInt8(ascii: "{"):
            try enterContainer()
            index += 1
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return }
            while true {
                skipWhitespace()
                guard index < count, base[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                try skipString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after an object key")
                skipWhitespace()
                try skipValueHere()
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
            }
            depth -= 1
        case UInt8(ascii: "["):
            try enterContainer()
            index += 1
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return }
            while true {
                skipWhitespace()
                try skipValueHere()
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
            }
            depth -= 1
        case UInt8(ascii: "\""):
            try skipString()
        default:
            _ = try parseValue()
        }
    }

    /// Validates a string without building it: an ASCII string without
    /// escapes (almost every string of a CloudTrail record) is only scanned.
    /// Returns true when it was such a plain string (its bytes are its text).
    @discardableResult
    mutating func skipString() throws(JSONParseError) -> Bool {
        let quote = index
        var cursor = ByteScan.skipPlainASCII(base, from: index + 1, to: count)
        while cursor < count {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return true
            }
            if byte == UInt8(ascii: "\\") || byte >= 0x80 || byte < 0x20 { break }
            cursor += 1
        }
        // Escapes or non-ASCII: validated in place; anything wrong is left
        // to `parseString`, which reports it exactly as decoding would.
        if let end = Self.endOfValidString(base, from: cursor, to: count) {
            index = end
            return false
        }
        index = quote
        _ = try parseString()
        return false
    }

    /// The offset just past the closing quote of a valid string whose
    /// remaining bytes start at `start`, or nil when the string is invalid
    /// or unterminated. Builds nothing: a skipped member with an escaped
    /// policy document or non-ASCII text used to be decoded into a String
    /// only to be thrown away.
    static func endOfValidString(_ base: UnsafePointer<UInt8>, from start: Int, to count: Int) -> Int? {
        var cursor = start
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < count && base[offset] >= low && base[offset] <= high
        }
        while cursor < count {
            let byte = base[cursor]
            switch byte {
            case UInt8(ascii: "\""):
                return cursor + 1
            case UInt8(ascii: "\\"):
                guard cursor + 1 < count else { return nil }
                switch base[cursor + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    cursor += 2
                case UInt8(ascii: "u"):
                    guard cursor + 6 <= count else { return nil }
                    for offset in (cursor + 2)..<(cursor + 6) where !base[offset].isHexDigit { return nil }
                    cursor += 6
                default:
                    return nil
                }
            case 0x00..<0x20:
                return nil
            case 0x20..<0x80:
                cursor += 1
            case 0xC2...0xDF:
                guard continuation(cursor + 1) else { return nil }
                cursor += 2
            case 0xE0...0xEF:
                let low: UInt8 = byte == 0xE0 ? 0xA0 : 0x80, high: UInt8 = byte == 0xED ? 0x9F : 0xBF
                guard continuation(cursor + 1, low, high), continuation(cursor + 2) else { return nil }
                cursor += 3
            case 0xF0...0xF4:
                let low: UInt8 = byte == 0xF0 ? 0x90 : 0x80, high: UInt8 = byte == 0xF4 ? 0x8F : 0xBF
                guard continuation(cursor + 1, low, high), continuation(cursor + 2), continuation(cursor + 3) else { return nil }
                cursor += 4
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: - Scalars

    mutating func parseString() throws(JSONParseError) -> String {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes, the bytes are the string.
        var high: UInt8 = 0
        index = ByteScan.skipPlainASCII(base, from: index, to: count)
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(start: base + start, count: index - start)
                index += 1
                // ASCII needs no validation; the generic validator costs more
                // than the rest of parsing (it looks up type metadata each call).
                if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw JSONParseError(message: "invalid UTF-8 in a string", offset: quote)
                }
                return text
            }
            high |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            index += 1
        }
        guard index < count else { throw JSONParseError(message: "unterminated string", offset: quote) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw JSONParseError(message: "invalid UTF-8 in a string", offset: quote)
                }
                return text
            }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            if byte != UInt8(ascii: "\\") {
                scratch.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < count else { break }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default:
                index -= 1
                throw error("invalid escape \\\(describeByte(escape))")
            }
        }
        throw JSONParseError(message: "unterminated string", offset: quote)
    }

    /// Decodes `\uXXXX` (and a following low surrogate). A lone surrogate
    /// cannot be held by a Swift `String`; it becomes U+FFFD, as browsers and
    /// Python's `surrogatepass`-less decoders do, rather than failing the record.
    mutating func appendUnicodeEscape() throws(JSONParseError) {
        var scalar = try parseHex4()
        if (0xD800...0xDBFF).contains(scalar) {
            if index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save
                    scalar = 0xFFFD
                }
            } else {
                scalar = 0xFFFD
            }
        } else if (0xDC00...0xDFFF).contains(scalar) {
            scalar = 0xFFFD
        }
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        UTF8.encode(unicode) { scratch.append($0) }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, isDigit(base[index]) else { throw error("invalid number") }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(base[index]) else { throw error("invalid number: digit expected after '.'") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else { throw error("invalid number: digit expected in exponent") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        return JSONNumber(text: text)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count,
              memcmp(base + index, literal.utf8Start, length) == 0
        else { throw error("invalid literal") }
        index += length
    }

    mutating func expect(_ byte: UInt8, _ message: String) throws(JSONParseError) {
        guard index < count, base[index] == byte else { throw error(message) }
        index += 1
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func error(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: index)
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }
}

@inline(__always)
func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
}

func describeByte(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count < 2 ? "0" + hex : hex)
}
