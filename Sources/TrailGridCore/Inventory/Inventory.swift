/// Everything known about an organization's logging and forwarding setup,
/// as read from an inventory directory and changed by live events.
///
/// Absence is meaningful: a cell whose `trails.json` or `rules.json` was not
/// read is unknown, never "none" — `trailListed` and `rules` record what was.
public struct Inventory: Sendable, Equatable {
    /// Accounts by id.
    public var accounts: [String: AccountInfo] = [:]
    /// Account ids in the order they were first listed.
    public var accountOrder: [String] = []
    /// Whether an organization account list was read: only then is
    /// organization membership (which organization trails rely on) known.
    public var accountsListed = false
    /// Per account, per region; an account without an entry has unknown regions.
    public var regions: [String: [String: RegionStatus]] = [:]
    /// Trails by ARN.
    public private(set) var trails: [String: TrailInfo] = [:]
    /// Trail ARNs owned by each account (non-organization and organization alike).
    public private(set) var trailsByOwner: [String: Set<String>] = [:]
    /// Organization trails' ARNs.
    public private(set) var organizationTrails: Set<String> = []
    /// Which accounts listed each trail (members see organization trails).
    public var trailListedBy: [String: Set<String>] = [:]
    /// Cells whose trail list was read.
    public var trailListed: Set<CellKey> = []
    /// Cells whose `trails.json` exists but could not be used: as unknown as
    /// a missing one, and said so in their reasons.
    public var unreadableTrailLists: Set<CellKey> = []
    /// Rules on the default bus, by name, for the cells whose rule list was read.
    public var rules: [CellKey: [String: EventRule]] = [:]
    /// Cells whose rules are known only from events (no rule list read):
    /// a forwarding rule there proves forwarding, the absence of one proves nothing.
    public var rulesIncomplete: Set<CellKey> = []
    /// Event buses by name, for the cells whose `buses.json` was read: who
    /// their policies admit decides whether a forwarded event arrives.
    public var buses: [CellKey: [String: EventBus]] = [:]
    /// Rules on buses other than `default`, by name, for the buses whose
    /// `buses/<bus>/rules.json` was read (the default bus's are `rules`).
    public var busRules: [BusKey: [String: EventRule]] = [:]
    /// Buses whose rules are known only from events (no rule list read): a
    /// forwarding rule there proves forwarding, the absence of one proves nothing.
    public var busRulesIncomplete: Set<BusKey> = []
    /// Files that could not be used.
    public var issues: [InventoryIssue] = []
    /// Files the collect meant to write and could not, by path relative to
    /// the inventory (`111122223333/eu-west-1/rules.json`), each with the
    /// failed call and its error, from `collect-errors.txt`.
    public var collectFailures: [String: String] = [:]
    public static let collectErrorsFileName = "collect-errors.txt"
    /// When each fact was captured (ms since 1970), by `CoverageResource.key`
    /// for a trail's or rule's own files and by `CaptureKey` for the lists:
    /// an event changes the model only if it is newer (DESIGN §2, *Newer wins*).
    public var capturedAt: [String: Int64] = [:]

    public init() {}

    /// Why `file` of `cell` is missing, in a verdict's words: the failed call
    /// when the collect recorded one ("rules.json not collected: events
    /// ListRules: ThrottlingException (HTTP 400)"), else "no rules.json".
    public func whyMissing(_ file: String, of cell: CellKey) -> String {
        guard let failure = collectFailure(file, of: cell) else { return "no \(file)" }
        return "\(file) not collected: \(Self.shortFailure(failure))"
    }

    /// The failed call that left `file` of `cell` unwritten, if the collect recorded one.
    public func collectFailure(_ file: String, of cell: CellKey) -> String? {
        collectFailures["\(cell.account)/\(cell.region)/\(file)"]
    }

    /// The call and the error code of a recorded failure, without its message.
    static func shortFailure(_ failure: String) -> String {
        if let http = failure.range(of: " (HTTP "), let close = failure[http.upperBound...].firstIndex(of: ")") {
            return String(failure[...close])
        }
        return failure.count > 100 ? String(failure.prefix(99)) + "…" : failure
    }

    public mutating func addAccount(_ account: AccountInfo) {
        if accounts[account.id] == nil { accountOrder.append(account.id) }
        accounts[account.id] = accounts[account.id].map { $0.updated(with: account) } ?? account
    }

    public mutating func upsertTrail(_ trail: TrailInfo) {
        if let old = trails[trail.arn] { removeFromIndexes(old) }
        trails[trail.arn] = trail
        trailsByOwner[trail.ownerAccount, default: []].insert(trail.arn)
        if trail.isOrganization { organizationTrails.insert(trail.arn) }
    }

    @discardableResult
    public mutating func removeTrail(arn: String) -> TrailInfo? {
        guard let old = trails.removeValue(forKey: arn) else { return nil }
        removeFromIndexes(old)
        return old
    }

    private mutating func removeFromIndexes(_ trail: TrailInfo) {
        trailsByOwner[trail.ownerAccount]?.remove(trail.arn)
        organizationTrails.remove(trail.arn)
    }

    /// Whether `account` is known to belong to the organization of `trail`
    /// (see `membership(of:inOrganizationOf:)`, which also says when that is unknown).
    public func isMember(_ account: String, ofOrganizationTrail trail: TrailInfo) -> Bool {
        membership(of: account, inOrganizationOf: trail) == .member
    }

    /// The trails that record calls made in `cell`: the account's own trails
    /// homed there or multi-region, and organization trails of its
    /// organization (all regions when multi-region, else only their home).
    public func coveringTrails(_ cell: CellKey) -> [TrailInfo] {
        var arns = trailsByOwner[cell.account] ?? []
        for arn in organizationTrails { arns.insert(arn) }
        return arns.sorted().compactMap { arn -> TrailInfo? in
            guard let trail = trails[arn] else { return nil }
            guard trail.homeRegion == cell.region || trail.isMultiRegion else { return nil }
            if trail.ownerAccount == cell.account { return trail }
            return trail.isOrganization && isMember(cell.account, ofOrganizationTrail: trail) ? trail : nil
        }
    }
}
