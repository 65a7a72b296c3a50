/// An IPv4 (4 bytes) or IPv6 (16 bytes) address. Comparing parsed bytes is
/// what makes `2001:db8::1` equal `2001:0DB8:0:0:0:0:0:1`, as event-ruler does
/// for both `cidr` and exact-match values that are IP addresses.
struct IPAddress: Sendable, Hashable {
    var bytes: [UInt8]

    init?(_ text: String) {
        // Byte-level: `String.contains(String)` goes through Foundation, and a
        // `cidr` watch parses the source address of every event.
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let bytes = IPAddress.parseV6(Substring(text)) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = IPAddress.parseV4(Substring(text)) else { return nil }
            self.bytes = bytes
        }
    }

    /// A dotted quad as event-ruler reads one: text matching its
    /// `[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+` handed to Java's
    /// `InetAddress.getByName`, whose literal parser reads every part as
    /// decimal, leading zeros and all (`010` is 10, never octal 8), and
    /// takes at most 15 characters in all (a longer text is not a literal
    /// to it). So `10.0.0.01` is `10.0.0.1` in a `cidr` test and in an
    /// exact match, as in event-ruler.
    static func parseV4(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count <= 15 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, bytes.count < 3 else { return nil }
                bytes.append(UInt8(value))
                value = 0
                digits = 0
                continue
            }
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= 255 else { return nil }
            digits += 1
        }
        guard digits > 0, bytes.count == 3 else { return nil }
        bytes.append(UInt8(value))
        return bytes
    }

    /// Whether `text` has the shape of event-ruler's IPv4 pattern (four
    /// runs of ASCII digits joined by dots), whatever their values: a CIDR
    /// base of that shape that is no address is "Invalid", any other
    /// "Nonstandard", as event-ruler words them.
    static func hasDottedQuadShape(_ text: Substring) -> Bool {
        var dots = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return false }
                dots += 1
                digits = 0
            } else if isDigit(byte) {
                digits += 1
            } else {
                return false
            }
        }
        return dots == 3 && digits > 0
    }

    /// Splits at every "::" (more than one makes the address invalid).
    static func splitOnDoubleColon(_ text: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == ":", next < text.endIndex, text[next] == ":" {
                pieces.append(text[start..<index])
                start = text.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    static func parseV6(_ text: Substring) -> [UInt8]? {
        let halves = splitOnDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowV4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (offset, piece) in pieces.enumerated() {
                if allowV4Tail && offset == pieces.count - 1 && piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    bytes += v4
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                      let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowV4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowV4Tail: false),
              let tail = groups(halves[1], allowV4Tail: true),
              head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// A `cidr` operand. Host bits are ignored, as event-ruler ignores them.
struct CIDRBlock: Sendable, Equatable {
    var network: [UInt8]
    var prefixBits: Int

    init(parsing text: String) throws(PatternError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw PatternError("Malformed CIDR, one '/' required") }
        guard let bits = Int(parts[1]), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw PatternError("Malformed CIDR, mask bits must be an integer")
        }
        guard let address = IPAddress(String(parts[0])) else {
            if IPAddress.hasDottedQuadShape(parts[0]) {
                throw PatternError("Invalid IP address: \(parts[0])")
            }
            throw PatternError("Nonstandard IP address: \(parts[0])")
        }
        let width = address.bytes.count * 8
        // event-ruler rejects a full-length mask ("must be < 32"); a single
        // address is written as an exact value instead.
        guard bits >= 0, bits < width else {
            throw PatternError("Malformed CIDR, mask bits must be < \(width)")
        }
        network = address.bytes
        prefixBits = bits
    }

    func contains(_ text: String) -> Bool {
        guard let address = IPAddress(text), address.bytes.count == network.count else { return false }
        var remaining = prefixBits
        for index in 0..<network.count where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if address.bytes[index] & mask != network[index] & mask { return false }
            remaining -= take
        }
        return true
    }
}
