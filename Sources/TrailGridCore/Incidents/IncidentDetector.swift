/// Decides which applied coverage changes open an incident.
///
/// Tampering calls (an attacker's first moves, DESIGN §1) open one whether
/// or not a verdict moved: a StopLogging on a trail that another trail
/// shadows is still someone turning logging off. Any other applied change
/// opens one only when it left some cell worse than before.
public enum IncidentDetector {
    /// Calls that weaken coverage by their nature. A narrowing
    /// PutEventSelectors or an UpdateTrail that drops regions opens one
    /// through the verdicts it worsens (widening ones are routine).
    public static let tamperingCalls: Set<String> = [
        "StopLogging", "DeleteTrail", "DeleteRule", "DisableRule", "RemoveTargets", "DeleteEventBus", "RemovePermission",
    ]

    /// Whether an event may change coverage at all: only then are the
    /// verdicts around it worth computing.
    public static func mayOpen(_ event: CloudTrailEvent) -> Bool {
        !event.failed && CoverageModel.managementEventNames.contains(event.eventName)
    }

    /// Every cell's verdict at `now`.
    public static func verdicts(_ model: CoverageModel, now: Int64) -> [CellKey: Verdict] {
        var verdicts: [CellKey: Verdict] = [:]
        for cell in model.cells {
            verdicts[cell] = model.verdict(account: cell.account, region: cell.region, now: now)
        }
        return verdicts
    }

    /// A verdict got worse: it sorts before the old one (worst first), and the
    /// old one was not OFF (a region being enabled is not an incident).
    public static func isWorse(_ after: Verdict, than before: Verdict) -> Bool {
        before != .off && after < before
    }

    /// The incident `changes` open, if any, given every cell's verdict before
    /// and after the event was applied.
    public static func incident(
        for event: CloudTrailEvent, changes: [CoverageChange], before: [CellKey: Verdict], after: [CellKey: Verdict],
        cellOrder: [CellKey], openedAt: Int64
    ) -> Incident? {
        guard let change = changes.first(where: \.applied) else { return nil }
        let worse = cellOrder.filter { cell in
            guard let now = after[cell] else { return false }
            return isWorse(now, than: before[cell] ?? .unknown)
        }
        guard !worse.isEmpty || tamperingCalls.contains(event.eventName) else { return nil }
        var beforeWorse: [CellKey: Verdict] = [:]
        var afterWorse: [CellKey: Verdict] = [:]
        for cell in worse {
            beforeWorse[cell] = before[cell] ?? .unknown
            afterWorse[cell] = after[cell]
        }
        return Incident(
            id: event.eventID, time: event.timestamp, eventTime: event.eventTime, eventName: event.eventName,
            principal: event.principal, sourceIPAddress: event.sourceIPAddress, account: event.account,
            region: event.awsRegion, summary: change.entry.summary, cells: worse, before: beforeWorse,
            after: afterWorse, openedAt: openedAt
        )
    }
}
