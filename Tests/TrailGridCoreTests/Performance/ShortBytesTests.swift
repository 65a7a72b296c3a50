import Testing
@testable import TrailGridCore

/// The word-at-a-time helpers against plain byte loops, at every length
/// and position around their 1-, 2-, 4- and 8-byte steps.
@Suite struct ShortBytesTests {
    @Test func headIsTheFirstEightBytesZeroPadded() {
        for count in 0...20 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: 0x41 &+ $0 &* 7) }
            var expected: UInt64 = 0
            for index in 0..<min(count, 8) { expected |= UInt64(bytes[index]) << UInt64(8 * index) }
            let head = bytes.withUnsafeBytes { raw in raw.baseAddress.map { ShortBytes.head($0, count: count) } ?? 0 }
            #expect(head == expected, "count \(count)")
        }
    }

    @Test func equalAgreesWithComparingBytes() {
        for count in 0...40 {
            let left = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
            #expect(equal(left, left), "count \(count)")
            for position in 0..<count {
                var right = left
                right[position] ^= 0x20
                #expect(!equal(left, right), "count \(count), differing at \(position)")
            }
        }
    }

    @Test func containsFindsTheByteAtEveryPosition() {
        for count in 0...40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: count)
            #expect(!contains(plain), "count \(count)")
            for position in 0..<count {
                var dotted = plain
                dotted[position] = UInt8(ascii: ".")
                #expect(contains(dotted), "count \(count), dot at \(position)")
            }
        }
        // Bytes one either side of "." (0x2D, 0x2F) and with the high bit set must not be taken for it.
        #expect(!contains([0x2D, 0x2F, 0xAE, 0x2D, 0x2F, 0xAE, 0x2D, 0x2F, 0xAE, 0x2F]))
    }

    /// An empty run hashes alike whether or not it has an address (an empty
    /// String's UTF-8 may have none), and the seed and every byte count.
    @Test func hashTakesEmptyRunsAlikeAndEveryByteIntoAccount() {
        let some: [UInt8] = [1]
        let withAddress = some.withUnsafeBytes { ShortBytes.hash($0.baseAddress, count: 0, seed: 7) }
        #expect(ShortBytes.hash(nil, count: 0, seed: 7) == withAddress)
        #expect(ShortBytes.hash(nil, count: 0, seed: 8) != withAddress)
        for count in 1...20 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
            let original = bytes.withUnsafeBytes { ShortBytes.hash($0.baseAddress, count: count) }
            for position in 0..<count {
                var changed = bytes
                changed[position] ^= 0x01
                #expect(changed.withUnsafeBytes { ShortBytes.hash($0.baseAddress, count: count) } != original, "count \(count), byte \(position)")
            }
        }
    }

    private func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in
                guard let lb = l.baseAddress, let rb = r.baseAddress else { return true }
                return ShortBytes.equal(lb, rb, count: left.count)
            }
        }
    }

    private func contains(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in raw.baseAddress.map { ShortBytes.contains(UInt8(ascii: "."), in: $0, count: bytes.count) } ?? false }
    }
}

@Suite struct ReadBufferTests {
    @Test func keepsTheUnconsumedTailAcrossReads() {
        var buffer = ReadBuffer()
        let source = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        var read = 0
        var consumed: [UInt8] = []
        while read < source.count || !buffer.isEmpty {
            let got = buffer.append(upTo: 777) { start, room in
                let take = min(room, source.count - read)
                source.withUnsafeBytes { start.copyMemory(from: $0.baseAddress! + read, byteCount: take) }
                return take
            }
            read += got
            // Consume all but the last 100 bytes (a partial record), or everything at the end.
            let keep = read < source.count ? min(100, buffer.count) : 0
            buffer.withUnsafeBytes { consumed += $0.prefix($0.count - keep) }
            buffer.removeFirst(buffer.count - keep)
        }
        #expect(consumed == source)
    }

    @Test func aFailedReadAddsNothing() {
        var buffer = ReadBuffer()
        #expect(buffer.append(upTo: 64) { _, _ in -1 } == 0)
        #expect(buffer.isEmpty)
        buffer.release()
        #expect(buffer.count == 0)
    }
}
