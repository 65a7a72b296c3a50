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
        let rows = feed.dropFirst(state.feedTop).prefix(body.height)
        for (offset, entry) in rows.enumerated() {
            let index = state.feedTop + offset
            let y = body.y + offset
            var style = index % 2 == 0 ? theme[.feedRow] : theme[.feedRowAlternate]
            if entry.changedCoverage { style = theme[.feedFlagged] }
            if state.markedEvents[entry.id] != nil { style = theme[.marked] }
            if index == state.feedCursor && state.focus == .feed { style = theme[.cursor] }
            canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style)
            render(entry, state: state, x: body.x, y: y, width: body.width, style: style, into: &canvas)
        }
    }

    static func render(_ entry: FeedEntry, state: DashboardState, x: Int, y: Int, width: Int, style: Style, into canvas: inout Canvas) {
        let event = entry.event
        // Every field is sanitized on its own before it is cut or joined.
        let eventTime = event.eventTime.sanitized
        let time = eventTime.count >= 19 ? String(eventTime.dropFirst(11).prefix(8)) : eventTime
        let account = state.accountName(event.account) ?? event.account
        let mark = entry.changedCoverage ? "!" : channelMark(entry.channels)
        var column = x
        func field(_ text: String, _ width: Int, _ fieldStyle: Style? = nil) {
            canvas.put(DisplayWidth.truncate(text, to: width), x: column, y: y, style: fieldStyle ?? style, maxWidth: width)
            column += width + 1
        }
        // Narrow screens give up the source IP and shorten names, so the
        // watch — why the row is here — always shows.
        let wide = width >= 120
        field(mark + time, 9)
        field(GridView.regionCode(event.awsRegion), 6)
        field(account, wide ? 14 : 12)
        field(event.eventName.sanitized + (event.errorCode.map { " ✗" + $0.sanitized } ?? ""), wide ? 28 : 22)
        field(shortPrincipal(event.principal.sanitized), wide ? 24 : 14)
        if wide { field(event.sourceIPAddress ?? "-", 15) }
        let remaining = x + width - column
        guard remaining > 0 else { return }
        let severity = entry.watches.map { state.watches[$0].severity }.max() ?? .info
        let names = entry.watches.map { state.watches[$0].name.sanitized }.joined(separator: ",")
        canvas.put(DisplayWidth.truncate(names.isEmpty ? "coverage change" : names, to: remaining), x: column, y: y,
                   style: style == state.theme[.cursor] ? style : state.theme[severityRole(severity)], maxWidth: remaining)
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
