extension JSONParser {
    /// Parses `buffer` as exactly one JSON value, validating all of it as
    /// `parse` does, but builds no tree: only the leaves at `paths` are
    /// kept, filed by slot, with the top-level keys named as markers.
    ///
    /// This is ingest's hot path. A record is 1–2 KB of which the decoder and
    /// the watches read a dozen fields; building a tree of them and then
    /// flattening it cost more than reading the bytes.
    public static func flatten(_ buffer: UnsafeBufferPointer<UInt8>, paths: FlatPaths, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> FlatEvent {
        var strings = StringInterner(capacity: 0)
        return try flatten(buffer, paths: paths, maxDepth: maxDepth, strings: &strings)
    }

    /// `flatten`, taking repeated string values from `strings` and filing
    /// the leaves in `leaves` (empty; its storage is reused).
    static func flatten(
        _ buffer: UnsafeBufferPointer<UInt8>, paths: FlatPaths, maxDepth: Int = defaultMaxDepth, strings: inout StringInterner,
        into leaves: consuming [FlatLeaf] = []
    ) throws(JSONParseError) -> FlatEvent {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONParseError(message: "empty input", offset: 0)
        }
        var parser = JSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
        var event = FlatEvent()
        event.leaves = consume leaves
        event.leaves.removeAll(keepingCapacity: true)
        event.leaves.reserveCapacity(32)
        parser.skipWhitespace()
        try parser.flattenValue(node: FlatPaths.root, of: paths, positions: [], into: &event, strings: &strings)
        parser.skipWhitespace()
        guard parser.index == parser.count else {
            throw parser.error("unexpected data after the JSON value")
        }
        return event
    }

    public static func flatten(_ bytes: [UInt8], paths: FlatPaths, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> FlatEvent {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> FlatEvent in
            try flatten(buffer, paths: paths, maxDepth: maxDepth)
        }
    }

    /// The value at the cursor, as `FlatEvent.add(_:node:paths:positions:)`
    /// would flatten its tree.
    mutating func flattenValue(
        node: Int, of paths: FlatPaths, positions: [ArrayPosition], into event: inout FlatEvent, strings: inout StringInterner
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
                    try flattenValue(node: child, of: paths, positions: positions, into: &event, strings: &strings)
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
                try flattenValue(
                    node: node, of: paths, positions: positions + [ArrayPosition(array: array, index: element)], into: &event, strings: &strings
                )
                element &+= 1
                skipWhitespace()
                if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
            }
            depth -= 1
        default:
            let slot = paths.slot(of: node)
            guard slot >= 0 else { return try skipValue() }
            let scalar: FlatScalar
            if base[index] == UInt8(ascii: "\"") {
                // Strings are the leaves that repeat: plain ones come from the interner.
                let start = index
                if try skipString() {
                    scalar = .string(strings.string(ascii: UnsafeRawBufferPointer(start: base + start + 1, count: index - start - 2), slot: slot))
                } else {
                    index = start
                    scalar = .string(try parseString())
                }
            } else {
                // Not an object or array here, so `parseValue` builds a scalar.
                guard let value = FlatScalar(try parseValue()) else { return }
                scalar = value
            }
            event.append(scalar, slot: slot, positions: positions)
        }
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
