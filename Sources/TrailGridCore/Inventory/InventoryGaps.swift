/// The inventory files that were missing or unreadable for the cells being
/// judged, and what each leaves unknown: what `trailgrid check` tells its
/// reader instead of letting silence pass for absence.
///
/// Missing files are not errors (a single-account collect has no
/// `accounts.json`, a collect of three regions no trails elsewhere): the
/// verdicts already say UNKNOWN where they matter. Unreadable files and an
/// inventory holding no account are errors: something was meant to be read
/// and was not.
public struct InventoryGaps: Sendable, Equatable {
    /// One kind of missing file, for the accounts and regions it is missing in.
    public struct Missing: Sendable, Equatable {
        /// `accounts.json`, `regions.json`, `trails.json`, `rules.json`,
        /// `trail-status/<trail>.json`, `event-selectors/<trail>.json` or `targets/<rule>.json`.
        public var file: String
        /// Accounts it is missing for, each with the regions (empty for an account-wide file).
        public var accounts: [String]
        public var regions: [String]
        /// What is unknown for want of it.
        public var consequence: String
    }

    public var missing: [Missing]
    public var unreadable: [InventoryIssue]
    /// Files the collect could not write with one failed call and error
    /// code: how many, and the first of them.
    public struct NotCollected: Sendable, Equatable {
        public var failure: String
        public var count: Int
        public var first: String
    }

    public var notCollected: [NotCollected]
    /// No account was found: nothing could be judged from the inventory.
    public var noAccount: Bool

    /// Something was meant to be read and was not: `check` exits 2 unless
    /// told to judge what it could.
    public var isIncomplete: Bool { noAccount || !unreadable.isEmpty || !notCollected.isEmpty }

    /// The gaps of `inventory` for `cells` (the cells being judged: OFF ones
    /// need nothing).
    public init(_ inventory: Inventory, cells: [CellKey]) {
        unreadable = inventory.issues
        noAccount = inventory.accountOrder.isEmpty
        // The last one to four components of each unreadable path, so that a
        // file is looked up once whatever the inventory's own path.
        var unreadableTails: Set<String> = []
        for issue in inventory.issues {
            let parts = issue.path.split(separator: "/")
            for count in 1...min(4, max(parts.count, 1)) { unreadableTails.insert(parts.suffix(count).joined(separator: "/")) }
        }
        // A file whose call failed is said once, with the failure, not also as missing.
        for failed in inventory.collectFailures.keys { unreadableTails.insert(failed) }
        func isUnreadable(_ tail: String) -> Bool { unreadableTails.contains(tail) }
        var failures: [String: [String]] = [:]
        for (file, failure) in inventory.collectFailures { failures[Inventory.shortFailure(failure), default: []].append(file) }
        notCollected = failures.map { NotCollected(failure: $0.key, count: $0.value.count, first: $0.value.min() ?? "") }
            .sorted { ($0.count, $1.failure) > ($1.count, $0.failure) }

        var found: [Missing] = []
        if !inventory.accountsListed && !isUnreadable("accounts.json") {
            found.append(Missing(file: "accounts.json", accounts: [], regions: [],
                                 consequence: "organization membership unknown, so organization trails neither cover nor miss the other accounts"))
        }
        let accounts = Set(cells.map(\.account))
        let noRegions = accounts.filter { inventory.regions[$0] == nil && !isUnreadable("\($0)/regions.json") }.sorted()
        if !noRegions.isEmpty {
            found.append(Missing(file: "regions.json", accounts: noRegions, regions: [],
                                 consequence: "which opt-in regions are enabled is unknown"))
        }
        found += Self.perCell("trails.json", cells.filter {
            !inventory.trailListed.contains($0) && !inventory.unreadableTrailLists.contains($0) && !isUnreadable("\($0)/trails.json")
        },
                              consequence: "a regional trail there may exist unseen, so only a known logging trail decides those cells")
        found += Self.perCell("rules.json", cells.filter { inventory.rules[$0] == nil && !isUnreadable("\($0)/rules.json") },
                              consequence: "rules there unknown")
        for trail in inventory.trails.values.sorted(by: { $0.arn < $1.arn }) {
            let cell = CellKey(account: trail.ownerAccount, region: trail.homeRegion)
            if trail.isLogging == nil && !isUnreadable("\(cell)/trail-status/\(trail.name).json") {
                found.append(Missing(file: "trail-status/\(trail.name).json", accounts: [cell.account], regions: [cell.region],
                                     consequence: "whether \(trail.label) is logging is unknown"))
            }
            if trail.capture == nil && !isUnreadable("\(cell)/event-selectors/\(trail.name).json") {
                found.append(Missing(file: "event-selectors/\(trail.name).json", accounts: [cell.account], regions: [cell.region],
                                     consequence: "which events \(trail.label) records is unknown"))
            }
        }
        let judged = Set(cells)
        for cell in inventory.rules.keys.sorted() where judged.contains(cell) {
            let names = (inventory.rules[cell] ?? [:]).values.filter { $0.targets == nil && $0.pattern != nil }.map(\.name).sorted()
            for name in names where !isUnreadable("\(cell)/targets/\(name).json") {
                found.append(Missing(file: "targets/\(name).json", accounts: [cell.account], regions: [cell.region],
                                     consequence: "where rule \(name) delivers is unknown"))
            }
        }
        missing = found
    }

    /// Cells missing `file`, grouped by the set of regions each account misses
    /// it in: a thousand accounts collected alike make one line, not a thousand.
    private static func perCell(_ file: String, _ cells: [CellKey], consequence: String) -> [Missing] {
        var regionsByAccount: [String: [String]] = [:]
        for cell in cells { regionsByAccount[cell.account, default: []].append(cell.region) }
        var accountsByRegions: [[String]: [String]] = [:]
        for (account, regions) in regionsByAccount { accountsByRegions[AWSRegions.sorted(regions), default: []].append(account) }
        return accountsByRegions.map { regions, accounts in
            Missing(file: file, accounts: accounts.sorted(), regions: regions, consequence: consequence)
        }.sorted { ($0.accounts.first ?? "", $0.regions.count) < ($1.accounts.first ?? "", $1.regions.count) }
    }

    /// One line per gap, for stderr.
    public var lines: [String] {
        var lines: [String] = []
        if noAccount { lines.append("no account found (no accounts.json and no <account>/ directory): nothing could be judged") }
        for issue in unreadable { lines.append("unreadable: \(issue)") }
        for group in notCollected {
            let files = group.count == 1 ? group.first : "\(group.count) files (\(group.first), …)"
            lines.append("not collected: \(files): \(group.failure) (collect-errors.txt has each call's whole error)")
        }
        for gap in missing {
            var place = ""
            if !gap.regions.isEmpty { place += " in " + Self.list(gap.regions, noun: "region") }
            if !gap.accounts.isEmpty { place += (gap.regions.isEmpty ? " for " : " of ") + Self.list(gap.accounts, noun: "account") }
            lines.append("missing \(gap.file)\(place): \(gap.consequence)")
        }
        return lines
    }

    /// `eu-west-1` or `3 regions (eu-west-1, eu-west-2, us-east-2)`, at most 6 named.
    static func list(_ items: [String], noun: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let shown = items.prefix(6).joined(separator: ", ")
        return "\(items.count) \(noun)s (\(shown)\(items.count > 6 ? ", …" : ""))"
    }
}
