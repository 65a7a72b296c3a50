/// Cells that share a verdict and a reason, so that `check` on an
/// organization prints each distinct problem once with where it holds,
/// not one paragraph per cell: 2,000 accounts × 17 regions sharing one
/// missing bus rule are one problem, and a reader needs its reach at a glance.
public struct ProblemGroup: Sendable, Equatable {
    public var verdict: Verdict
    public var reason: String
    /// In account, then region, order.
    public var cells: [CellKey]

    /// The groups of the reports whose verdict is in `attention`: most
    /// severe verdict first (the order of `Verdict`), then the widest.
    public static func grouping(_ reports: [CellReport], attention: Set<Verdict>) -> [ProblemGroup] {
        struct Key: Hashable { var verdict: Verdict; var reason: String }
        var groups: [Key: [CellKey]] = [:]
        for report in reports where attention.contains(report.verdict) {
            groups[Key(verdict: report.verdict, reason: report.reason), default: []].append(CellKey(account: report.account, region: report.region))
        }
        return groups.map { ProblemGroup(verdict: $0.key.verdict, reason: $0.key.reason, cells: $0.value.sorted()) }
            .sorted { ($0.verdict, -$0.cells.count, $0.reason) < ($1.verdict, -$1.cells.count, $1.reason) }
    }

    /// Where the problem holds, in at most `limit` accounts: each account
    /// with its regions, or "every region" when the group holds in all of
    /// that account's `regionsPerAccount`; then how many accounts are left.
    public func whereText(regionsPerAccount: [String: Int], names: [String: String], limit: Int = 4) -> String {
        var byAccount: [(account: String, regions: [String])] = []
        for cell in cells {
            if byAccount.last?.account == cell.account { byAccount[byAccount.count - 1].regions.append(cell.region) }
            else { byAccount.append((cell.account, [cell.region])) }
        }
        // Accounts with the same regions read as one clause.
        var clauses: [(accounts: [String], regions: String)] = []
        for (account, regions) in byAccount {
            let text = regions.count == regionsPerAccount[account] && regions.count > 1
                ? "every region" : AWSRegions.sorted(regions).joined(separator: " ")
            if let index = clauses.firstIndex(where: { $0.regions == text }) { clauses[index].accounts.append(account) }
            else { clauses.append(([account], text)) }
        }
        var parts: [String] = []
        var shown = 0
        for clause in clauses {
            guard shown < limit else { break }
            let room = limit - shown
            let listed = clause.accounts.prefix(room).map { account in names[account].map { "\(account) (\($0))" } ?? account }
            let more = clause.accounts.count - listed.count
            parts.append(listed.joined(separator: ", ") + (more > 0 ? " and \(more) more accounts" : "") + ": " + clause.regions)
            shown += listed.count
        }
        let remaining = byAccount.count - clauses.prefix(parts.count).reduce(0) { $0 + $1.accounts.count }
        if remaining > 0 { parts.append("and \(remaining) more account\(remaining == 1 ? "" : "s")") }
        return parts.joined(separator: "; ")
    }
}
