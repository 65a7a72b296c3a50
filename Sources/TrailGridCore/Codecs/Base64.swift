import CByteScan

/// Why a base64 payload was refused.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Standard (RFC 4648 §4) base64 decoding of Kinesis `Data` fields.
///
/// Hand-written because `Data(base64Encoded:)` costs 3–4 µs per 1.7 KB
/// payload (DESIGN §8), a ceiling near the whole ingest budget. Strict: any
/// byte outside the alphabet (whitespace included, which Kinesis never
/// emits), or padding anywhere but the end, refuses the payload.
public enum Base64 {
    private static let invalid: UInt8 = 0xFF

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    public static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(Base64Error) in try decode(bytes) } }
        return try result.get()
    }

    /// The sextet of each byte already shifted to its place in a quad
    /// (`shifted[k][byte]` = sextet << (18 - 6k)); a byte outside the
    /// alphabet maps to a value with bits above 24 set, so one test of the
    /// OR of four lookups catches any bad byte (the modp_b64 technique).
    private static let shifted: [UInt32] = {
        var tables = [UInt32](repeating: 0xFF00_0000, count: 4 * 256)
        for byte in 0..<256 where table[byte] != invalid {
            for k in 0..<4 { tables[k * 256 + byte] = UInt32(table[byte]) << UInt32(18 - 6 * k) }
        }
        return tables
    }()

    public static func decode(_ input: UnsafeBufferPointer<UInt8>) throws(Base64Error) -> [UInt8] {
        try decode(input, vectorized: true)
    }

    /// `vectorized: false` is the portable scalar decoder alone: the
    /// reference the tests hold the AVX2 bulk loop (`CByteScan`) to.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, vectorized: Bool) throws(Base64Error) -> [UInt8] {
        var length = input.count
        if length == 0 { return [] }
        guard length % 4 == 0 else {
            throw Base64Error(message: "length \(length) is not a multiple of 4")
        }
        var padding = 0
        if input[length - 1] == UInt8(ascii: "=") { padding += 1 }
        if input[length - 2] == UInt8(ascii: "=") { padding += 1 }
        length -= padding
        let outputCount = (input.count / 4) * 3 - padding
        return try shifted.withUnsafeBufferPointer { (shifted) throws(Base64Error) -> [UInt8] in
            var failure: Base64Error?
            let output = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                let first = shifted.baseAddress!, second = first + 256, third = first + 512, fourth = first + 768
                let source = UnsafeRawPointer(input.baseAddress!)
                let target = UnsafeMutableRawPointer(out.baseAddress!)
                // Whole quads: four sextets, three bytes, written as one
                // 4-byte store while a byte of room remains after them.
                let fullQuads = length / 4
                // AVX2 first, 32 bytes a step, up to the first block with a
                // byte outside the alphabet (padding included); the scalar
                // loops below go on from there and report any error. It writes
                // exactly 3/4 of what it reads, so never past `outputCount`.
                var read = vectorized ? tg_base64_decode_bulk(input.baseAddress!, fullQuads * 4, out.baseAddress!) : 0
                var written = read / 4 * 3
                var quad = read / 4
                // Two quads per step: one 8-byte load, one 8-byte store (6
                // bytes kept, the rest overwritten by the next step), while
                // at least 2 bytes of room remain after them.
                while quad + 2 <= fullQuads && written + 8 <= outputCount {
                    let chars = source.loadUnaligned(fromByteOffset: read, as: UInt64.self).littleEndian
                    let low = first[Int(chars & 0xFF)] | second[Int(chars >> 8 & 0xFF)]
                        | third[Int(chars >> 16 & 0xFF)] | fourth[Int(chars >> 24 & 0xFF)]
                    let high = first[Int(chars >> 32 & 0xFF)] | second[Int(chars >> 40 & 0xFF)]
                        | third[Int(chars >> 48 & 0xFF)] | fourth[Int(chars >> 56)]
                    if (low | high) >= 0x0100_0000 { break }  // the quad loop below reports where
                    let bytes = UInt64(low) << 40 | UInt64(high) << 16
                    target.storeBytes(of: bytes.bigEndian, toByteOffset: written, as: UInt64.self)
                    quad += 2
                    read += 8
                    written += 6
                }
                while quad < fullQuads {
                    defer { quad += 1 }
                    let chars = source.loadUnaligned(fromByteOffset: read, as: UInt32.self).littleEndian
                    let value = first[Int(chars & 0xFF)] | second[Int(chars >> 8 & 0xFF)]
                        | third[Int(chars >> 16 & 0xFF)] | fourth[Int(chars >> 24)]
                    if value >= 0x0100_0000 {
                        failure = Base64Error(message: "invalid character near offset \(read)")
                        initialized = written
                        return
                    }
                    if quad < fullQuads - 1 || written + 4 <= outputCount {
                        target.storeBytes(of: (value << 8).bigEndian, toByteOffset: written, as: UInt32.self)
                    } else {
                        out[written] = UInt8(truncatingIfNeeded: value >> 16)
                        out[written + 1] = UInt8(truncatingIfNeeded: value >> 8)
                        out[written + 2] = UInt8(truncatingIfNeeded: value)
                    }
                    read += 4
                    written += 3
                }
                let rest = length - read
                if rest > 0 {
                    var quad: UInt32 = 0
                    for offset in 0..<rest {
                        let value = table[Int(input[read + offset])]
                        if value == invalid {
                            failure = Base64Error(message: "invalid character near offset \(read + offset)")
                            initialized = written
                            return
                        }
                        quad = quad << 6 | UInt32(value)
                    }
                    quad <<= UInt32(6 * (4 - rest))
                    if rest == 2 {
                        out[written] = UInt8(truncatingIfNeeded: quad >> 16)
                        written += 1
                    } else if rest == 3 {
                        out[written] = UInt8(truncatingIfNeeded: quad >> 16)
                        out[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        written += 2
                    } else {
                        failure = Base64Error(message: "bad padding")
                    }
                }
                initialized = written
            }
            if let failure { throw failure }
            return output
        }
    }

    /// Appends the standard base64 text of `bytes` (with padding) to `out`:
    /// the benchmark's corpus generator encodes millions of payloads.
    public static func appendEncoded(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let symbols = alphabet.utf8Start
        let count = bytes.count
        var index = 0
        out.reserveCapacity(out.count + (count + 2) / 3 * 4)
        while index + 3 <= count {
            let quad = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(symbols[Int(quad >> 18 & 63)])
            out.append(symbols[Int(quad >> 12 & 63)])
            out.append(symbols[Int(quad >> 6 & 63)])
            out.append(symbols[Int(quad & 63)])
            index += 3
        }
        let rest = count - index
        if rest > 0 {
            var quad = UInt32(bytes[index]) << 16
            if rest == 2 { quad |= UInt32(bytes[index + 1]) << 8 }
            out.append(symbols[Int(quad >> 18 & 63)])
            out.append(symbols[Int(quad >> 12 & 63)])
            out.append(rest == 2 ? symbols[Int(quad >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
    }

    /// Standard base64 text of `bytes`, with padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        Array(bytes).withUnsafeBytes { appendEncoded($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
