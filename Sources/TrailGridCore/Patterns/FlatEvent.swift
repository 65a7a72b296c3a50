/// A scalar of an event as a value of its own: what tests and cold paths
/// read (`FlatEvent.scalar(at:)`). Matching reads `FlatValue`, borrowed
/// from the event's bytes, instead.
enum FlatScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(FlatNumber)
    case string(String)
}

/// An event number with its literal text (exact matches compare text too)
/// and its double, which is `nil` when `ComparableNumber` refuses the
/// literal (a double would round it): such a number can only match by text,
/// never by value.
struct FlatNumber: Sendable, Equatable {
    var text: String
    var value: Double?

    init(_ number: JSONNumber) {
        self.init(text: number.text)
    }

    init(text: String) {
        self.text = text
        value = ComparableNumber.value(text)
    }
}

/// Where a leaf sits inside the event's arrays: one entry per enclosing
/// array, naming the array instance and the element index. Two leaves that
/// share an array but not an element index came from different elements.
///
/// A scalar that is itself an element (the `1` of `[{"b":"x"}, 1]`) is in
/// its array but pinned to no element of it: event-ruler records an
/// element only when it steps into an object or an array there, so such a
/// scalar combines with a field of any sibling element.
struct ArrayPosition: Sendable, Equatable {
    var array: Int32
    var index: Int32

    /// The `index` of a scalar element (see above).
    static let anyElement: Int32 = -1

    /// The position of an element of `array`: `index` when the element is
    /// an object or an array, else `anyElement`.
    init(array: Int32, index: Int32, isContainer: Bool) {
        self.array = array
        self.index = isContainer ? index : ArrayPosition.anyElement
    }

    /// Whether two leaves at these positions can come from one choice of
    /// elements.
    func fits(_ other: ArrayPosition) -> Bool {
        array != other.array || index == other.index || index == ArrayPosition.anyElement
            || other.index == ArrayPosition.anyElement
    }
}

/// One scalar of an event, as a place in the event's bytes rather than a
/// value of its own: flattening a record made a `String` of each of its
/// few dozen leaves (an interning lookup, a retain, and a release once
/// matched), although the patterns compare bytes and the normalizer keeps
/// only some of them. A plain value, so an event's leaves are freed (and
/// reused) without visiting each one.
struct FlatLeaf: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number
        /// The bytes are the string's UTF-8.
        case string
        /// The bytes are the string's JSON literal, quotes included: it has
        /// escapes, so its text must be decoded (rare in CloudTrail).
        case escapedString
    }

    var kind: Kind
    /// The `FlatPaths` slot of the leaf's path.
    var slot: Int32
    /// The value's bytes in `FlatEvent.bytes` (a number's literal, a
    /// string's text or literal; nothing for the others).
    var start: Int32
    var count: Int32
    /// The leaf's array positions, `FlatEvent.positions[positionStart...]`.
    var positionStart: Int32
    var positionCount: Int32

    var inArray: Bool { positionCount != 0 }
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
/// a tree first. Their values are ranges of `bytes`, which is the record's
/// own text when flattened from it (shared, not copied).
public struct FlatEvent: Sendable {
    /// In document order.
    var leaves: [FlatLeaf] = []
    /// What the leaves' ranges point into.
    var bytes: [UInt8] = []
    /// The array positions of all leaves in arrays, each leaf's in a run.
    var positions: [ArrayPosition] = []
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

    /// The array positions of `leaf`.
    func positions(of leaf: FlatLeaf) -> ArraySlice<ArrayPosition> {
        positions[Int(leaf.positionStart)..<Int(leaf.positionStart + leaf.positionCount)]
    }

    /// The value of `leaf` as a value of its own.
    func scalar(of leaf: FlatLeaf) -> FlatScalar {
        bytes.withUnsafeBytes { FlatValue.with(leaf, in: $0) { $0.scalar } }
    }

    /// The value at `slot` when it is a single leaf outside arrays (the last
    /// one, as a tree's member lookup finds), else nil.
    func scalar(at slot: Int32) -> FlatScalar? {
        singleLeaf(at: slot).map(scalar(of:))
    }

    /// The non-empty string at `slot` (see `scalar(at:)`).
    func string(at slot: Int32) -> String? {
        guard case .string(let text)? = scalar(at: slot), !text.isEmpty else { return nil }
        return text
    }

    /// Calls `body` with the UTF-8 of the string at `slot` (see
    /// `scalar(at:)`); nil when there is no string there.
    func withString<Result>(at slot: Int32, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
        guard let leaf = singleLeaf(at: slot), leaf.kind == .string || leaf.kind == .escapedString else { return nil }
        return bytes.withUnsafeBytes { bytes in
            FlatValue.with(leaf, in: bytes) { value -> Result? in
                guard case .string(let text) = value else { return nil }
                return body(text)
            }
        }
    }

    private func singleLeaf(at slot: Int32) -> FlatLeaf? {
        guard slot >= 0 else { return nil }
        if slot < 64 && presentSlots & (UInt64(1) << UInt64(slot)) == 0 { return nil }
        var found: FlatLeaf?
        for position in leaves.indices where leaves[position].slot == slot {
            guard !leaves[position].inArray else { return nil }
            found = leaves[position]
        }
        return found
    }

