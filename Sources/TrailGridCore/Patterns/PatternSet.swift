/// Many patterns matched against one flattened event.
///
/// The live feed tests every event against every watch, and most watches
/// pin an exact value of some field (`source`, `detail.eventName`). Each
/// rule is therefore filed under one such field's exact values, and an event
/// only evaluates the rules filed under values it actually has, plus the few
/// rules that have no exact-valued field. With thousands of patterns almost
/// none are evaluated for a typical event.
public struct PatternSet: Sendable {
    public let patterns: [EventPattern]
    /// A rule as filed: its pattern's index, the slot of each field's path,
    /// and the `FlatEvent.presentSlots` bits it needs (see `requiredSlots`).
    private typealias Rule = (pattern: Int, rule: CompiledRule, slots: [Int32], required: UInt64)
    private let rules: [Rule]
    /// slot → exact value → rule indices, for values other than strings.
    private let index: [[IndexKey: [Int]]]
    /// (slot, exact string) → rule indices.
    private let stringIndex: StringRuleIndex
    /// Bit per slot (first 64) that has rules filed under it, so most
    /// leaves are passed over without a dictionary lookup.
    private let indexedSlots: UInt64
    /// Rules with no indexable field; evaluated for every event.
    private let unindexed: [Int]
    /// The paths events are flattened for: every path some rule reads, and
    /// perhaps more (see `init(_:paths:)`).
    public let paths: FlatPaths
    /// The paths the rules read.
    public let pathNames: [String]

    /// - Parameter paths: flatten events for these paths instead of just the
    ///   rules' own (they must include every path a rule reads), so one
    ///   flattening can serve the patterns and other readers alike.
    public init(_ patterns: [EventPattern], paths given: FlatPaths? = nil) {
        self.patterns = patterns
        let names = Self.pathNames(of: patterns)
        let paths = given ?? FlatPaths(names)
        var rules: [Rule] = []
        var index = Array(repeating: [IndexKey: [Int]](), count: paths.slotCount)
        var unindexed: [Int] = []
        for (patternIndex, pattern) in patterns.enumerated() {
            for rule in pattern.rules {
                let ruleIndex = rules.count
                let slots = rule.fields.map { Int32(paths.slot(ofPath: $0.path) ?? -1) }
                precondition(!slots.contains(-1), "PatternSet paths must include every path its rules read")
                rules.append((patternIndex, rule, slots, Self.requiredSlots(rule, slots)))
                if let anchor = PatternSet.anchor(of: rule), let slot = paths.slot(ofPath: anchor.path) {
                    for key in anchor.keys {
                        index[slot][key, default: []].append(ruleIndex)
                    }
                } else {
                    unindexed.append(ruleIndex)
                }
            }
        }
        self.rules = rules
        var strings: [(slot: Int32, key: String, rules: [Int])] = []
        for slot in index.indices {
            for (key, ruleIndices) in index[slot] {
                if case .string(let text) = key { strings.append((Int32(slot), text, ruleIndices)) }
            }
        }
        self.stringIndex = StringRuleIndex(strings)
        self.index = index.map { byValue in byValue.filter { if case .string = $0.key { false } else { true } } }
        self.indexedSlots = index.indices.prefix(64).reduce(0) { mask, slot in index[slot].isEmpty ? mask : mask | UInt64(1) << UInt64(slot) }
        self.unindexed = unindexed
        self.pathNames = names
        self.paths = paths
    }

    /// The paths `patterns` read, each once, in first-read order.
    public static func pathNames(of patterns: [EventPattern]) -> [String] {
        var names: [String] = []
        for pattern in patterns {
            for rule in pattern.rules { for field in rule.fields where !names.contains(field.path) { names.append(field.path) } }
        }
        return names
    }

