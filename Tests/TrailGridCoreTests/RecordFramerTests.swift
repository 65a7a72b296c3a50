import Testing
@testable import TrailGridCore

@Suite struct RecordFramerTests {
    func frames(_ text: String, chunk: Int = .max, final: Bool = true, maxValueBytes: Int = 1 << 20) -> [Frame] {
        let bytes = Array(text.utf8)
        var framer = RecordFramer(maxValueBytes: maxValueBytes)
        var result: [Frame] = []
        var buffer: [UInt8] = []
        var base = 0
        var fed = 0
        while fed < bytes.count || (fed == 0 && bytes.isEmpty) {
            let next = min(bytes.count, fed + chunk)
            buffer += bytes[fed..<next]
            fed = next
            let isFinal = final && fed == bytes.count
            buffer.withUnsafeBytes { result += framer.frames(in: $0, base: base, final: isFinal) }
            let keep = framer.retainFrom
            buffer.removeFirst(keep - base)
            base = keep
            if bytes.isEmpty { break }
        }
        return result
    }

    @Test(arguments: [1, 3, 7, 1000])
    func chunkingNeverChangesTheFrames(chunk: Int) {
        let text = "{\"a\":\"}{\\\"\"}\n{\"b\":[1,{\"c\":2}]}{\"d\":3}\n\n  [4]\n"
        #expect(frames(text, chunk: chunk) == [.value(0..<12), .value(13..<30), .value(30..<37), .value(41..<44)])
    }

    @Test func prettyPrintedDocumentIsOneValue() {
        let text = "{\n  \"Records\": [\n    {\"x\": 1},\n    {\"y\": 2}\n  ]\n}\n"
        #expect(frames(text, chunk: 5) == [.value(0..<(text.utf8.count - 1))])
    }

    @Test func unfinishedValueWaitsUnlessFinal() {
        #expect(frames(#"{"a":1"#, final: false) == [])
        #expect(frames(#"{"a":1"#, final: true) == [.garbage(0..<6, reason: "truncated JSON value at end of input")])
    }

    @Test func oversizedValuesAreRefusedAndSkipped() {
        let big = "{\"a\":\"" + String(repeating: "x", count: 100) + "\"}\n{\"b\":1}\n"
        let result = frames(big, chunk: 16, maxValueBytes: 50)
        #expect(result.count == 2)
        if case .garbage(_, let reason) = result.first { #expect(reason.contains("larger than 50")) } else { Issue.record("no refusal") }
        #expect(result.last == .value(109..<116))
    }

    @Test func byteOrderMarkAtStartIsIgnored() {
        #expect(frames("\u{FEFF}{\"a\":1}") == [.value(3..<10)])
    }
}
