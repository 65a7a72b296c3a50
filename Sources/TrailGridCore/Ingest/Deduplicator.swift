import CByteScan

/// Drops events already seen within a bounded window of recent ones.
///
/// Kinesis delivers at least once and EventBridge may deliver an event to a
/// target twice; the same event on the *other* channel is not a duplicate
/// (seeing it on both is how a cell proves its rule works). Memory is fixed:
/// a ring of 64-bit hashes in arrival order and an open-addressing table of
/// the same, so a 10-million-event feed costs no more than the window.
///
/// The table is hand-written rather than a `Set<UInt64>`: every event
/// passes through here, and `Set`'s per-operation SipHash cost more than
/// the rest of de-duplication. Keys are hashed with `ShortBytes.hash` (stable across
/// runs, so tests are repeatable) a word at a time straight from their
/// parts, never joined into a new string.
public struct Deduplicator: Sendable {
    public let capacity: Int
    /// The window's hashes, oldest at `next` once full.
    private var ring: [UInt64]
    private var next = 0
    /// Linear probing, 0 = empty; at most half full, so probes stay short.
    private var slots: [UInt64]
    private let mask: Int
    /// Hashes taken into the window since the last `takeJournal()`, kept
    /// only when asked: a state store persists them with the feed positions,
    /// so a record read again after a restart is still known as a duplicate.
    private var journal: [UInt64]?

    public init(capacity: Int = 262_144, journaling: Bool = false) {
        self.capacity = max(1, capacity)
        self.ring = []
        self.ring.reserveCapacity(self.capacity)
        var size = 16
        while size < self.capacity * 2 { size <<= 1 }
        self.slots = Array(repeating: 0, count: size)
        self.mask = size - 1
        self.journal = journaling ? [] : nil
    }

    /// A window holding `hashes` (a journal's, oldest first), as the
    /// uninterrupted window would: only the newest `capacity` of them stay.
    public init(capacity: Int = 262_144, journaling: Bool = false, restoring hashes: [UInt64]) {
        self.init(capacity: capacity, journaling: false)
        for hash in hashes.suffix(self.capacity) { _ = insert(hash: hash) }
        self.journal = journaling ? [] : nil
    }

    /// The hashes taken in since the last call, oldest first (empty unless journaling).
    public mutating func takeJournal() -> [UInt64] {
        guard let taken = journal, !taken.isEmpty else { return [] }
        journal = []
        journal?.reserveCapacity(taken.count)
        return taken
    }

    /// Records `key` and reports whether it was new.
    public mutating func insert(_ key: String) -> Bool {
        insert(hash: Self.hash(key))
    }

    /// Records the event id `id` seen on `channel` (the two channels are
    /// separate namespaces) and reports whether it was new.
    public mutating func insert(_ id: String, on channel: Channel) -> Bool {
        insert(key: Self.key(id, on: channel))
    }

    /// What `insert(_:on:)` files the event id `id` seen on `channel` under.
    public static func key(_ id: String, on channel: Channel) -> UInt64 {
        hash(id, continuing: channelSeed(channel))
    }

    /// `key(_:on:)` of the id whose UTF-8 is `id`.
    static func key(utf8 id: UnsafeRawBufferPointer, on channel: Channel) -> UInt64 {
        ShortBytes.hash(id.baseAddress, count: id.count, seed: channelSeed(channel))
    }

    private static let realtimeSeed = hash("r")
    private static let trailSeed = hash("t")

    private static func channelSeed(_ channel: Channel) -> UInt64 {
        channel == .realtime ? realtimeSeed : trailSeed
    }

    /// Starts loading the part of the table `key` is looked up in, so that
    /// an `insert(key:)` after other work does not wait for memory: the
    /// table is megabytes, and every event misses the cache here.
    public func prefetch(_ key: UInt64) {
        let slot = Self.mix(key == 0 ? 1 : key) & mask
        slots.withUnsafeBufferPointer { tg_prefetch($0.baseAddress! + slot) }
    }

    /// `insert(_:on:)` for its `key`.
    public mutating func insert(key: UInt64) -> Bool {
        insert(hash: key)
    }

    /// Records a Kinesis delivery key (`shard:sequence#index`).
    public mutating func insert(deliveryKey: String) -> Bool {
        insert(hash: Self.hash(deliveryKey, continuing: Self.hash("k")))
    }

    private mutating func insert(hash raw: UInt64) -> Bool {
        let hash = raw == 0 ? 1 : raw
        var slot = Self.mix(hash) & mask
        while slots[slot] != 0 {
            if slots[slot] == hash { return false }
            slot = (slot + 1) & mask
        }
        if ring.count < capacity {
            ring.append(hash)
        } else {
            remove(ring[next])
            ring[next] = hash
            next += 1
            if next == capacity { next = 0 }
        }
        // The removal may have shifted entries; probe again for a free slot.
        slot = Self.mix(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = hash
        if journal != nil { journal!.append(hash) }
        return true
    }

    /// Removes `hash` and closes the gap (backward-shift deletion), so
    /// probing needs no tombstones and the table never fills with them.
    private mutating func remove(_ hash: UInt64) {
        var slot = Self.mix(hash) & mask
        while slots[slot] != hash {
            if slots[slot] == 0 { return }
            slot = (slot + 1) & mask
        }
        var hole = slot
        var probe = (slot + 1) & mask
        while slots[probe] != 0 {
            let home = Self.mix(slots[probe]) & mask
            // Move the entry back if the hole lies on its probe path home…probe.
            let distanceToHole = (hole - home) & mask
            let distanceToProbe = (probe - home) & mask
            if distanceToHole < distanceToProbe {
                slots[hole] = slots[probe]
                hole = probe
            }
            probe = (probe + 1) & mask
        }
        slots[hole] = 0
    }

    /// `ShortBytes.hash` of the key's UTF-8, continuing from `seed`.
    static func hash(_ key: String, continuing seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var key = key
        return key.withUTF8 { ShortBytes.hash($0.baseAddress, count: $0.count, seed: seed) }
    }

    /// The table index comes from a finalizer (murmur3's fmix64), so that
    /// neighbouring hashes do not share probe runs.
    @inline(__always)
    private static func mix(_ hash: UInt64) -> Int {
        var value = hash
        value ^= value >> 33
        value &*= 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        value &*= 0xc4ce_b9fe_1a85_ec53
        value ^= value >> 33
        return Int(truncatingIfNeeded: value)
    }
}
