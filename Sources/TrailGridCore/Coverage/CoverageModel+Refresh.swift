/// A background re-collect (`watch --refresh`): a newer inventory taken
/// into a running model by the same rule as events, *newer wins*
/// (DESIGN §2). Each trail and rule the newer inventory read is a fact
/// dated by its capture time: it replaces the model's resource only when
/// no call applied to that resource is as new, and then becomes the floor
/// later-arriving older calls are judged against ("older than the
/// inventory captured …: not applied"). What the re-collect could not read
/// (a failed call, a region it was not asked for) changes nothing: a
/// missing file is unknown, not absence.
extension CoverageModel {
    /// Applies `newer`; returns one timeline entry per resource it changed
    /// ("rule fwd-all in 222222222222/eu-west-1 is now DISABLED"), each
    /// also appended to its cell's timeline.
    @discardableResult
    public mutating func applyRefresh(_ newer: Inventory) -> [CoverageChange] {
        var changes: [CoverageChange] = []
        refreshBusesRegionsAndAccounts(newer, &changes)
        for cell in newer.rules.keys.sorted() {
            let listed = newer.rules[cell] ?? [:]
            for name in Set(listed.keys).union(inventory.rules[cell].map { Array($0.keys) } ?? []).sorted() {
                let resource = CoverageResource.rule(cell, name: name)
                refresh(resource, to: .rule(listed[name]), at: newer.baseline(of: resource), cell: cell, label: "rule \(name) in \(cell)", &changes)
            }
        }
        for bus in newer.busRules.keys.sorted(by: { ($0.cell, $0.name) < ($1.cell, $1.name) }) {
            let listed = newer.busRules[bus] ?? [:]
            for name in Set(listed.keys).union(inventory.busRules[bus].map { Array($0.keys) } ?? []).sorted() {
                let resource = CoverageResource.busRule(bus, name: name)
                refresh(resource, to: .rule(listed[name]), at: newer.baseline(of: resource), cell: bus.cell,
                        label: "rule \(name) on \(bus.label)", &changes)
            }
        }
        // A trail is gone only where the newer inventory read the trail list of its home cell.
        var arns = Set(newer.trails.keys)
        for (arn, trail) in inventory.trails where newer.trailListed.contains(CellKey(account: trail.ownerAccount, region: trail.homeRegion)) {
            arns.insert(arn)
        }
        for arn in arns.sorted() {
            guard let home = (newer.trails[arn] ?? inventory.trails[arn]).map({ CellKey(account: $0.ownerAccount, region: $0.homeRegion) }) else { continue }
            let resource = CoverageResource.trail(arn: arn)
            refresh(resource, to: .trail(newer.trails[arn]), at: newer.baseline(of: resource), cell: home,
                    label: "trail \(newer.trails[arn]?.name ?? inventory.trails[arn]?.name ?? arn) in \(home)", &changes)
        }
        return changes
    }

    /// Who a bus admits, which regions are enabled and which accounts are in
    /// the organization change delivery as much as rules do; each is taken
    /// only where the re-collect read its list (a bus list, regions.json,
    /// accounts.json), so a failed call leaves it as it was.
    private mutating func refreshBusesRegionsAndAccounts(_ newer: Inventory, _ changes: inout [CoverageChange]) {
        // Accounts first: a region or trail of a new account must not introduce it as unnamed.
        if newer.accountsListed {
            for id in Set(inventory.accounts.keys).union(newer.accounts.keys).sorted() {
                let old = inventory.accounts[id]
                let listed = newer.accounts[id]
                var fresh: AccountInfo?
                if let old, old.inOrganization == true, listed?.inOrganization != true {
                    // A member missing from a read list has left the organization.
                    fresh = old.isInactive ? old : old.updated(with: AccountInfo(id: id, state: "REMOVED"))
                } else if let listed {
                    fresh = old?.updated(with: listed) ?? listed
                }
                guard let fresh else { continue }
                let home = CellKey(account: id, region: AWSRegions.globalEventRegion)
                refresh(.account(id), to: .account(fresh), at: newer.baseline(of: .account(id)), cell: home,
                        label: "account \(fresh.name.map { "\($0) (\(id))" } ?? id)", &changes)
            }
        }
        for account in newer.regions.keys.sorted() {
            // An account's first region list is what it always was, not a change per region.
            let firstRead = inventory.regions[account] == nil
            if firstRead { inventory.regions[account] = [:] }
            for (region, status) in (newer.regions[account] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let cell = CellKey(account: account, region: region)
                refresh(.region(cell), to: .region(status), at: newer.baseline(of: .region(cell)), cell: cell,
                        label: "region \(region) in \(account)", quiet: firstRead, &changes)
            }
        }
        for cell in newer.buses.keys.sorted() {
            let listed = newer.buses[cell] ?? [:]
            // A bus list read for the first time makes its cell's buses known.
            if inventory.buses[cell] == nil { inventory.buses[cell] = [:] }
            for name in Set(listed.keys).union(inventory.buses[cell].map { Array($0.keys) } ?? []).sorted() {
                let bus = BusKey(account: cell.account, region: cell.region, name: name)
                refresh(.bus(bus), to: .bus(listed[name]), at: newer.baseline(of: .bus(bus)), cell: cell, label: "bus \(bus.label)", &changes)
            }
        }
    }

