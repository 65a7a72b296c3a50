import TrailGridCore

/// The top line: organization, cells per verdict, ingest rate, rejected
/// count, clock, and what is filtered.
enum HeaderView {
    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        canvas.fill(area, style: theme[.header])
        var x = canvas.put(" trailgrid ", x: area.x, y: area.y, style: theme[.headerAccent])
        // Active filters come first: on a narrow screen they must not be cut off.
        var filters: [String] = []
        if let filter = state.regionFilter { filters.append("r=\(filter.text)") }
        if let filter = state.accountFilter { filters.append("a=\(filter.text)") }
        if let search = state.search, !search.isEmpty { filters.append("/\(search)") }
        if let verdict = state.verdictFilter { filters.append(verdict.rawValue) }
        if !filters.isEmpty { x = canvas.put("[\(filters.joined(separator: " "))] ", x: x, y: area.y, style: theme[.headerAccent].adding(.reverse)) }
        if let probe = state.probe {
            // What the cells show now: the event and its reach counts, instead of the verdicts.
            x = canvas.put("[w \(probe.event.label.sanitized)] ", x: x, y: area.y, style: theme[.headerAccent].adding(.reverse))
            for reach in [EventProbeCell.Reach.reaches, .stops, .unverified] {
                x = canvas.put(" ", x: x, y: area.y, style: theme[.header])
                x = canvas.put("\(reach.glyph(state.glyphs))", x: x, y: area.y, style: theme[reach.themeRole])
                x = canvas.put("\(probe.counts[reach] ?? 0)", x: x, y: area.y, style: theme[.header])
            }
            x = canvas.put("  Esc: verdicts", x: x, y: area.y, style: theme[.header])
            let clock = String(Timestamp.iso8601(milliseconds: state.now).dropFirst(11).prefix(8)) + "Z "
            let clockX = area.maxX - DisplayWidth.of(clock)
            if clockX > x { canvas.put(clock, x: clockX, y: area.y, style: theme[.header]) }
            return
        }
        x = canvas.put(" \(state.organization) ", x: x, y: area.y, style: theme[.header])
        let counts = state.verdictCounts
        // Below 140 columns the counts drop their words; the glyphs say which.
        let compact = area.width < 140
        for verdict in KeyMap.verdictKeys where (counts[verdict] ?? 0) > 0 || verdict != .silent {
            let count = counts[verdict] ?? 0
            x = canvas.put(" ", x: x, y: area.y, style: theme[.header])
            x = canvas.put("\(verdict.glyph(state.glyphs))", x: x, y: area.y, style: theme.style(for: verdict))
            x = canvas.put(compact ? "\(count)" : "\(verdict.rawValue) \(count)", x: x, y: area.y, style: theme[.header])
        }
        x = canvas.put("  \(formatRate(state.ingestRate)) ev/s", x: x, y: area.y, style: theme[.header])
        let rejected = state.counters.rejected
        x = canvas.put(compact ? "  rej \(rejected)" : "  rejected \(rejected)", x: x, y: area.y, style: rejected > 0 ? theme[.error] : theme[.header])
        let open = state.openIncidentCount
        if open > 0 {
            x = canvas.put(compact ? "  !\(open) inc" : "  ! \(open) open incident\(open == 1 ? "" : "s") (I)", x: x, y: area.y, style: theme[.error])
        }
        if state.stateWarning != nil { x = canvas.put("  STATE NOT SAVED", x: x, y: area.y, style: theme[.error]) }
        if let note = state.refreshNote { x = canvas.put("  \(note)", x: x, y: area.y, style: state.refreshFailed ? theme[.error] : theme[.header]) }
        if state.paused { x = canvas.put("  PAUSED", x: x, y: area.y, style: theme[.headerAccent]) }
        let clock = String(Timestamp.iso8601(milliseconds: state.now).dropFirst(11).prefix(8)) + "Z "
        let clockX = area.maxX - DisplayWidth.of(clock)
        if clockX > x { canvas.put(clock, x: clockX, y: area.y, style: theme[.header]) }
    }

    static func formatRate(_ rate: Double) -> String {
        rate >= 10_000 ? "\(Int(rate / 1000))k" : String(Int(rate.rounded()))
    }
}
