#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a feed file's top-level value: a container's elements are left
/// unparsed so each can fail on its own, and a get-records line's `Data` is
/// located, not copied.
extension FeedDecoder {
    // MARK: - Top level

    enum TopLevel {
        /// `data`: the byte range of a top-level `Data` string without
        /// escapes (a get-records line), left out of the value.
        case single(JSONValue, data: Range<Int>?)
        /// Byte ranges of the elements of a top-level array, or of the
        /// `Records`/`Events` array of a top-level object.
        case container([Range<Int>])
    }

    /// Parses the top-level value, but leaves the elements of a record
    /// container unparsed so each can fail (and be counted) on its own.
    func readTopLevel(_ parser: inout JSONParser) throws(JSONParseError) -> TopLevel {
        parser.skipWhitespace()
        guard parser.index < parser.count else { throw parser.error("empty input") }
        let result: TopLevel
        switch parser.base[parser.index] {
        case UInt8(ascii: "["):
            result = .container(try elementRanges(&parser))
        case UInt8(ascii: "{"):
            try parser.enterContainer()
            parser.index += 1
            var members: [JSONMember] = []
            var elements: [Range<Int>]?
            var data: Range<Int>?
            parser.skipWhitespace()
            if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "}") {
                parser.index += 1
            } else {
                while true {
                    parser.skipWhitespace()
                    guard parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "\"") else {
                        throw parser.error("expected a string key")
                    }
                    // Keys are compared as bytes: a get-records line then builds no String at all.
                    let keyStart = parser.index
                    let plainKey = try parser.skipString()
                    let keyEnd = parser.index
                    let rawKey = UnsafeRawBufferPointer(start: parser.base + keyStart + 1, count: keyEnd - keyStart - 2)
                    // A constant: a `var` captured by `isKey` was checked for exclusive access on every key.
                    let escapedKey: String?
                    if plainKey {
                        escapedKey = nil
                    } else {
                        parser.index = keyStart
                        escapedKey = try parser.parseString()
                        parser.index = keyEnd
                    }
                    func isKey(_ name: StaticString) -> Bool {
                        if let escapedKey { return escapedKey == name.description }
                        return rawKey.count == name.utf8CodeUnitCount && memcmp(rawKey.baseAddress!, name.utf8Start, rawKey.count) == 0
                    }
                    parser.skipWhitespace()
                    try parser.expect(UInt8(ascii: ":"), "expected ':' after an object key")
                    parser.skipWhitespace()
                    let next = parser.index < parser.count ? parser.base[parser.index] : 0
                    let node = escapedKey.map { paths.child(of: FlatPaths.root, key: $0) } ?? paths.child(of: FlatPaths.root, key: rawKey)
                    if isKey("Records") || isKey("Events"), next == UInt8(ascii: "[") {
                        elements = try elementRanges(&parser)
                    } else if isKey("Data"), next == UInt8(ascii: "\""), let range = plainStringRange(&parser) {
                        // Base64 has no escapes: decode it from these bytes, no String in between.
                        data = range
                    } else if let node {
                        // Pruned: a member no one reads is validated and skipped.
                        let key = escapedKey ?? String(decoding: rawKey, as: UTF8.self)
                        members.append(JSONMember(key, try parser.parseValue(keeping: node, of: paths)))
                        if key == "Data" { data = nil }
                    } else {
                        try parser.skipValue()
                    }
                    parser.skipWhitespace()
                    if try parser.endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
                }
            }
            parser.depth -= 1
            result = elements.map(TopLevel.container) ?? .single(.object(members), data: data)
        default:
            throw parser.error("a feed record must be a JSON object or array")
        }
        parser.skipWhitespace()
        guard parser.index == parser.count else { throw parser.error("unexpected data after the JSON value") }
        return result
    }

    /// The byte range of the string at the cursor, moving past it, when it
    /// has no escapes; nil (the cursor unmoved) otherwise. Found in one
    /// vector pass (`ByteScan`; it was a `memchr` for the quote, then one for
    /// a backslash before it): the Data of a get-records line is most of its
    /// bytes. What lies between the quotes is not validated as JSON here;
    /// base64 decoding, which accepts only its alphabet, does that.
    func plainStringRange(_ parser: inout JSONParser) -> Range<Int>? {
        let start = parser.index + 1
        var cursor = start
        while true {
            // Stops at a quote, a backslash or a newline (the framer's stops;
            // a newline is only stepped over here).
            cursor = ByteScan.skipFramerString(parser.base, from: cursor, to: parser.count)
            guard cursor < parser.count else { return nil }
            switch parser.base[cursor] {
            case UInt8(ascii: "\""):
                parser.index = cursor + 1
                return start..<cursor
            case UInt8(ascii: "\\"):
                return nil
            default:
                cursor += 1
            }
        }
    }

    func elementRanges(_ parser: inout JSONParser) throws(JSONParseError) -> [Range<Int>] {
        try parser.enterContainer()
        parser.index += 1
        var ranges: [Range<Int>] = []
        parser.skipWhitespace()
        if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            parser.depth -= 1
            return ranges
        }
        while true {
            parser.skipWhitespace()
            let start = parser.index
            try parser.skipValue()
            ranges.append(start..<parser.index)
            parser.skipWhitespace()
            if try parser.endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
        }
        parser.depth -= 1
        return ranges
    }
}
