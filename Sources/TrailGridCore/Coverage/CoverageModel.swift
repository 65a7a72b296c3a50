/// Options of the coverage engine.
public struct CoverageOptions: Sendable, Equatable {
    /// How long after a watch-matching trail-channel event a realtime event
    /// must have followed before the cell counts as silent (ms).
    public var heartbeatWindow: Int64 = 15 * 60 * 1000
    /// Timeline entries kept per cell.
    public var timelineLimit = 100

    public init(heartbeatWindow: Int64 = 15 * 60 * 1000) {
        self.heartbeatWindow = heartbeatWindow
    }
}

/// The coverage of every account × region: the inventory, what the feeds
/// showed, and the verdict of each cell.
///
/// A value: the UI keeps one in its state, `apply` changes it as events
/// arrive, and `report` answers with no side effect and no clock of its own
/// (`now` is always given), so tests replay time exactly.
public struct CoverageModel: Sendable {
    public internal(set) var inventory: Inventory
    public let watches: [WatchProfile]
    public var options: CoverageOptions
    /// Evidence per cell from the feeds.
    public internal(set) var evidence: [CellKey: ChannelEvidence] = [:]
    /// Changes applied per cell, oldest first.
    public internal(set) var timelines: [CellKey: [TimelineEntry]] = [:]
    /// Cells some event came from: their region is evidently enabled.
    public internal(set) var cellsSeen: Set<CellKey> = []
    /// `ruleMatches[cell][rule]`: which probes each rule's pattern matches.
    var ruleMatches: [CellKey: [String: RuleMatch]] = [:]
    /// `busRuleMatches[bus][rule]`: the same for rules of buses other than `default`.
    var busRuleMatches: [BusKey: [String: RuleMatch]] = [:]
    /// Compiled patterns of rules that test where an event was made: a bus
    /// further along a chain matches them against the origin cell's probe.
    var placedPatterns: [String: EventPattern] = [:]
    /// Target ARNs of the rules, read once.
    var parsedTargets: [String: ParsedTarget] = [:]
    /// `chainProbes[watch][probe]`: what following a chain needs of each probe.
    let chainProbes: [[ChainProbe]]
    var matcher = RuleMatcher(limits: RuleMatcher.generousLimits)
    /// Region enablement changed by EnableRegion/DisableRegion for accounts without regions.json.
    var regionOverrides: [CellKey: RegionStatus] = [:]
    /// The inventory as read: what a resource is put back to before its
    /// calls are applied again in event-time order.
    let baseInventory: Inventory
    /// Management calls applied per resource since the inventory captured it.
    var histories: [CoverageResource: ResourceHistory] = [:]

    public init(inventory: Inventory = Inventory(), watches: [Watch], options: CoverageOptions = CoverageOptions()) {
        self.inventory = inventory
        baseInventory = inventory
        self.watches = watches.map(WatchProfile.init)
        chainProbes = Self.chainProbes(self.watches)
        self.options = options
        for (cell, rules) in inventory.rules {
            for rule in rules.values { compile(rule, in: cell) }
        }
        for (bus, rules) in inventory.busRules {
            for rule in rules.values { compileBusRule(rule, on: bus) }
        }
    }

    mutating func compile(_ rule: EventRule, in cell: CellKey) {
        guard let pattern = rule.pattern else {
            ruleMatches[cell]?[rule.name] = nil
            return
        }
        ruleMatches[cell, default: [:]][rule.name] = matcher.match(pattern, in: cell, watches: watches)
        notePlacement(of: pattern)
        noteTargets(of: rule)
    }

    /// Replaces or adds a rule, keeping the match table in step.
    mutating func setRule(_ rule: EventRule, in cell: CellKey) {
        inventory.rules[cell, default: [:]][rule.name] = rule
        compile(rule, in: cell)
    }

    mutating func removeRule(_ name: String, in cell: CellKey) {
        inventory.rules[cell]?[name] = nil
        ruleMatches[cell]?[name] = nil
    }

    // MARK: - The grid

    /// Accounts in display order: the inventory's, then those first seen in events.
    public var accounts: [String] { inventory.accountOrder }

    /// The grid's columns: the built-in commercial regions, plus every other
    /// region the inventory or the feeds mention.
    public var regions: [String] {
        var all = Set(AWSRegions.commercial)
        for statuses in inventory.regions.values { all.formUnion(statuses.keys) }
        for cell in inventory.trailListed { all.insert(cell.region) }
        for cell in inventory.rules.keys { all.insert(cell.region) }
        for cell in cellsSeen { all.insert(cell.region) }
        return AWSRegions.sorted(all)
    }

    /// Every cell, account by account: each account gets the columns of its
    /// own partition (a commercial account has no GovCloud or China regions).
    public var cells: [CellKey] {
        let columns = regions
        return accounts.flatMap { account -> [CellKey] in
            let partition = inventory.accounts[account]?.partition ?? "aws"
            return columns.filter { AWSRegions.partition(of: $0) == partition }.map { CellKey(account: account, region: $0) }
        }
    }

    /// Reports of every cell at `now` (ms since 1970).
    public func reports(now: Int64) -> [CellReport] {
        cells.map { report(account: $0.account, region: $0.region, now: now) }
    }

    public func verdict(account: String, region: String, now: Int64) -> Verdict {
        report(account: account, region: region, now: now).verdict
    }

    public func timeline(account: String, region: String) -> [TimelineEntry] {
        timelines[CellKey(account: account, region: region)] ?? []
    }
}
