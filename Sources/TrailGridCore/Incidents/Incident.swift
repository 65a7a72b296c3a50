/// A successful call that weakened coverage: what changed, who did it, when,
/// and which cells it left worse off. On call, this is the thing to answer
/// for, so it stays open (and its cells marked) until someone acknowledges it.
public struct Incident: Sendable, Equatable, Identifiable {
    /// The CloudTrail event id of the call: the same call seen on both
    /// channels opens one incident.
    public var id: String
    /// The call's eventTime, ms since 1970.
    public var time: Int64?
    public var eventTime: String
    public var eventName: String
    public var principal: String
    public var sourceIPAddress: String?
    /// Where the call was made.
    public var account: String
    public var region: String
    /// What changed, in words (the timeline's summary).
    public var summary: String
    /// Cells whose verdict got worse, in grid order.
    public var cells: [CellKey]
    public var before: [CellKey: Verdict]
    public var after: [CellKey: Verdict]
    /// Wall-clock ms when the dashboard opened it.
    public var openedAt: Int64
    public var acknowledgedBy: String?
    public var acknowledgedAt: Int64?

    public init(
        id: String, time: Int64?, eventTime: String, eventName: String, principal: String, sourceIPAddress: String?,
        account: String, region: String, summary: String, cells: [CellKey], before: [CellKey: Verdict],
        after: [CellKey: Verdict], openedAt: Int64, acknowledgedBy: String? = nil, acknowledgedAt: Int64? = nil
    ) {
        self.id = id
        self.time = time
        self.eventTime = eventTime
        self.eventName = eventName
        self.principal = principal
        self.sourceIPAddress = sourceIPAddress
        self.account = account
        self.region = region
        self.summary = summary
        self.cells = cells
        self.before = before
        self.after = after
        self.openedAt = openedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    public var isAcknowledged: Bool { acknowledgedAt != nil }

    /// "3 cells: OK → STOPPED" or a list of the distinct transitions.
    public var transitionSummary: String {
        guard !cells.isEmpty else { return "no cell's verdict changed" }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for cell in cells {
            let words = "\(before[cell]?.rawValue ?? "?") → \(after[cell]?.rawValue ?? "?")"
            if counts[words] == nil { order.append(words) }
            counts[words, default: 0] += 1
        }
        let count = cells.count == 1 ? "1 cell" : "\(cells.count) cells"
        return count + ": " + order.map { counts[$0] == 1 || order.count == 1 ? $0 : "\($0) ×\(counts[$0]!)" }.joined(separator: ", ")
    }
}
