#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import TrailGridCore

@Suite struct JSONParserTests {
    @Test func keepsNumberTextAndDuplicateKeys() throws {
        let value = try JSONParser.parse(#"{"a": 1.50, "a": -0, "b": [true, null, "x"]}"#)
        #expect(value.objectValue?.count == 3)
        #expect(value["a"] == .number(JSONNumber(text: "-0")))
        #expect(value.objectValue?.first?.value == .number(JSONNumber(text: "1.50")))
        #expect(value["b"] == .array([.bool(true), .null, .string("x")]))
    }
}

/// Skipping a string without building it must accept exactly the strings
/// decoding accepts, or a skipped member could let invalid JSON through.
@Suite struct StringSkippingTests {
    @Test func skippingAgreesWithDecodingOnRandomStrings() {
        var generator = SeededGenerator(seed: 11)
        // Bytes weighted toward the interesting ones: escapes, quotes, controls, UTF-8 lead and continuation bytes.
        let alphabet: [UInt8] = [0x22, 0x5C, 0x75, 0x6E, 0x2F, 0x41, 0x66, 0x30, 0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xED, 0xA0, 0x9F, 0xF0, 0xF4, 0x90, 0x8F, 0xF5, 0xFF, 0x20]
        var accepted = 0
        for _ in 0..<50_000 {
            var bytes: [UInt8] = [0x22]
            for _ in 0..<Int.random(in: 0..<12, using: &generator) {
                bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            bytes.append(0x22)
            let decoded = bytes.withUnsafeBufferPointer { buffer -> Int? in
                var parser = JSONParser(base: buffer.baseAddress!, count: buffer.count)
                guard (try? parser.parseString()) != nil else { return nil }
                return parser.index
            }
            let skipped = bytes.withUnsafeBufferPointer { JSONParser.endOfValidString($0.baseAddress!, from: 1, to: $0.count) }
            if let decoded {
                accepted += 1
                // Valid for decoding: skipping may defer to decoding (nil) but must never end elsewhere.
                #expect(skipped == nil || skipped == decoded, "\(bytes)")
            } else {
                #expect(skipped == nil, "skipping accepted what decoding refuses: \(bytes)")
            }
        }
        #expect(accepted > 5_000)
    }
}

/// The vector scans (`ByteScan`, C on x86_64) against a byte-by-byte
/// reference, and the word scans they replaced (`WordScan`, still the
/// fallback elsewhere) against the same: the vector answer is exact, the
/// word answer never past it and never past a stop byte.
@Suite struct ByteScanTests {
    private static func firstStop(_ bytes: UnsafeRawBufferPointer, from start: Int, framer: Bool) -> Int {
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            let stop = framer ? byte == 0x22 || byte == 0x5C || byte == 0x0A : byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80
            if stop { return cursor }
            cursor += 1
        }
        return bytes.count
    }

    /// `body` gets `bytes` copied to the very end of a readable page with an
    /// unreadable page after it, so a scan reading past its end crashes.
    private static func atPageEnd(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let size = (bytes.count + page - 1) / page * page + page
        guard let mapping = mmap(nil, size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED else {
            Issue.record("mmap failed")
            return
        }
        defer { munmap(mapping, size + page) }
        mprotect(mapping + size, page, PROT_NONE)
        let start = mapping + size - bytes.count
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(mapping), byteCount: bytes.count) }
        body(UnsafeRawBufferPointer(start: start, count: bytes.count))
    }

