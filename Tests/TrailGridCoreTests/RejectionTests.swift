import Foundation
import Testing
@testable import TrailGridCore

/// Every refusal is counted with its reason; nothing disappears silently.
@Suite struct RejectionTests {
    let decoder = FeedDecoder()

    func rejection(_ text: String) -> Rejection? {
        decoder.decodeFile(Array(text.utf8)).first?.rejection
    }

    @Test func badJSON() {
        #expect(rejection(#"{"eventVersion":"1.08","eventID":}"#)?.kind == .badJSON)
        #expect(rejection("not json at all\n")?.kind == .badJSON)
        #expect(rejection(#"{"eventVersion":"1.08", "eventID":"x""#)?.kind == .badJSON)  // truncated at end of input
    }

    @Test func truncatedLineDoesNotSwallowTheNext() throws {
        let good = FeedFixtures.records[0]
        let outcomes = decoder.decodeFile(Array((#"{"eventVersion":"1.08","eventID":"abc"# + "\n" + good + "\n").utf8))
        #expect(outcomes.count == 2)
        #expect(outcomes[0].rejection?.kind == .badJSON)
        #expect(outcomes[1].event?.eventID == FeedFixtures.eventID(good))
    }

    @Test func badBase64() {
        let line = FeedFixtures.kinesisRecord(data: "eyJ2ZXJzaW9uIjo!!!", sequence: 1)
        #expect(rejection(line)?.kind == .badBase64)
        let badPadding = FeedFixtures.kinesisRecord(data: "ey=J", sequence: 2)
        #expect(rejection(badPadding)?.kind == .badBase64)
    }

    @Test func badGzip() {
        var gz = FeedFixtures.logsDataMessage([FeedFixtures.records[0]])
        gz[gz.count / 2] ^= 0xFF
        gz[gz.count / 2 + 1] ^= 0xFF
        let line = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(gz), sequence: 1)
        #expect(rejection(line)?.kind == .badGzip)
        let truncated = FeedFixtures.logsDataMessage([FeedFixtures.records[0]]).prefix(40)
        #expect(rejection(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(Array(truncated)), sequence: 2))?.kind == .badGzip)
    }

    @Test func unknownShape() {
        #expect(rejection(#"{"hello":"world"}"#)?.kind == .unknownShape)
        #expect(rejection(#"{"Records":[42]}"#)?.kind == .unknownShape)
    }

    @Test func missingRequiredField() throws {
        let record = FeedFixtures.records[1]
        let withoutRegion = record.replacingOccurrences(of: #""awsRegion":"#, with: #""awsRegionX":"#)
        let rejected = try #require(rejection(withoutRegion))
        #expect(rejected.kind == .missingField)
        #expect(rejected.detail.contains("awsRegion"))
        let withoutID = record.replacingOccurrences(of: #""eventID":"#, with: #""eventIDX":"#)
        #expect(rejection(withoutID)?.detail == "eventID")
    }

    @Test func decompressionBombIsBounded() {
        let bomb = Gzip.compress([UInt8](repeating: 0x20, count: 8 << 20))
        let small = FeedDecoder(limits: DecodeLimits(maxDecompressedBytes: 1 << 20))
        let line = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(bomb), sequence: 1)
        let outcome = small.decodeFile(Array(line.utf8)).first?.rejection
        #expect(outcome?.kind == .tooLarge)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(rejection(#"{"eventVersion":"1","eventID":"a","eventName":"b","x":"# + deep + "}")?.kind == .badJSON)
    }

    @Test func oneBadElementOfAContainerDoesNotSpoilTheRest() {
        let file = FeedFixtures.logFile([FeedFixtures.records[0], #"{"nothing":1}"#, FeedFixtures.records[1]])
        let outcomes = decoder.decodeFile(Array(file.utf8))
        #expect(outcomes.count == 3)
        #expect(outcomes.compactMap(\.event).count == 2)
        #expect(outcomes[1].rejection?.kind == .unknownShape)
    }
}

@Suite struct Base64Tests {
    @Test func roundTripsEveryLength() throws {
        for length in 0..<300 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(try Base64.decode(text) == bytes)
        }
    }

    /// A bad byte anywhere (in the quads decoded four at a time or in the tail) refuses the payload.
    @Test func refusesABadByteAtEveryOffset() {
        let valid = Array(Base64.encode((0..<100).map { UInt8($0) }).utf8)
        for offset in valid.indices where valid[offset] != UInt8(ascii: "=") {
            for bad in [UInt8(ascii: "*"), UInt8(ascii: " "), 0x80, 0xFF, UInt8(ascii: "=")] {
                var damaged = valid
                damaged[offset] = bad
                #expect(throws: Base64Error.self) { try damaged.withUnsafeBufferPointer { try Base64.decode($0) } }
            }
        }
    }

    /// The AVX2 bulk loop must be invisible: for any input, decoding with
    /// it gives the same bytes, or the same error at the same offset, as
    /// the scalar decoder alone.
    @Test func vectorAndScalarAgreeOnRandomInputs() {
        func both(_ text: [UInt8]) -> (Result<[UInt8], Base64Error>, Result<[UInt8], Base64Error>) {
            text.withUnsafeBufferPointer { buffer in
                (Result { () throws(Base64Error) in try Base64.decode(buffer, vectorized: true) },
                 Result { () throws(Base64Error) in try Base64.decode(buffer, vectorized: false) })
            }
        }
        var generator = SeededGenerator(seed: 64)
        let odd: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: " "), UInt8(ascii: "\n"), 0x00, 0x2C, 0x2E, 0x3A, 0x40,
                            0x5B, 0x60, 0x7B, 0x7F, 0x80, 0xAB, 0xFF]
        for length in 0..<600 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let valid = Array(Base64.encode(bytes).utf8)
            let (vector, scalar) = both(valid)
            #expect(vector == scalar)
            #expect((try? vector.get()) == bytes)
            guard !valid.isEmpty else { continue }
            var damaged = valid
            damaged[Int.random(in: 0..<valid.count, using: &generator)] = odd.randomElement(using: &generator)!
            let (damagedVector, damagedScalar) = both(damaged)
            #expect(damagedVector == damagedScalar, "length \(length)")
        }
        // Every position of a long input, with each kind of bad byte: the
        // error (message and offset) must not depend on the path.
        let long = Array(Base64.encode((0..<150).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) }).utf8)
        #expect(long.count == 200)
        for offset in long.indices {
            for bad in odd {
                var damaged = long
                damaged[offset] = bad
                let (vector, scalar) = both(damaged)
                #expect(vector == scalar, "offset \(offset), byte \(bad)")
            }
        }
    }

    @Test(arguments: ["ey=J", "e===", "eyJ", "ey J", "eyJ\n", "====", "eyJ*"])
    func refusesMalformed(text: String) {
        #expect(throws: Base64Error.self) { try Base64.decode(text) }
    }
}