    private mutating func refresh(_ resource: CoverageResource, to fresh: ResourceState, at time: Int64?, cell: CellKey, label: String,
                                  quiet: Bool = false, _ changes: inout [CoverageChange]) {
        // An undated fact cannot be ordered against the calls: it changes nothing.
        guard let time else { return }
        var history = histories[resource] ?? ResourceHistory(inventoryTime: baseInventory.baseline(of: resource))
        if history.isSuperseded(time) { return }
        if let newest = history.newestTime, newest >= time { return }
        let current = state(of: resource)
        if current != fresh { store(fresh, for: resource) }
        // Even unchanged, the capture is the new floor: an older call arriving late no longer applies.
        history = ResourceHistory(inventoryTime: time)
        history.floor = fresh
        histories[resource] = history
        guard current != fresh, !quiet else { return }
        let entry = TimelineEntry(refreshAt: time, summary: Self.refreshSummary(label, from: current, to: fresh))
        var entries = timelines[cell] ?? []
        entries.append(entry)
        if entries.count > options.timelineLimit { entries.removeFirst(entries.count - options.timelineLimit) }
        timelines[cell] = entries
        changes.append(CoverageChange(cell: cell, entry: entry))
    }

    /// The words for what a re-collect found changed.
    static func refreshSummary(_ label: String, from old: ResourceState, to new: ResourceState) -> String {
        switch (old, new) {
        case (.rule(let before), .rule(let after)):
            guard let after else { return "\(label) is gone" }
            guard let before else { return "\(label) appeared (\(after.state.description))" }
            var parts: [String] = []
            if before.state != after.state { parts.append("is now \(after.state.description)") }
            if before.pattern != after.pattern { parts.append("has a new pattern") }
            if before.targets != after.targets {
                parts.append(after.targets.map { "now has \($0.count) target\($0.count == 1 ? "" : "s")" } ?? "has targets no longer known")
            }
            return "\(label) " + (parts.isEmpty ? "changed" : parts.joined(separator: ", "))
        case (.trail(let before), .trail(let after)):
            guard let after else { return "\(label) is gone" }
            guard let before else { return "\(label) appeared" }
            if before.isLogging != after.isLogging, let logging = after.isLogging { return "\(label) is now \(logging ? "logging" : "stopped")" }
            return "\(label) changed"
        case (.bus(let before), .bus(let after)):
            guard let after else { return "\(label) is gone" }
            guard let before else { return "\(label) appeared" }
            return before.policy != after.policy ? "\(label) has a new resource policy" : "\(label) changed"
        case (.region(let before), .region(let after)):
            guard let after else { return "\(label) is no longer listed" }
            if before?.enabled != after.enabled { return "\(label) is now \(after.enabled ? "enabled" : "disabled") (\(after.status))" }
            return "\(label) is now \(after.status)"
        case (.account(let before), .account(let after)):
            guard let after else { return "\(label) is gone" }
            guard before != nil else { return "\(label) joined the organization" }
            if after.state == "REMOVED" { return "\(label) left the organization" }
            return "\(label) is now \(after.state?.lowercased() ?? "changed")"
        default:
            return "\(label) changed"
        }
    }
}

extension TimelineEntry {
    /// An entry for a change a re-collect found: no call behind it, so it
    /// is dated by the capture and named for the collect.
    public init(refreshAt time: Int64, summary: String) {
        timestamp = time
        eventTime = Timestamp.iso8601(milliseconds: time)
        eventName = "Refresh"
        eventID = ""
        principal = "trailgrid collect"
        channel = .trail
        self.summary = summary
    }
}