    @Test func scansFindTheFirstStopByte() {
        var generator = SeededGenerator(seed: 16)
        let stops: [UInt8] = [0x22, 0x5C, 0x0A, 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<300, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x21...0x7E, using: &generator) }
            // Plain printable ASCII but for 0–2 odd bytes at random places.
            for _ in 0..<Int.random(in: 0...2, using: &generator) where length > 0 {
                bytes[Int.random(in: 0..<length, using: &generator)] = stops.randomElement(using: &generator)!
            }
            let start = length == 0 ? 0 : Int.random(in: 0...min(length, 40), using: &generator)
            Self.atPageEnd(bytes) { buffer in
                let base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                for framer in [false, true] {
                    let exact = Self.firstStop(buffer, from: start, framer: framer)
                    let vector = framer ? ByteScan.skipFramerString(base, from: start, to: length)
                        : ByteScan.skipPlainASCII(base, from: start, to: length)
                    let words = framer ? WordScan.skipFramerString(base, from: start, to: length)
                        : WordScan.skipPlainASCII(base, from: start, to: length)
                    #if arch(x86_64)
                    #expect(vector == exact, "\(bytes) from \(start), framer \(framer)")
                    #else
                    #expect(vector >= start && vector <= exact, "\(bytes) from \(start), framer \(framer)")
                    #endif
                    #expect(words >= start && words <= exact, "\(bytes) from \(start), framer \(framer)")
                }
            }
        }
    }
}

/// The C loop that skips unread values (`tg_skip_json_value`) must accept
/// exactly what the parser's own skipping accepts, ending at the same byte,
/// or give up: random JSON, then the same documents damaged by flipped,
/// dropped and inserted bytes and cut short, at several nesting limits.
@Suite struct ValueSkippingTests {
    private static let pieces: [String] = [
        "{", "}", "[", "]", ",", ":", " ", "\n", "\t", "\"a\"", "\"k\\\"q\"", "\"\\u00e9\"", "\"\\uZZ12\"", "\"\\x\"",
        "\"é\"", "\"\u{1}\"", "0", "-1", "01", "1.5", "1.", "2e10", "3E-2", "-", "true", "tru", "false", "null", "nul",
    ]

    private static func value(_ depth: Int, _ generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<(depth > 4 ? 6 : 9), using: &generator) {
        case 0: return "\"plain text \(Int.random(in: 0..<1000, using: &generator))\""
        case 1: return ["\"esc\\n\\\"\\\\\\/\\u0041\"", "\"\"", "\"tab\\t\""][Int.random(in: 0..<3, using: &generator)]
        case 2: return ["0", "-12.5e+3", "7", "1E9", "-0.0"][Int.random(in: 0..<5, using: &generator)]
        case 3: return ["true", "false", "null"][Int.random(in: 0..<3, using: &generator)]
        case 4: return "\"non-ASCII \u{e9}\""
        case 5: return "\"x\""
        case 6, 7:
            let members = (0..<Int.random(in: 0..<4, using: &generator)).map { index in
                " \"k\(index)\" : \(value(depth + 1, &generator)) "
            }
            return "{" + members.joined(separator: ",") + "}"
        default:
            let elements = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in value(depth + 1, &generator) }
            return "[ " + elements.joined(separator: " ,") + "]"
        }
    }

    private static func skip(_ bytes: [UInt8], maxDepth: Int, vector: Bool) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return "empty" }
            var parser = JSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
            do {
                if vector { try parser.skipValue() } else { try parser.skipValueHere() }
                return "ok \(parser.index)"
            } catch {
                return "error \(error)"
            }
        }
    }

    @Test func agreesWithTheParsersOwnSkipping() {
        var generator = SeededGenerator(seed: 23)
        var accepted = 0
        var refused = 0
        for round in 0..<6_000 {
            var text = Array(Self.value(0, &generator).utf8)
            switch round % 4 {
            case 1:
                let position = Int.random(in: 0..<text.count, using: &generator)
                text[position] = Array(Self.pieces.randomElement(using: &generator)!.utf8).first ?? 0x20
            case 2:
                let position = Int.random(in: 0..<text.count, using: &generator)
                text.insert(contentsOf: Array(Self.pieces.randomElement(using: &generator)!.utf8), at: position)
            case 3:
                text = Array(text.prefix(Int.random(in: 1...text.count, using: &generator)))
            default:
                break
            }
            for maxDepth in [2, 5, 256] {
                let vector = Self.skip(text, maxDepth: maxDepth, vector: true)
                let own = Self.skip(text, maxDepth: maxDepth, vector: false)
                #expect(vector == own, "\(String(decoding: text, as: UTF8.self)) at depth \(maxDepth)")
                if own.hasPrefix("ok") { accepted += 1 } else { refused += 1 }
            }
        }
        #expect(accepted > 3_000 && refused > 3_000)
    }
}
