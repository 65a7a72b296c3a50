/// Drops events already seen within a bounded window of recent ones.
///
/// Kinesis delivers at least once and EventBridge may deliver an event to a
/// target twice; the same event on the *other* channel is not a duplicate
/// (seeing it on both is how a cell proves its rule works). Memory is fixed:
/// a ring of 64-bit hashes and a set of the same, so a 10-million-event feed
/// costs no more than the window.
public struct Deduplicator: Sendable {
    public let capacity: Int
    private var ring: [UInt64]
    private var next = 0
    private var seen: Set<UInt64>

    public init(capacity: Int = 262_144) {
        self.capacity = max(1, capacity)
        self.ring = []
        self.ring.reserveCapacity(self.capacity)
        self.seen = Set(minimumCapacity: self.capacity)
    }

    /// Records `key` and reports whether it was new.
    public mutating func insert(_ key: String) -> Bool {
        let hash = Self.hash(key)
        if seen.contains(hash) { return false }
        if ring.count < capacity {
            ring.append(hash)
        } else {
            seen.remove(ring[next])
            ring[next] = hash
            next = (next + 1) % capacity
        }
        seen.insert(hash)
        return true
    }

    /// FNV-1a: stable across runs (unlike `Hasher`), so tests are repeatable.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
