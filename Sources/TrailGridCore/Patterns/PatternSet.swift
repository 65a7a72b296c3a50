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
    /// Rules as (pattern index, rule).
    private let rules: [(pattern: Int, rule: CompiledRule)]
    /// path → exact value → rule indices.
    private let index: [String: [IndexKey: [Int]]]
    /// Rules with no indexable field; evaluated for every event.
    private let unindexed: [Int]
    /// Every path some rule reads: events are flattened for these only.
    public let paths: FlatPaths
    /// The same paths as text.
    public let pathNames: [String]

    public init(_ patterns: [EventPattern]) {
        self.patterns = patterns
        var rules: [(pattern: Int, rule: CompiledRule)] = []
        var index: [String: [IndexKey: [Int]]] = [:]
        var unindexed: [Int] = []
        for (patternIndex, pattern) in patterns.enumerated() {
            for rule in pattern.rules {
                let ruleIndex = rules.count
                rules.append((patternIndex, rule))
                if let anchor = PatternSet.anchor(of: rule) {
                    for key in anchor.keys {
                        index[anchor.path, default: [:]][key, default: []].append(ruleIndex)
                    }
                } else {
                    unindexed.append(ruleIndex)
                }
            }
        }
        self.rules = rules
        self.index = index
        self.unindexed = unindexed
        var names: [String] = []
        for (_, rule) in rules { for field in rule.fields where !names.contains(field.path) { names.append(field.path) } }
        self.pathNames = names
        self.paths = FlatPaths(names)
    }

    /// Indices (into `patterns`) of the patterns that match, ascending.
    public func matches(_ event: FlatEvent) -> [Int] {
        var matched = Set<Int>()
        var tried = Set<Int>()
        func evaluate(_ ruleIndex: Int) {
            let entry = rules[ruleIndex]
            guard !matched.contains(entry.pattern), tried.insert(ruleIndex).inserted else { return }
            if entry.rule.matches(event) { matched.insert(entry.pattern) }
        }
        for (path, byValue) in index {
            guard let leaves = event.fields[path] else { continue }
            for leaf in leaves {
                guard let key = IndexKey(leaf.value), let ruleIndices = byValue[key] else { continue }
                for ruleIndex in ruleIndices { evaluate(ruleIndex) }
            }
        }
        for ruleIndex in unindexed { evaluate(ruleIndex) }
        return matched.sorted()
    }

    public func matches(_ document: JSONValue) -> [Int] {
        matches(FlatEvent(document: document, only: paths))
    }

    /// The field a rule is filed under: one whose every alternative is an
    /// exact value (so a match implies the event holds one of those values
    /// there). Among those, the one with the fewest values, then the deepest
    /// path, is taken as the most selective.
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
                if keys.count > current.keys.count || (keys.count == current.keys.count && depth <= currentDepth) { continue }
            }
            best = (field.path, keys)
        }
        return best
    }
}

/// An exact value as an index key. Numbers are keyed by their double (an
/// exact number matches numerically), or by text when they have no faithful
/// double. Strings hash by canonical equivalence in Swift, which can only
/// add candidates; the rule itself then compares bytes.
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

    init?(_ value: FlatScalar) {
        switch value {
        case .string(let text): self = .string(text)
        case .number(let number): self = number.value.map(IndexKey.number) ?? .numberText(number.text)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        }
    }
}
