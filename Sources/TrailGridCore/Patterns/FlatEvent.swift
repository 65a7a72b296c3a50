/// A scalar taken from an event, prepared once so that thousands of patterns
/// can test it without re-reading the JSON.
enum FlatScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(FlatNumber)
    case string(String)
}

/// An event number with its literal text (exact matches compare text too)
/// and its double, which is `nil` when the literal is outside the double
/// range: such a number can only match by text, never by value.
struct FlatNumber: Sendable, Equatable {
    var text: String
    var value: Double?

    init(_ number: JSONNumber) {
        text = number.text
        value = FlatNumber.comparableValue(number.text)
    }

    /// A literal that overflows to infinity, or underflows to zero while
    /// having non-zero digits, has no faithful double; event-ruler refuses to
    /// compare those numerically, and so do we.
    static func comparableValue(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        if value == 0 {
            let mantissa = text.prefix { $0 != "e" && $0 != "E" }
            if mantissa.contains(where: { $0 >= "1" && $0 <= "9" }) { return nil }
        }
        return value
    }
}

/// Where a leaf sits inside the event's arrays: one entry per enclosing
/// array, naming the array instance and the element index. Two leaves that
/// share an array but not an element index came from different elements.
struct ArrayPosition: Sendable, Equatable {
    var array: Int32
    var index: Int32
}

extension FlatScalar {
    /// The scalar of a JSON leaf; nil for objects and arrays.
    init?(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(FlatNumber(number))
        case .string(let text): self = .string(text)
        case .array, .object: return nil
        }
    }
}

struct FlatLeaf: Sendable, Equatable {
    var value: FlatScalar
    var positions: [ArrayPosition]
    /// The `FlatPaths` slot of the leaf's path.
    var slot: Int32
}

/// An event flattened once into leaf values filed by path, the shape every
/// pattern is evaluated against, holding only the paths of one `FlatPaths`
/// (what the patterns and the normalizer read). Arrays are transparent (a
/// path's values are the union over elements, nested arrays included), as in
/// EventBridge, and each leaf remembers its array elements so that a match
/// cannot combine fields from different elements of the same array
/// (event-ruler's array consistency rule). Keys are joined with "." so that
/// an event key `"a.b"` and a nested `{"a":{"b"}}` are the same field, which
/// AWS does.
///
/// Leaves are filed by slot number, not path text: an event has a dozen
/// leaves, so a linear scan beats hashing a path string per lookup, and
/// the parser can fill one directly (`JSONParser.flatten`) without building
/// a tree first.
public struct FlatEvent: Sendable {
    /// In document order.
    var leaves: [FlatLeaf] = []
    /// True when some leaf lies inside an array; lets the matcher skip the
    /// consistency search for the common array-free event.
    var hasArrays = false
    /// True when some slot holds two leaves outside any array (a duplicate
    /// key): such a record is decoded from its tree, where the last key wins.
    var hasRepeatedSlot = false
    /// Which slots hold a leaf outside arrays (bit per slot, first 64), for `hasRepeatedSlot`.
    private var filled: UInt64 = 0
    /// Which slots (first 64) hold any leaf, in arrays or not: a rule that
    /// needs a field the event lacks is passed over without evaluation.
    public internal(set) var presentSlots: UInt64 = 0
    /// Array instances numbered so far (`ArrayPosition.array`).
    var nextArray: Int32 = 0
    /// Which of the `FlatPaths` marker keys the top-level object has.
    public internal(set) var markers: UInt64 = 0

    init() {}

    /// The leaves of `document` at `paths`.
    public init(document: JSONValue, paths: FlatPaths) {
        if case .object(let members) = document {
            for member in members {
                if let child = paths.child(of: FlatPaths.root, key: member.key) { markers |= paths.marker(of: child) }
            }
        }
        add(document, node: FlatPaths.root, paths: paths, positions: [])
    }

    /// The number of leaf values, for diagnostics and tests.
    public var leafCount: Int { leaves.count }

    /// The leaves at `slot`, in document order.
    func leaves(at slot: Int32) -> [FlatLeaf] {
        leaves.filter { $0.slot == slot }
    }

