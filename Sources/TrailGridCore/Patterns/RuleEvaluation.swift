extension CompiledRule {
    /// A rule matches when every field test holds and the chosen values can
    /// come from one consistent set of array elements. `slots[i]` is where
    /// `event` files the leaves of `fields[i].path`.
    ///
    /// - Parameter index: `event`'s leaves chained by slot, when the caller
    ///   evaluates many rules on one event (see `LeafIndex`).
    func matches(_ event: FlatEvent, slots: [Int32], index: LeafIndex? = nil) -> Bool {
        if !event.hasArrays {
            // No arrays: any matching value will do, so no candidates are kept.
            // Through buffers: this runs for every rule an event reaches, and
            // reading elements out of the arrays retained every string in them.
            return fields.withUnsafeBufferPointer { fields in
                slots.withUnsafeBufferPointer { slots in
                    event.withLeaves { leaves, bytes in
                        for position in 0..<fields.count {
                            let slot = slots[position]
                            var present = false
                            var accepted = false
                            if let index {
                                var leaf = index.first[Int(slot)]
                                while leaf >= 0 {
                                    present = true
                                    if fields[position].accepts(leaves[Int(leaf)], in: bytes) { accepted = true; break }
                                    leaf = index.next[Int(leaf)]
                                }
                            } else {
                                for leaf in 0..<leaves.count where leaves[leaf].slot == slot {
                                    present = true
                                    if fields[position].accepts(leaves[leaf], in: bytes) { accepted = true; break }
                                }
                            }
                            if accepted || (!present && fields[position].matchesAbsent) { continue }
                            return false
                        }
                        return true
                    }
                }
            }
        }
        var constrained: [ArrayConsistency.Choice] = []
        for (field, slot) in zip(fields, slots) {
            let leaves = event.leaves(at: slot)
            guard !leaves.isEmpty else {
                if field.matchesAbsent { continue }
                return false
            }
            let matching = event.bytes.withUnsafeBytes { bytes in leaves.filter { field.accepts($0, in: bytes) } }
            // A value outside every array fits with any choice, so the field
            // adds no constraint.
            if matching.contains(where: { !$0.inArray }) { continue }
            if matching.isEmpty && !field.matchesAbsent { return false }
            // `exists: false` still holds if every value at the path lies in
            // other elements of the arrays the rest of the match came from.
            let absentIfDisjointFrom = field.matchesAbsent ? leaves : nil
            if absentIfDisjointFrom?.contains(where: { !$0.inArray }) == true && matching.isEmpty { return false }
            constrained.append(ArrayConsistency.Choice(
                candidates: matching.map(event.positions(of:)), absentUnless: absentIfDisjointFrom?.map(event.positions(of:))
            ))
        }
        return ArrayConsistency.satisfiable(constrained)
    }
}

/// An event's leaves chained by slot (`first[slot]`, then `next[leaf]`,
/// -1 ending a chain), so that a rule finds a field's values without
/// scanning every leaf: worth building once many rules test one event
/// (a large configuration's unindexed patterns).
struct LeafIndex {
    var first: UnsafeMutableBufferPointer<Int32>
    var next: UnsafeMutableBufferPointer<Int32>

    /// Calls `body` with the index of `event` (whose slots are below `slotCount`), on the stack.
    static func with<Result, Failure: Error>(
        _ event: FlatEvent, slotCount: Int, _ body: (LeafIndex) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: slotCount + event.leaves.count) { (storage) throws(Failure) -> Result in
            let first = UnsafeMutableBufferPointer(rebasing: storage[0..<slotCount])
            let next = UnsafeMutableBufferPointer(rebasing: storage[slotCount...])
            first.initialize(repeating: -1)
            // Backwards, so each chain runs in document order.
            for position in event.leaves.indices.reversed() {
                let slot = Int(event.leaves[position].slot)
                next[position] = first[slot]
                first[slot] = Int32(position)
            }
            return try body(LeafIndex(first: first, next: next))
        }
    }
}

extension FieldTest {
    /// Whether some alternative accepts `leaf`, whose bytes are in `bytes`.
    func accepts(_ leaf: FlatLeaf, in bytes: UnsafeRawBufferPointer) -> Bool {
        FlatValue.with(leaf, in: bytes) { value in
            // Borrowed through a buffer: iterating the array copied each matcher and its operands.
            matchers.withUnsafeBufferPointer { matchers in
                for index in 0..<matchers.count where matchers[index].matches(value) { return true }
                return false
            }
        }
    }
}

/// event-ruler's array-consistency rule: the values a rule matches must not
/// come from different elements of the same array, so that
/// `{"a":[{"b":1,"c":2},{"b":3,"c":4}]}` does not match `b=1 AND c=4`.
enum ArrayConsistency {
    /// The array positions of one leaf.
    typealias Positions = ArraySlice<ArrayPosition>

    /// One field's options: one of `candidates`, or, when `absentUnless` is
    /// set (`exists: false`), none of those leaves being compatible with the
    /// final choice of the other fields.
    struct Choice {
        var candidates: [Positions]
        var absentUnless: [Positions]?
    }

    static func satisfiable(_ choices: [Choice]) -> Bool {
        if choices.isEmpty { return true }
        let ordered = choices.sorted { $0.candidates.count < $1.candidates.count }
        var chosen: [ArrayPosition] = []
        var deferred: [[Positions]] = []
        return search(ordered, 0, &chosen, &deferred)
    }

    private static func search(_ choices: [Choice], _ depth: Int, _ chosen: inout [ArrayPosition], _ deferred: inout [[Positions]]) -> Bool {
        if depth == choices.count {
            // Absence is judged against the complete choice: a leaf counts as
            // present only if it could sit in the same elements.
            return deferred.allSatisfy { leaves in !leaves.contains { compatible($0, chosen) } }
        }
        for positions in choices[depth].candidates where compatible(positions, chosen) {
            let mark = chosen.count
            chosen += positions
            if search(choices, depth + 1, &chosen, &deferred) { return true }
            chosen.removeSubrange(mark...)
        }
        if let absent = choices[depth].absentUnless {
            deferred.append(absent)
            if search(choices, depth + 1, &chosen, &deferred) { return true }
            deferred.removeLast()
        }
        return false
    }

    static func compatible(_ positions: Positions, _ chosen: [ArrayPosition]) -> Bool {
        for position in positions {
            for other in chosen where !position.fits(other) {
                return false
            }
        }
        return true
    }
}