    /// Calls `body` with the leaves and the bytes they point into.
    func withLeaves<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<FlatLeaf>, UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try leaves.withUnsafeBufferPointer { (leaves) throws(Failure) -> Result in
            try bytes.withUnsafeBufferPointer { (bytes) throws(Failure) -> Result in try body(leaves, UnsafeRawBufferPointer(bytes)) }
        }
    }

    /// Calls `body` with a reader that finds the single value of a slot
    /// below `slotCount` without scanning the leaves each time: the
    /// normalizer reads some twenty slots of every event.
    func withSingleValues<Result, Failure: Error>(
        slotCount: Int, _ body: (SingleValues) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try LeafIndex.with(self, slotCount: slotCount) { (index) throws(Failure) -> Result in
            try withLeaves { (leaves, bytes) throws(Failure) -> Result in
                try body(SingleValues(leaves: leaves, bytes: bytes, index: index))
            }
        }
    }

    /// Each slot's single value outside arrays, read through a `LeafIndex`.
    struct SingleValues {
        let leaves: UnsafeBufferPointer<FlatLeaf>
        let bytes: UnsafeRawBufferPointer
        let index: LeafIndex

        /// As `FlatEvent.scalar(at:)`: the last leaf at `slot`, or nil when
        /// there is none or some leaf there lies inside an array.
        func leaf(at slot: Int32) -> FlatLeaf? {
            guard slot >= 0, Int(slot) < index.first.count else { return nil }
            var leaf = index.first[Int(slot)]
            var last: Int32 = -1
            while leaf >= 0 {
                guard !leaves[Int(leaf)].inArray else { return nil }
                last = leaf
                leaf = index.next[Int(leaf)]
            }
            return last >= 0 ? leaves[Int(last)] : nil
        }

        func scalar(at slot: Int32) -> FlatScalar? {
            leaf(at: slot).map { leaf in FlatValue.with(leaf, in: bytes) { $0.scalar } }
        }

        /// The leaf at `slot` (see `leaf(at:)`) when it is a non-empty string.
        func nonEmptyString(at slot: Int32) -> FlatLeaf? {
            guard let leaf = leaf(at: slot) else { return nil }
            // A string with escapes is never empty.
            return (leaf.kind == .string && leaf.count > 0) || leaf.kind == .escapedString ? leaf : nil
        }

        /// The text of a string leaf ("" for other leaves).
        func text(of leaf: FlatLeaf) -> String {
            FlatValue.with(leaf, in: bytes) { value in
                guard case .string(let text) = value else { return "" }
                return String(decoding: text, as: UTF8.self)
            }
        }
    }

    /// Files a leaf whose value is already in `bytes`.
    mutating func append(_ kind: FlatLeaf.Kind, start: Int, count: Int, slot: Int32, positions: [ArrayPosition]) {
        let positionStart = Int32(truncatingIfNeeded: self.positions.count)
        if !positions.isEmpty { self.positions += positions }
        file(FlatLeaf(
            kind: kind, slot: slot, start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: count),
            positionStart: positionStart, positionCount: Int32(truncatingIfNeeded: positions.count)
        ))
    }

    /// Files `leaf` of an event with the same `bytes` and `positions`, at `slot`.
    mutating func append(_ leaf: FlatLeaf, slot: Int32) {
        var leaf = leaf
        leaf.slot = slot
        file(leaf)
    }

    private mutating func file(_ leaf: FlatLeaf) {
        let slot = leaf.slot
        if slot < 64 { presentSlots |= UInt64(1) << UInt64(slot) }
        if !leaf.inArray {
            if slot < 64 {
                let bit = UInt64(1) << UInt64(slot)
                if filled & bit != 0 { hasRepeatedSlot = true }
                filled |= bit
            } else if !hasRepeatedSlot, leaves.contains(where: { $0.slot == slot && !$0.inArray }) {
                hasRepeatedSlot = true
            }
        } else {
            hasArrays = true
        }
        leaves.append(leaf)
    }

    /// Files `scalar`, its text added to `bytes`.
    mutating func append(_ scalar: FlatScalar, slot: Int32, positions: [ArrayPosition]) {
        let start = bytes.count
        switch scalar {
        case .null: append(.null, start: start, count: 0, slot: slot, positions: positions)
        case .bool(let flag): append(flag ? .true : .false, start: start, count: 0, slot: slot, positions: positions)
        case .number(let number):
            bytes += number.text.utf8
            append(.number, start: start, count: bytes.count - start, slot: slot, positions: positions)
        case .string(let text):
            bytes += text.utf8
            append(.string, start: start, count: bytes.count - start, slot: slot, positions: positions)
        }
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
                let isContainer = switch item {
                case .object, .array: true
                default: false
                }
                let position = ArrayPosition(array: id, index: Int32(truncatingIfNeeded: index), isContainer: isContainer)
                add(item, node: node, paths: paths, positions: positions + [position])
            }
        default:
            let slot = paths.slot(of: node)
            guard slot >= 0, let scalar = FlatScalar(value) else { return }
            append(scalar, slot: slot, positions: positions)
        }
    }

    /// Every leaf as (slot, value, array positions): how two flattenings
    /// that lay their bytes out differently are compared.
    var described: [DescribedLeaf] {
        leaves.map { DescribedLeaf(slot: $0.slot, value: scalar(of: $0), positions: Array(positions(of: $0))) }
    }

    struct DescribedLeaf: Equatable {
        var slot: Int32
        var value: FlatScalar
        var positions: [ArrayPosition]
    }
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