    /// Indices (into `patterns`) of the patterns that match, ascending.
    /// `event` must be flattened for `paths`.
    public func matches(_ event: FlatEvent) -> [Int] {
        // Candidate rules, each once: those filed under a value the event
        // has, and the unindexed; a rule missing a field it needs is dropped
        // before it is evaluated (most events lack `errorCode`, which a
        // watch filed under `detail-type` tests).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rules.count) { list in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (rules.count + 63) / 64) { seen in
                seen.initialize(repeating: 0)
                var candidates = Candidates(list: list, seen: seen, present: event.presentSlots)
                rules.withUnsafeBufferPointer { rules in
                    // By position: `for leaf in` copied every leaf (a retain
                    // and release of its value and positions) to read its slot.
                    event.withLeaves { leaves, bytes in
                        for position in leaves.indices {
                            let leaf = leaves[position]
                            if leaf.slot < 64 && indexedSlots & (1 << UInt64(leaf.slot)) == 0 { continue }
                            forEachRule(filedUnder: leaf, in: bytes) { candidates.consider($0, required: rules) }
                        }
                    }
                    for rule in unindexed { candidates.consider(rule, required: rules) }
                }
                if candidates.count == 0 { return [] }
                let chosen = UnsafeBufferPointer(rebasing: list[0..<candidates.count])
                // A few rules scan the leaves; many share an index of them.
                if candidates.count < 8 || event.hasArrays { return evaluate(chosen, on: event, index: nil) }
                return LeafIndex.with(event, slotCount: paths.slotCount) { evaluate(chosen, on: event, index: $0) }
            }
        }
    }

    /// The rules an event might match, each once, on the stack: this runs
    /// for every event, and half of them have a candidate. A value, not
    /// variables captured by a local function, which were checked for
    /// exclusive access on every use.
    private struct Candidates {
        let list: UnsafeMutableBufferPointer<Int>
        let seen: UnsafeMutableBufferPointer<UInt64>
        /// The event's `presentSlots`.
        let present: UInt64
        var count = 0

        /// Adds `rule` unless it is already in, or needs a field the event lacks.
        mutating func consider(_ rule: Int, required rules: UnsafeBufferPointer<Rule>) {
            guard rules[rule].required & present == rules[rule].required else { return }
            let bit = UInt64(1) << UInt64(rule & 63)
            guard seen[rule >> 6] & bit == 0 else { return }
            seen[rule >> 6] |= bit
            list.initializeElement(at: count, to: rule)
            count += 1
        }
    }

    /// Calls `body` with each rule filed under the value of `leaf`: strings
    /// are looked up as bytes in `stringIndex`, other values in `index`.
    private func forEachRule(filedUnder leaf: FlatLeaf, in bytes: UnsafeRawBufferPointer, _ body: (Int) -> Void) {
        FlatValue.with(leaf, in: bytes) { value in
            if case .string(let text) = value {
                for entry in stringIndex.rules(slot: leaf.slot, bytes: text) { body(stringIndex.ruleIndices[entry]) }
                return
            }
            let byValue = index[Int(leaf.slot)]
            guard !byValue.isEmpty, let key = IndexKey(value), let rules = byValue[key] else { return }
            for rule in rules { body(rule) }
        }
    }

    /// The patterns, ascending, of the `candidates` rules that match `event`.
    private func evaluate(_ candidates: UnsafeBufferPointer<Int>, on event: FlatEvent, index: LeafIndex?) -> [Int] {
        var matched: [Int] = []
        // Through a buffer: subscripting the array copied each rule (a retain per array in it).
        rules.withUnsafeBufferPointer { rules in
            for ruleIndex in candidates {
                let pattern = rules[ruleIndex].pattern
                if matched.contains(pattern) { continue }
                if rules[ruleIndex].rule.matches(event, slots: rules[ruleIndex].slots, index: index) { matched.append(pattern) }
            }
        }
        return matched.sorted()
    }

    /// The `FlatEvent.presentSlots` bits of the fields `rule` cannot match
    /// without (every field but those that also match an absent value);
    /// slots past 64 are left to the evaluation.
    private static func requiredSlots(_ rule: CompiledRule, _ slots: [Int32]) -> UInt64 {
        var mask: UInt64 = 0
        for (field, slot) in zip(rule.fields, slots) where !field.matchesAbsent && slot < 64 {
            mask |= UInt64(1) << UInt64(slot)
        }
        return mask
    }

    public func matches(_ document: JSONValue) -> [Int] {
        matches(FlatEvent(document: document, paths: paths))
    }

    /// The field a rule is filed under: one whose every alternative is an
    /// exact value (so a match implies the event holds one of those values
    /// there). Among those, the deepest path, then the one with the fewest
    /// values, is taken as the most selective: `detail.eventName` tells
    /// CloudTrail events apart far better than `source`, which thousands of
    /// a service's events share (filed under `source`, a watch over 16 EC2
    /// calls was evaluated for every EC2 event).
    private static func anchor(of rule: CompiledRule) -> (path: String, keys: [IndexKey])? {
        var best: (path: String, keys: [IndexKey])?
        for field in rule.fields where !field.matchesAbsent {
            var keys: [IndexKey] = []
            for matcher in field.matchers {
                guard let key = IndexKey(matcher) else { keys = []; break }
                keys.append(key)
            }
            guard !keys.isEmpty else { continue }
            if let current = best {
                let depth = field.path.utf8.count(where: { $0 == UInt8(ascii: ".") })
                let currentDepth = current.path.utf8.count(where: { $0 == UInt8(ascii: ".") })
                if depth < currentDepth || (depth == currentDepth && keys.count >= current.keys.count) { continue }
            }
            best = (field.path, keys)
        }
        return best
    }
}

/// An exact value as an index key. Numbers are keyed by their double (an
/// exact number matches numerically), or by text when they have no faithful
/// double. String keys are moved to a `StringRuleIndex`, which compares bytes.
enum IndexKey: Hashable, Sendable {
    case string(String)
    case number(Double)
    case numberText(String)
    case bool(Bool)
    case null

    init?(_ matcher: Matcher) {
        switch matcher {
        case .exactString(let text, let ip):
            // Another spelling of the same IP address also matches.
            if ip != nil { return nil }
            self = .string(text)
        case .exactNumber(let text, let value):
            self = value.map(IndexKey.number) ?? .numberText(text)
        case .exactBool(let flag):
            self = .bool(flag)
        case .exactNull:
            self = .null
        default:
            return nil
        }
    }

    init?(_ value: FlatValue) {
        switch value {
        case .string(let bytes): self = .string(String(decoding: bytes, as: UTF8.self))
        case .number(let number): self = number.value.map(IndexKey.number) ?? .numberText(String(decoding: number.text, as: UTF8.self))
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        }
    }
}
