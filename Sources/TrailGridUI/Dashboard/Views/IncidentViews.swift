import TrailGridCore

/// `I`: every incident, newest first; open ones first in the eye by colour.
enum IncidentListView {
    static func lines(_ state: DashboardState) -> [(String, ThemeRole)] {
        let listed = DashboardReducer.listedIncidents(state)
        guard !listed.isEmpty else { return [("  no incident: no call has weakened coverage since this state began", .muted)] }
        return listed.enumerated().map { index, incident in
            let cursor = index == state.incidentCursor ? "▸" : " "
            let status = incident.acknowledgedBy.map { "ack by \($0.sanitized)" } ?? "OPEN"
            let text = "\(cursor) \(incident.eventTime.sanitized)  \(status.padding(14)) \(incident.eventName.sanitized.padding(18)) "
                + "\(incident.account.sanitized) \(incident.region.sanitized)  \(incident.principal.sanitized)  \(incident.transitionSummary)"
            return (text, index == state.incidentCursor ? .cursor : (incident.isAcknowledged ? .muted : .error))
        }
    }

    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        let open = state.openIncidentCount
        let title = "incidents: \(open) open of \(state.incidents.count)  (j/k move, Enter opens, A acknowledges, Esc closes)"
        let bodyHeight = max(1, area.height - 1)
        let scroll = max(0, state.incidentCursor - bodyHeight + 1)
        OverlayFrame.render(title: title, lines: lines(state), scroll: scroll, state: state, in: area, into: &canvas)
    }
}

/// Enter on an incident: the call, who made it, the cells it left worse and
/// each cell's timeline of changes.
enum IncidentDetailView {
    static func lines(_ incident: Incident, _ state: DashboardState) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = []
        lines.append(("\(incident.eventName.sanitized) at \(incident.eventTime.sanitized)", .title))
        lines.append(("  \(incident.summary.sanitized)", .base))
        lines.append(("  by \(incident.principal.sanitized) from \(incident.sourceIPAddress?.sanitized ?? "unknown address")", .base))
        lines.append(("  made in \(incident.account.sanitized) \(incident.region.sanitized)  (event \(incident.id.sanitized))", .muted))
        if let by = incident.acknowledgedBy, let at = incident.acknowledgedAt {
            lines.append(("  acknowledged by \(by.sanitized) at \(Timestamp.iso8601(milliseconds: at))", .verdictOK))
        } else {
            lines.append(("  OPEN: A acknowledges it", .error))
        }
        lines.append(("", .base))
        lines.append(("Cells left worse: \(incident.transitionSummary)", .title))
        for cell in incident.cells {
            let name = state.accountName(cell.account).map { "\($0.sanitized) " } ?? ""
            let before = incident.before[cell]?.rawValue ?? "?"
            let after = incident.after[cell]?.rawValue ?? "?"
            let now = state.verdict(cell).rawValue
            lines.append(("  \(name)\(cell.account.sanitized) \(cell.region.sanitized): \(before) → \(after)  (now \(now))", .base))
            for entry in state.coverage.timeline(account: cell.account, region: cell.region).reversed().prefix(10) {
                lines.append(("      \(entry.eventTime.sanitized)  \(entry.summary.sanitized)  by \(entry.principal.sanitized)", .feedFlagged))
            }
        }
        return lines
    }

    static func render(_ id: String, _ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard let incident = state.incident(id: id) else {
            OverlayFrame.render(title: "incident", lines: [("  no such incident", .muted)], scroll: 0, state: state, in: area, into: &canvas)
            return
        }
        OverlayFrame.render(title: "incident \(incident.eventName.sanitized)  (A acknowledges, Esc back to the list, j/k scroll)",
                            lines: lines(incident, state), scroll: state.overlayScroll, state: state, in: area, into: &canvas)
    }
}
