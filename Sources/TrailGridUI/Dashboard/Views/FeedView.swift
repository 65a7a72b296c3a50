import TrailGridCore

/// The live feed: matched events, newest first — time, region, account,
/// event name, principal, source IP, watches.
enum FeedView {
    static func render(_ state: DashboardState, title: Rect, body: Rect, into canvas: inout Canvas) {
        let theme = state.theme
        let feed = state.visibleFeed
        if !title.isEmpty {
            canvas.fill(title, with: "─", style: theme[.border])
            var text = " live feed: \(feed.count) matched"
            if feed.count != state.feed.count { text += " of \(state.feed.count)" }
            text += " (newest arrival first)"
            // Scrolled down, the rows above are said, so new arrivals never go unseen.
            if state.feedTop > 0 { text += ", ▲ \(state.feedTop) newer above (g: top)" }
            if !state.markedEvents.isEmpty { text += ", \(state.markedEvents.count) marked" }
            if !state.markedCells.isEmpty { text += ", \(DashboardReducer.counted(state.markedCells.count, "cell")) marked" }
            if state.paused { text += ", PAUSED (\(state.heldWhilePaused.count) held)" }
            canvas.put(text + " ", x: title.x + 1, y: title.y, style: state.focus == .feed ? theme[.title].adding(.bold) : theme[.title])
        }
        guard !body.isEmpty else { return }
        if feed.isEmpty {
            canvas.put(state.feed.isEmpty ? "waiting for events that match a watch…" : "no event matches the filters",
                       x: body.x + 2, y: body.y, style: theme[.muted])
            return
        }
        // A header row names the columns; the rows follow it.
        let columnsRow = Rect(x: body.x, y: body.y, width: body.width, height: 1)
        canvas.fill(columnsRow, style: theme[.gridHeader])
        renderHeader(state: state, x: body.x, y: body.y, width: body.width, style: theme[.gridHeader], into: &canvas)
        let rows = feed.dropFirst(state.feedTop).prefix(max(0, body.height - 1))
        for (offset, entry) in rows.enumerated() {
            let index = state.feedTop + offset
            let y = body.y + 1 + offset
            var style = index % 2 == 0 ? theme[.feedRow] : theme[.feedRowAlternate]
            if entry.changedCoverage { style = theme[.feedFlagged] }
            if state.markedEvents[entry.id] != nil { style = theme[.marked] }
            if index == state.feedCursor && state.focus == .feed { style = theme[.cursor] }
            canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style)
            render(entry, state: state, x: body.x, y: y, width: body.width, style: style, into: &canvas)
        }
    }

    /// Field widths: narrow screens give up the source IP and shorten names,
    /// so the watch — why the row is here — always shows.
    static func widths(_ width: Int) -> [Int] {
        width >= 120 ? [12, 6, 14, 28, 24, 15] : [12, 6, 11, 20, 14]
    }

    static func renderHeader(state: DashboardState, x: Int, y: Int, width: Int, style: Style, into canvas: inout Canvas) {
        var column = x
        for (title, fieldWidth) in zip([" time", "region", "account", "event", "principal", "source IP"], widths(width)) {
            canvas.put(title, x: column, y: y, style: style, maxWidth: fieldWidth)
            column += fieldWidth + 1
        }
        if column < x + width { canvas.put("severity watches", x: column, y: y, style: style, maxWidth: x + width - column) }
    }

    /// `14:02:07` today; `07-14 03:12` for another day (UTC, as CloudTrail
    /// writes them), so last July's log events do not pass for today's.
    static func timeText(_ eventTime: String, now: Int64) -> String {
        guard eventTime.count >= 19 else { return eventTime }
        let today = String(Timestamp.iso8601(milliseconds: now).prefix(10))
        if eventTime.hasPrefix(today) { return String(eventTime.dropFirst(11).prefix(8)) }
        return String(eventTime.dropFirst(5).prefix(5)) + " " + String(eventTime.dropFirst(11).prefix(5))
    }

    static func render(_ entry: FeedEntry, state: DashboardState, x: Int, y: Int, width: Int, style: Style, into canvas: inout Canvas) {
        let event = entry.event
        // Every field is sanitized on its own before it is cut or joined.
        let time = timeText(event.eventTime.sanitized, now: state.now)
        let account = state.accountName(event.account) ?? event.account
        let mark = entry.changedCoverage ? "!" : channelMark(entry.channels)
        var column = x
        let fieldWidths = widths(width)
        var next = fieldWidths.makeIterator()
        func field(_ text: String, _ fieldStyle: Style? = nil) {
            guard let width = next.next() else { return }
            canvas.put(DisplayWidth.truncate(text, to: width), x: column, y: y, style: fieldStyle ?? style, maxWidth: width)
            column += width + 1
        }
        field(mark + time)
        field(GridView.regionCode(event.awsRegion))
        field(account)
        field(event.eventName.sanitized + (event.errorCode.map { " ✗" + $0.sanitized } ?? ""))
        field(shortPrincipal(event.principal.sanitized))
        if fieldWidths.count > 5 { field(event.sourceIPAddress ?? "-") }
        let remaining = x + width - column
        guard remaining > 0 else { return }
        let severity = entry.watches.map { state.watches[$0].severity }.max() ?? .info
        let names = entry.watches.map { state.watches[$0].name.sanitized }.joined(separator: ",")
        let text = names.isEmpty ? "coverage change" : severityTag(severity) + " " + names
        canvas.put(DisplayWidth.truncate(text, to: remaining), x: column, y: y,
                   style: style == state.theme[.cursor] ? style : state.theme[severityRole(severity)], maxWidth: remaining)
    }

    /// The watch's severity in four letters, so it reads without colour.
    static func severityTag(_ severity: Severity) -> String {
        switch severity {
        case .info: return "info"
        case .low: return "low "
        case .medium: return "med "
        case .high: return "HIGH"
        case .critical: return "CRIT"
        }
    }

    /// Which channels carried the event: `◆` both, `▸` real-time only (an
    /// EventBridge rule forwarded it), `·` trail only (no rule forwarded it yet).
    static func channelMark(_ channels: Set<Channel>) -> String {
        if channels.count > 1 { return "◆" }
        return channels.contains(.realtime) ? "▸" : "·"
    }

    /// `arn:aws:sts::1:assumed-role/Admin/alice` → `Admin/alice`: the part a person reads.
    static func shortPrincipal(_ principal: String) -> String {
        guard principal.hasPrefix("arn:") else { return principal }
        let resource = principal.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last.map(String.init) ?? principal
        if resource == "root" { return "root" }
        if let slash = resource.firstIndex(of: "/") { return String(resource[resource.index(after: slash)...]) }
        return resource
    }

    static func severityRole(_ severity: Severity) -> ThemeRole {
        switch severity {
        case .info: return .severityInfo
        case .low: return .severityLow
        case .medium: return .severityMedium
        case .high: return .severityHigh
        case .critical: return .severityCritical
        }
    }
}
