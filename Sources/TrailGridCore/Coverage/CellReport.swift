/// The coverage of one cell, with the reason in words for the detail view
/// and for `trailgrid check`.
public struct CellReport: Sendable, Equatable {
    public var account: String
    public var accountName: String?
    public var region: String
    public var verdict: Verdict
    public var trail: TrailCoverage
    /// Labels of the trails covering the cell.
    public var trails: [String]
    /// Rule coverage per applicable watch, by watch name (watches scoped to
    /// other regions are absent).
    public var rules: [String: RuleCoverage]
    /// Per applicable watch, the hops from the cell's rule to a sink (or to
    /// where they break), by watch name: what the cell detail shows.
    public var chains: [String: DeliveryChain] = [:]
    /// Watches whose events no covering trail records (selectors, global events).
    public var unrecorded: [String]
    public var reason: String

    public init(
        account: String, accountName: String?, region: String, verdict: Verdict, trail: TrailCoverage,
        trails: [String] = [], rules: [String: RuleCoverage] = [:], unrecorded: [String] = [], reason: String
    ) {
        self.account = account
        self.accountName = accountName
        self.region = region
        self.verdict = verdict
        self.trail = trail
        self.trails = trails
        self.rules = rules
        self.unrecorded = unrecorded
        self.reason = reason
    }
}
