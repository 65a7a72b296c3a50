extension JSONParser {
    /// Parses `buffer` as exactly one JSON value, validating all of it as
    /// `parse` does, but builds no tree: only the leaves at `paths` are
    /// kept, filed by slot, with the top-level keys named as markers.
    ///
    /// This is ingest's hot path. A record is 1–2 KB of which the decoder and
    /// the watches read a dozen fields; building a tree of them and then
    /// flattening it cost more than reading the bytes.
    public static func flatten(_ document: [UInt8], paths: FlatPaths, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> FlatEvent {
        try flatten(document, paths: paths, maxDepth: maxDepth, into: [])
    }

    /// `flatten`, filing the leaves in `leaves` (its storage is reused).
    /// The event keeps `document`: its leaves are ranges of it.
    static func flatten(
        _ document: [UInt8], paths: FlatPaths, maxDepth: Int = defaultMaxDepth, into leaves: consuming [FlatLeaf]
    ) throws(JSONParseError) -> FlatEvent {
        var event = FlatEvent()
        event.leaves = consume leaves
        event.leaves.removeAll(keepingCapacity: true)
        event.leaves.reserveCapacity(32)
        try document.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                throw JSONParseError(message: "empty input", offset: 0)
            }
            var parser = JSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
            parser.skipWhitespace()
            try parser.flattenValue(node: FlatPaths.root, of: paths, positions: [], into: &event)
            parser.skipWhitespace()
            guard parser.index == parser.count else {
                throw parser.error("unexpected data after the JSON value")
            }
        }
        event.bytes = document
        return event
    }

    /// The value at the cursor, as `FlatEvent.add(_:node:paths:positions:)`
    /// would flatten its tree.
    mutating func flattenValue(
        node: Int, of paths: FlatPaths, positions: [ArrayPosition], into event: inout FlatEvent
    ) throws(JSONParseError) {
        guard index < count else { throw error("unexpected end of input") }
        switch base[index] {
        case UInt8(ascii: "{"):
            try enterContainer()
            index += 1
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipWhitespace()
                guard index < count, base[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyStart = index
                let plain = try skipString()
                let child = try childNode(keyStart: keyStart, plain: plain, under: node, of: paths)
                if node == FlatPaths.root, let child { event.markers |= paths.marker(of: child) }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after an object key")
                skipWhitespace()
                if let child {
                    try flattenValue(node: child, of: paths, positions: positions, into: &event)
                } else {
                    try skipValue()
                }
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
            }
            depth -= 1
        case UInt8(ascii: "["):
            try enterContainer()
            index += 1
            let array = event.nextArray
            event.nextArray += 1
            skipWhitespace()
            if index < count, base[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return
            }
            var element: Int32 = 0
            while true {
                skipWhitespace()
                let isContainer = index < count && (base[index] == UInt8(ascii: "{") || base[index] == UInt8(ascii: "["))
                let position = ArrayPosition(array: array, index: element, isContainer: isContainer)
                try flattenValue(node: node, of: paths, positions: positions + [position], into: &event)
                element &+= 1
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
            }
            depth -= 1
        default:
            let slot = paths.slot(of: node)
            guard slot >= 0 else { return try skipValue() }
            let start = index
            switch base[index] {
            case UInt8(ascii: "\""):
                // A plain string's bytes are its text; one with escapes keeps its literal.
                if try skipString() || !Self.hasEscape(base + start + 1, count: index - start - 2) {
                    event.append(.string, start: start + 1, count: index - start - 2, slot: slot, positions: positions)
                } else {
                    event.append(.escapedString, start: start, count: index - start, slot: slot, positions: positions)
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try parseNumber()
                event.append(.number, start: start, count: index - start, slot: slot, positions: positions)
            default:
                // Not an object, array, string or number here: `parseValue` reads a literal (or throws).
                switch try parseValue() {
                case .bool(let flag): event.append(flag ? .true : .false, start: start, count: 0, slot: slot, positions: positions)
                case .null: event.append(.null, start: start, count: 0, slot: slot, positions: positions)
                default: break
                }
            }
        }
    }

    /// Whether a (validated) string's bytes hold an escape: non-ASCII text
    /// without one is still its own UTF-8.
    private static func hasEscape(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        UnsafeBufferPointer(start: start, count: count).contains(UInt8(ascii: "\\"))
    }

    /// The node of the (already validated) key that starts at `keyStart`, or
    /// nil when `paths` wants nothing at or below it. Builds no string
    /// unless the key has escapes.
    private mutating func childNode(keyStart: Int, plain: Bool, under node: Int, of paths: FlatPaths) throws(JSONParseError) -> Int? {
        let end = index
        let raw = UnsafeRawBufferPointer(start: base + keyStart + 1, count: end - keyStart - 2)
        if plain || !raw.contains(UInt8(ascii: "\\")) {
            return paths.child(of: node, key: raw)
        }
        index = keyStart
        let key = try parseString()
        index = end
        return paths.child(of: node, key: key)
    }
}
