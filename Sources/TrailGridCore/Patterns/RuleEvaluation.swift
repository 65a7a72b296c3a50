extension CompiledRule {
    /// A rule matches when every field test holds and the chosen values can
    /// come from one consistent set of array elements.
    func matches(_ event: FlatEvent) -> Bool {
        if !event.hasArrays {
            // No arrays: any matching value will do, so no candidates are kept.
            for field in fields {
                guard let leaves = event.fields[field.path], !leaves.isEmpty else {
                    if field.matchesAbsent { continue }
                    return false
                }
                guard leaves.contains(where: { field.accepts($0.value) }) else { return false }
            }
            return true
        }
        var constrained: [[FlatLeaf]] = []
        for field in fields {
            guard let leaves = event.fields[field.path], !leaves.isEmpty else {
                if field.matchesAbsent { continue }
                return false
            }
            let matching = leaves.filter { field.accepts($0.value) }
            if matching.isEmpty { return false }
            // A value outside every array fits with any choice, so the field
            // adds no constraint.
            if matching.contains(where: { $0.positions.isEmpty }) { continue }
            constrained.append(matching)
        }
        return ArrayConsistency.satisfiable(constrained)
    }
}

extension FieldTest {
    func accepts(_ value: FlatScalar) -> Bool {
        matchers.contains { $0.matches(value) }
    }
}

/// event-ruler's array-consistency rule: the values a rule matches must not
/// come from different elements of the same array, so that
/// `{"a":[{"b":1,"c":2},{"b":3,"c":4}]}` does not match `b=1 AND c=4`.
enum ArrayConsistency {
    static func satisfiable(_ candidates: [[FlatLeaf]]) -> Bool {
        if candidates.isEmpty { return true }
        let ordered = candidates.sorted { $0.count < $1.count }
        var chosen: [ArrayPosition] = []
        return search(ordered, 0, &chosen)
    }

    private static func search(_ lists: [[FlatLeaf]], _ depth: Int, _ chosen: inout [ArrayPosition]) -> Bool {
        if depth == lists.count { return true }
        for leaf in lists[depth] where compatible(leaf.positions, chosen) {
            let mark = chosen.count
            chosen += leaf.positions
            if search(lists, depth + 1, &chosen) { return true }
            chosen.removeSubrange(mark...)
        }
        return false
    }

    private static func compatible(_ positions: [ArrayPosition], _ chosen: [ArrayPosition]) -> Bool {
        for position in positions {
            for other in chosen where other.array == position.array && other.index != position.index {
                return false
            }
        }
        return true
    }
}
