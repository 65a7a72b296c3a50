#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out one shared `String` for text seen again and again.
///
/// A feed repeats the same few hundred values (event names and sources,
/// regions, accounts, principals, user agents, detail types) across
/// millions of records; allocating, copying and later freeing a fresh
/// String for each was a fifth of ingest. A hit costs a hash, a compare
/// and a retain. The table is fixed-size and a miss overwrites its slot, so
/// hostile unique values cost nothing but misses and memory stays bounded.
struct StringInterner: ~Copyable {
    /// Longer strings (policies, error messages) are rarely repeated.
    static let maxLength = 96
    /// The longest UTF-8 a String holds without an allocation (on 64-bit platforms).
    static let maxInlineLength = 15

    private var entries: [String?]
    private let mask: Int
    /// Slots whose values are unique (event ids): interning them would only
    /// evict values that do repeat.
    private let unique: [Bool]

    /// - Parameters:
    ///   - capacity: a power of two; 0 never interns.
    ///   - uniqueSlots: `FlatPaths` slots never to intern.
    init(capacity: Int = 4096, uniqueSlots: [Int32] = []) {
        precondition(capacity == 0 || capacity & (capacity - 1) == 0, "capacity must be a power of two")
        entries = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        var unique = Array(repeating: false, count: Int(uniqueSlots.max() ?? -1) + 1)
        for slot in uniqueSlots where slot >= 0 { unique[Int(slot)] = true }
        self.unique = unique
    }

    /// The string for `bytes` (valid UTF-8: a flattened leaf's) at `slot`.
    mutating func string(utf8 bytes: UnsafeRawBufferPointer, slot: Int32) -> String {
        // Up to 15 bytes a String is stored inline: nothing to share, and
        // building it is cheaper than a lookup (regions, accounts, most event names).
        guard !entries.isEmpty, bytes.count > Self.maxInlineLength, bytes.count <= Self.maxLength, let base = bytes.baseAddress,
              Int(slot) >= unique.count || !unique[Int(slot)]
        else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let slot = Int(truncatingIfNeeded: ShortBytes.hash(base, count: bytes.count)) & mask
        if var cached = entries[slot] {
            let same = cached.withUTF8 { stored in
                stored.count == bytes.count && (bytes.count == 0 || ShortBytes.equal(stored.baseAddress!, base, count: bytes.count))
            }
            if same { return cached }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        entries[slot] = text
        return text
    }
}