    /// The value at `slot` when it is a single leaf outside arrays (the last
    /// one, as a tree's member lookup finds), else nil.
    func scalar(at slot: Int32) -> FlatScalar? {
        guard slot >= 0 else { return nil }
        if slot < 64 && presentSlots & (UInt64(1) << UInt64(slot)) == 0 { return nil }
        // By position: iterating copied every leaf, value and positions.
        return leaves.withUnsafeBufferPointer { leaves in
            var found: Int?
            for position in leaves.indices where leaves[position].slot == slot {
                guard leaves[position].positions.isEmpty else { return nil }
                found = position
            }
            return found.map { leaves[$0].value }
        }
    }

    /// The non-empty string at `slot` (see `scalar(at:)`).
    func string(at slot: Int32) -> String? {
        guard case .string(let text)? = scalar(at: slot), !text.isEmpty else { return nil }
        return text
    }

    /// Calls `body` with a reader that answers `scalar(at:)` and
    /// `string(at:)` for slots below `slotCount` without scanning the leaves
    /// each time: the normalizer reads some twenty slots of every event.
    func withSingleValues<Result, Failure: Error>(
        slotCount: Int, _ body: (SingleValues) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try LeafIndex.with(self, slotCount: slotCount) { (index) throws(Failure) -> Result in
            try leaves.withUnsafeBufferPointer { (leaves) throws(Failure) -> Result in try body(SingleValues(leaves: leaves, index: index)) }
        }
    }

    /// Each slot's single value outside arrays, read through a `LeafIndex`.
    struct SingleValues {
        let leaves: UnsafeBufferPointer<FlatLeaf>
        let index: LeafIndex

        /// As `FlatEvent.scalar(at:)`: the last leaf at `slot`, or nil when
        /// there is none or some leaf there lies inside an array.
        func scalar(at slot: Int32) -> FlatScalar? {
            guard slot >= 0, Int(slot) < index.first.count else { return nil }
            var leaf = index.first[Int(slot)]
            var last: Int32 = -1
            while leaf >= 0 {
                guard leaves[Int(leaf)].positions.isEmpty else { return nil }
                last = leaf
                leaf = index.next[Int(leaf)]
            }
            return last >= 0 ? leaves[Int(last)].value : nil
        }

        func string(at slot: Int32) -> String? {
            guard case .string(let text)? = scalar(at: slot), !text.isEmpty else { return nil }
            return text
        }
    }

    mutating func append(_ scalar: FlatScalar, slot: Int32, positions: [ArrayPosition]) {
        if slot < 64 { presentSlots |= UInt64(1) << UInt64(slot) }
        if positions.isEmpty {
            if slot < 64 {
                let bit = UInt64(1) << UInt64(slot)
                if filled & bit != 0 { hasRepeatedSlot = true }
                filled |= bit
            } else if !hasRepeatedSlot, leaves.contains(where: { $0.slot == slot && $0.positions.isEmpty }) {
                hasRepeatedSlot = true
            }
        } else {
            hasArrays = true
        }
        leaves.append(FlatLeaf(value: scalar, positions: positions, slot: slot))
    }

    /// Adds the leaves of `value` (at `node` of `paths`): members no path
    /// reads are not visited.
    mutating func add(_ value: JSONValue, node: Int, paths: FlatPaths, positions: [ArrayPosition]) {
        switch value {
        case .object(let members):
            for member in members {
                guard let child = paths.child(of: node, key: member.key) else { continue }
                add(member.value, node: child, paths: paths, positions: positions)
            }
        case .array(let items):
            let id = nextArray
            nextArray += 1
            for (index, item) in items.enumerated() {
                add(item, node: node, paths: paths, positions: positions + [ArrayPosition(array: id, index: Int32(truncatingIfNeeded: index))])
            }
        default:
            let slot = paths.slot(of: node)
            guard slot >= 0, let scalar = FlatScalar(value) else { return }
            append(scalar, slot: slot, positions: positions)
        }
    }
}
