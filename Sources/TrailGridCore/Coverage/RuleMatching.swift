/// Which probes of which watch a rule's pattern matches, in one cell.
public enum RuleMatch: Sendable, Equatable {
    /// `probes[watch][probe]`.
    case probes([[Bool]])
    /// The pattern does not compile (EventBridge would have refused it; the
    /// inventory may be hand-made or truncated): it matches nothing.
    case invalid(String)

    func matches(watch: Int, probe: Int) -> Bool {
        guard case .probes(let table) = self, watch < table.count, probe < table[watch].count else { return false }
        return table[watch][probe]
    }
}

/// Evaluates rule patterns against watch probes, once per distinct pattern.
///
/// A thousand accounts usually deploy the same few rules (StackSets), so the
/// result is cached by pattern text. Probes are placed in the cell's account
/// and region, which matters only to a pattern that tests `account`,
/// `region`, `detail.awsRegion` or `detail.recipientAccountId`: those
/// patterns are cached per cell, the rest once.
struct RuleMatcher: Sendable {
    private var cache: [String: RuleMatch] = [:]
    private var placementDependent: [String: Bool] = [:]
    let limits: PatternLimits

    init(limits: PatternLimits) {
        self.limits = limits
    }

    /// Patterns AWS accepted are judged with limits far above EventBridge's,
    /// so that only a malformed pattern is refused here.
    static let generousLimits = PatternLimits(maxLength: 1 << 20, maxCombinations: 1 << 16, maxWildcardComplexity: 1 << 10)

    mutating func match(_ pattern: String, in cell: CellKey, watches: [WatchProfile]) -> RuleMatch {
        let dependent = isPlacementDependent(pattern)
        let key = dependent ? pattern + "\u{0}" + cell.account + "\u{0}" + cell.region : pattern
        if let known = cache[key] { return known }
        let result: RuleMatch
        do {
            let compiled = try EventPattern(json: pattern, limits: limits)
            result = .probes(watches.map { profile in
                profile.watch.probes.map { probe in
                    compiled.matches(dependent ? Watch.place(probe, account: cell.account, region: cell.region) : probe)
                }
            })
        } catch {
            result = .invalid(error.description)
        }
        cache[key] = result
        return result
    }

    /// The compiled pattern when its matches depend on where a probe is
    /// placed; nil when they do not (the cached table holds for every cell)
    /// or when it does not compile.
    mutating func placedPattern(_ pattern: String) -> EventPattern? {
        guard isPlacementDependent(pattern) else { return nil }
        return try? EventPattern(json: pattern, limits: limits)
    }

    private static let placedKeys: Set<String> = ["account", "region", "awsRegion", "recipientAccountId"]

    /// Whether the pattern names a field that placing a probe changes. Keys
    /// are read from the parsed pattern, so an escaped spelling cannot hide one.
    private mutating func isPlacementDependent(_ pattern: String) -> Bool {
        if let known = placementDependent[pattern] { return known }
        var found = true  // unparsable: be safe
        if let document = try? JSONParser.parse(pattern) {
            found = Self.containsKey(Self.placedKeys, in: document)
        }
        placementDependent[pattern] = found
        return found
    }

    private static func containsKey(_ keys: Set<String>, in value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            return members.contains { keys.contains($0.key) || containsKey(keys, in: $0.value) }
        case .array(let items):
            return items.contains { containsKey(keys, in: $0) }
        default:
            return false
        }
    }
}
