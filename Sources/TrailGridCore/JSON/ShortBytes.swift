/// Equality of short byte runs (keys, exact pattern values: 5–40 bytes) with
/// 8-byte loads instead of a `memcmp` call, whose call and dispatch cost
/// more than the compare at these lengths (3 % of ingest was `memcmp`).
enum ShortBytes {
    /// The first `min(count, 8)` bytes at `base` as a little-endian word,
    /// zero-padded, read with at most three loads and never past `count`.
    @inline(__always)
    static func head(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
        if count >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        var offset = 0
        if count & 4 != 0 {
            word = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            offset = 4
        }
        if count & 2 != 0 {
            word |= UInt64(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << UInt64(8 * offset)
            offset += 2
        }
        if count & 1 != 0 {
            word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << UInt64(8 * offset)
        }
        return word
    }

    @inline(__always)
    static func equal(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        if offset + 4 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt32.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt32.self) {
                return false
            }
            offset += 4
        }
        while offset < count {
            if left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) { return false }
            offset += 1
        }
        return true
    }

    /// Whether `byte` occurs in the `count` bytes at `base`.
    @inline(__always)
    static func contains(_ byte: UInt8, in base: UnsafeRawPointer, count: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(byte)
        var offset = 0
        while offset + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ pattern
            if (word &- ones) & ~word & (ones << 7) != 0 { return true }
            offset += 8
        }
        while offset < count {
            if base.load(fromByteOffset: offset, as: UInt8.self) == byte { return true }
            offset += 1
        }
        return false
    }

    /// A multiply-xorshift hash over 8-byte words, continuing from `seed`:
    /// a handful of cycles for the short strings hashed per event (exact
    /// values, event ids), where a byte-at-a-time hash cost ten times more.
    /// `base` may be nil when `count` is 0 (an empty buffer's address).
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer?, count: Int, seed: UInt64 = 0) -> UInt64 {
        var hash = (seed ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15
        var tail: UInt64 = 0
        if let base {
            var offset = 0
            while offset + 8 <= count {
                hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash = hash ^ (hash >> 29)
                offset += 8
            }
            tail = ShortBytes.head(base + offset, count: count - offset)
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }
}
