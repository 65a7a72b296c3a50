/// Rules filed under an exact string value at a slot, looked up by the
/// value's UTF-8 bytes.
///
/// `PatternSet` looks up a couple of an event's values here for every
/// event (`detail-type`, `detail.eventName`). As a `Dictionary` keyed by
/// `String` each lookup hashed the value with SipHash and compared keys by
/// canonical equivalence, 3 % of ingest. Keys are compared as bytes, which
/// is what the rules themselves do (`ExactText.equals`), so no rule is
/// lost: a canonically equivalent spelling that used to be a candidate
/// could never match.
struct StringRuleIndex: Sendable {
    /// Entry number, or -1 for an empty bucket.
    private var table: [Int32]
    private var mask: Int
    private var entryHashes: [UInt64] = []
    private var entrySlots: [Int32] = []
    private var keyStarts: [Int32] = []
    private var keyCounts: [Int32] = []
    private var keyBytes: [UInt8] = []
    /// Entry `n`'s rules are `ruleIndices[ruleStarts[n]..<ruleStarts[n + 1]]`.
    private var ruleStarts: [Int32] = [0]
    private(set) var ruleIndices: [Int] = []

    init(_ entries: [(slot: Int32, key: String, rules: [Int])]) {
        var size = 8
        while size < entries.count * 2 { size <<= 1 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for (number, entry) in entries.enumerated() {
            let key = Array(entry.key.utf8)
            let hash = key.withUnsafeBytes { Self.hash($0, slot: entry.slot) }
            entryHashes.append(hash)
            entrySlots.append(entry.slot)
            keyStarts.append(Int32(keyBytes.count))
            keyCounts.append(Int32(key.count))
            keyBytes += key
            ruleIndices += entry.rules
            ruleStarts.append(Int32(ruleIndices.count))
            var bucket = Int(truncatingIfNeeded: hash) & mask
            while table[bucket] >= 0 { bucket = (bucket + 1) & mask }
            table[bucket] = Int32(number)
        }
    }

    /// The positions in `ruleIndices` of the rules filed under the string
    /// `bytes` at `slot` (empty when none).
    func rules(slot: Int32, bytes: UnsafeRawBufferPointer) -> Range<Int> {
        let hash = Self.hash(bytes, slot: slot)
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[bucket])
            if entry < 0 { return 0..<0 }
            if entryHashes[entry] == hash && entrySlots[entry] == slot && Int(keyCounts[entry]) == bytes.count {
                let same = bytes.isEmpty || keyBytes.withUnsafeBytes { keys in
                    ShortBytes.equal(keys.baseAddress! + Int(keyStarts[entry]), bytes.baseAddress!, count: bytes.count)
                }
                if same { return Int(ruleStarts[entry])..<Int(ruleStarts[entry + 1]) }
            }
            bucket = (bucket + 1) & mask
        }
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer, slot: Int32) -> UInt64 {
        ShortBytes.hash(bytes.baseAddress, count: bytes.count, seed: UInt64(truncatingIfNeeded: slot))
    }
}
