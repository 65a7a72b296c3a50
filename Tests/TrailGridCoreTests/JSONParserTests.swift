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
