import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding the end of the long runs of plain bytes inside JSON strings: a
/// Kinesis line is 80 % base64 `Data`, and the scans below were 8 % of
/// ingest even a word at a time.
///
/// On x86_64 they are `CByteScan`'s SSE2 (AVX2 for long runs when the CPU
/// has it) compares + movemask + count-trailing-zeros, and return the exact
/// offset of the first stop byte. Elsewhere `WordScan` answers with the first
/// 8-byte word that may hold one. Callers re-examine bytes one by one from
/// the returned offset, so either answer is correct for them.
enum ByteScan {
    /// The first offset from `start` (below `end`) that holds, or whose word
    /// may hold, `"`, `\` or a newline: what the framer stops at inside a string.
    @inline(__always)
    static func skipFramerString(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        #if arch(x86_64)
        guard start < end else { return start }
        return start + tg_skip_framer_string(base.assumingMemoryBound(to: UInt8.self) + start, end - start)
        #else
        return WordScan.skipFramerString(base, from: start, to: end)
        #endif
    }

    /// The first offset from `start` (below `end`) that holds, or whose word
    /// may hold, `"`, `\`, a control character or a non-ASCII byte: what a
    /// strict JSON parser must look at in a string. Everything skipped is plain ASCII.
    @inline(__always)
    static func skipPlainASCII(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        #if arch(x86_64)
        guard start < end else { return start }
        return start + tg_skip_plain_ascii(base.assumingMemoryBound(to: UInt8.self) + start, end - start)
        #else
        return WordScan.skipPlainASCII(base, from: start, to: end)
        #endif
    }
}

/// Word-at-a-time scanning, the portable fallback of `ByteScan` (and the
/// code it replaced on x86_64, kept as the reference the tests compare
/// against): a Kinesis line is 80 % base64 `Data`, and testing it one byte
/// at a time (framer, then parser) was a quarter of ingest.
///
/// Each test looks at 8 bytes with the classic "has zero byte" trick
/// (`(x - 0x01…) & ~x & 0x80…` is non-zero iff some byte of `x` is zero);
/// a word that might hold an interesting byte is left to the caller's
/// byte-by-byte loop, so these only ever skip bytes that are certainly plain.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }

    @inline(__always)
    private static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZeroByte(word ^ (ones &* UInt64(byte)))
    }

    /// The first offset from `start` (below `end`) whose 8-byte word may hold
    /// `"`, `\` or a newline: what the framer stops at inside a string.
    @inline(__always)
    static func skipFramerString(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        var cursor = start
        // Short strings (keys, most values) by words; past 32 plain bytes the
        // string is long (a base64 Data is 80 % of a Kinesis line), and three
        // `memchr` passes, which use the machine's vector units, beat words.
        while cursor + 8 <= min(end, start + 32) {
            let word = base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
            if has(word, UInt8(ascii: "\"")) || has(word, UInt8(ascii: "\\")) || has(word, 0x0A) { return cursor }
            cursor += 8
        }
        if cursor < end {
            let quote = memchr(base + cursor, Int32(UInt8(ascii: "\"")), end - cursor).map { UnsafeRawPointer($0) - base } ?? end
            if memchr(base + cursor, Int32(UInt8(ascii: "\\")), quote - cursor) == nil,
               memchr(base + cursor, 0x0A, quote - cursor) == nil {
                return quote
            }
        }
        while cursor + 8 <= end {
            let word = base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
            if has(word, UInt8(ascii: "\"")) || has(word, UInt8(ascii: "\\")) || has(word, 0x0A) { break }
            cursor += 8
        }
        return cursor
    }

    /// The first offset from `start` (below `end`) whose 8-byte word may hold
    /// `"`, `\`, a control character or a non-ASCII byte: what a strict JSON
    /// parser must look at in a string. Everything skipped is plain ASCII.
    @inline(__always)
    static func skipPlainASCII(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        var cursor = start
        while cursor + 8 <= end {
            let word = base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
            // Below 0x20: subtracting 0x20 borrows into the high bit only for those (and ≥ 0x80 bytes).
            if word & highs != 0 || (word &- ones &* 0x20) & ~word & highs != 0
                || has(word, UInt8(ascii: "\"")) || has(word, UInt8(ascii: "\\")) { break }
            cursor += 8
        }
        return cursor
    }
}
