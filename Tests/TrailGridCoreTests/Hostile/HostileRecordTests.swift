import Foundation
import Testing
@testable import TrailGridCore

/// Attacker-shaped records (issue 8): each ends as a counted outcome, and
/// the good record after it is still read. Nothing crashes, hangs or grows
/// without bound.
@Suite struct HostileRecordTests {
    let decoder = FeedDecoder()
    var good: String { FeedFixtures.records[0] }

    /// Decodes `hostile` followed by a good record on the next line.
    func outcomes(_ hostile: [UInt8]) -> [RecordOutcome] {
        decoder.decodeFile(hostile + Array(("\n" + good + "\n").utf8))
    }

    func expectRejectedThenGood(_ hostile: [UInt8], _ kind: RejectKind, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = outcomes(hostile)
        #expect(result.count == 2, sourceLocation: sourceLocation)
        #expect(result.first?.rejection?.kind == kind, "\(String(describing: result.first))", sourceLocation: sourceLocation)
        #expect(result.last?.event?.eventID == FeedFixtures.eventID(good), sourceLocation: sourceLocation)
    }

    /// `good` with `field` set to the raw JSON text `value`.
    func record(userAgent value: String) -> String {
        good.replacing(#/"userAgent":"[^"]*"/#, with: #""userAgent":\#(value)"#)
    }

    @Test func hundredThousandLevelsOfNestingAtTopLevel() {
        let arrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        expectRejectedThenGood(Array(arrays.utf8), .badJSON)
        let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        expectRejectedThenGood(Array(objects.utf8), .badJSON)
        let inRecords = #"{"Records":["# + arrays + "]}"
        expectRejectedThenGood(Array(inRecords.utf8), .badJSON)
    }

    @Test func deepNestingInsideEveryWrapper() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let envelopeWithDeepDetail = FeedFixtures.envelope(record(userAgent: deep))
        let kinesis = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(deep), sequence: 1)
        let kinesisGzip = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(Gzip.compress(Array(deep.utf8))), sequence: 2)
        let lookup = #"{"Events":[{"EventId":"x","CloudTrailEvent":"\#(deep)"}]}"#
        for line in [envelopeWithDeepDetail, kinesis, kinesisGzip, lookup] {
            expectRejectedThenGood(Array(line.utf8), .badJSON)
        }
    }

    @Test func fiftyMegabyteRecordIsReadInBoundedTime() throws {
        let start = ContinuousClock.now
        let huge = record(userAgent: "\"" + String(repeating: "A", count: 50 << 20) + "\"")
        let result = outcomes(Array(huge.utf8))
        #expect(result.count == 2)
        #expect(result.allSatisfy { $0.event != nil }, "a 50 MB record is under the 64 MB limit: accepted")
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func recordOverTheLimitIsRefusedAndTheNextIsRead() {
        let huge = record(userAgent: "\"" + String(repeating: "A", count: 2 << 20) + "\"")
        var framer = RecordFramer(maxValueBytes: 1 << 20)
        let bytes = Array((huge + "\n" + good + "\n").utf8)
        let frames = bytes.withUnsafeBytes { framer.frames(in: $0, base: 0, final: true) }
        #expect(frames.count == 2)
        guard case .garbage(_, let reason) = frames.first else { Issue.record("not refused"); return }
        #expect(reason.contains("larger than"))
        guard case .value = frames.last else { Issue.record("next record lost"); return }
    }

    @Test func invalidUTF8InAStringIsRefusedOrReplaced() {
        let marker = Array(record(userAgent: #""MARK""#).utf8)
        for bad: [UInt8] in [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]] {
            var hostile: [UInt8] = []
            var index = 0
            while index < marker.count {  // replace MARK with the bad bytes
                if marker[index...].starts(with: Array("MARK".utf8)) { hostile += bad; index += 4 } else { hostile.append(marker[index]); index += 1 }
            }
            let result = outcomes(hostile)
            #expect(result.count == 2)
            if let event = result.first?.event {
                #expect(event.userAgent?.contains("\u{FFFD}") == true, "\(bad)")
            } else {
                #expect(result.first?.rejection?.kind == .badJSON, "\(bad)")
            }
            #expect(result.last?.event != nil)
        }
        expectRejectedThenGood(Array(record(userAgent: "\"x\u{1}\"").utf8), .badJSON)  // a raw control byte inside a string
    }

    @Test func nulBytes() {
        expectRejectedThenGood(Array(record(userAgent: "\"a\0b\"").utf8), .badJSON)  // raw NUL inside a string
        expectRejectedThenGood([0, 0, 0], .badJSON)  // a line of NULs
        let escaped = outcomes(Array(record(userAgent: #""a\u0000b""#).utf8))  // valid JSON: kept, sanitized on display
        #expect(escaped.count == 2)
        #expect(escaped.first?.event?.userAgent == "a\u{0}b")
    }

    @Test func loneSurrogateEscapes() {
        for escape in [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\ud800x"#] {
            let result = outcomes(Array(record(userAgent: "\"" + escape + "\"").utf8))
            #expect(result.count == 2, "\(escape)")
            // Either refused as bad JSON, or kept with U+FFFD in its place: never a crash.
            if let event = result.first?.event {
                #expect(event.userAgent?.contains("\u{FFFD}") == true, "\(escape)")
            } else {
                #expect(result.first?.rejection?.kind == .badJSON, "\(escape)")
            }
        }
    }

    @Test func numbersWithTenThousandDigits() {
        let digits = String(repeating: "9", count: 10_000)
        for number in [digits, "-" + digits, "0." + digits, "1e" + digits, digits + "e-" + digits] {
            let result = outcomes(Array(record(userAgent: number).utf8))
            #expect(result.count == 2)
            #expect(result.last?.event != nil)
        }
        let pattern = try? EventPattern(json: #"{"detail":{"n":[{"numeric":[">",\#(digits)]}]}}"#)
        if let pattern, case .object(let document)? = try? JSONParser.parse(#"{"detail":{"n":\#(digits)1}}"#) {
            _ = pattern.matches(.object(document))
        }
    }

    @Test func base64WithWhitespaceAndBadPadding() {
        let payload = FeedFixtures.base64(FeedFixtures.envelope(good))
        var spaced = payload
        spaced.insert(contentsOf: "\\n ", at: spaced.index(spaced.startIndex, offsetBy: 8))
        for data in [spaced, payload + "=", payload + "==", String(payload.dropLast()), "=" + payload, payload + "A", "===="] {
            let line = FeedFixtures.kinesisRecord(data: data, sequence: 7)
            expectRejectedThenGood(Array(line.utf8), .badBase64)
        }
    }

    @Test func truncatedAndCorruptedGzipPayloads() {
        let message = FeedFixtures.logsDataMessage([good])
        var corrupt = message
        corrupt[12] ^= 0x55
        var badCRC = message
        badCRC[badCRC.count - 6] ^= 0xFF
        for bytes in [Array(message.prefix(3)), Array(message.prefix(message.count - 4)), corrupt, badCRC, [0x1F, 0x8B]] {
            let line = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(bytes), sequence: 9)
            let result = decoder.decodeFile(Array(line.utf8))
            #expect(result.count == 1)
            #expect(result.first?.rejection?.kind == .badGzip || result.first?.rejection?.kind == .badJSON)
        }
    }
}
