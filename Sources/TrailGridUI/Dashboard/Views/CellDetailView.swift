import TrailGridCore

/// Enter on a cell: its verdict and why, the trails covering it, the rules
/// with their patterns and targets, coverage per watch with its delivery
/// chain hop by hop, the timeline of live changes, and its recent events.
enum CellDetailView {
    static func lines(_ cell: CellKey, _ state: DashboardState) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = []
        let report = state.reports[cell]
        // Event and inventory text is sanitized value by value before it is joined (`String.sanitized`).
        let name = state.accountName(cell.account).map { "\($0.sanitized) (\(cell.account.sanitized))" } ?? cell.account.sanitized
        let verdict = report?.verdict ?? .unknown
        lines.append(("\(verdict.glyph(state.glyphs)) \(verdict.rawValue)  \(name)  \(cell.region.sanitized)", verdict.themeRole))
        lines.append(("  \(report?.reason ?? "no report")", .base))
        lines.append(("", .base))
        if let probe = state.probe { lines += probeLines(probe, cell, glyphs: state.glyphs) }
        lines.append(("Trail coverage: \(report?.trail.rawValue ?? "unknown")", .title))
        for trail in report?.trails ?? [] { lines.append(("  \(trail.sanitized)", .base)) }
        if let unrecorded = report?.unrecorded, !unrecorded.isEmpty {
            lines.append(("  not recorded: \(unrecorded.map(\.sanitized).joined(separator: ", "))", .error))
        }
        lines.append(("", .base))
        lines.append(("Rules on the default bus", .title))
        let rules = state.coverage.inventory.rules[cell] ?? [:]
        if rules.isEmpty { lines.append(("  none known", .muted)) }
        for rule in rules.values.sorted(by: { $0.name < $1.name }) {
            lines.append(("  \(rule.name.sanitized)  \(rule.state)", .base))
            lines.append(("    pattern: \(rule.pattern?.sanitized ?? "(none: schedule rule)")", .muted))
            let targets = rule.targets.map { $0.isEmpty ? "none" : $0.map { "\($0.id.sanitized) → \($0.arn.sanitized)" }.joined(separator: ", ") } ?? "unknown"
            lines.append(("    targets: \(targets)", rule.targets?.isEmpty == true ? .error : .muted))
        }
        lines.append(("", .base))
        lines.append(("Watches and their delivery chains", .title))
        lines += ChainLines.lines(report, watches: state.watches, glyphs: state.glyphs)
        lines.append(("", .base))
        lines.append(("Timeline of live changes", .title))
        let timeline = state.coverage.timeline(account: cell.account, region: cell.region)
        if timeline.isEmpty { lines.append(("  none since start", .muted)) }
        for entry in timeline.reversed() {
            lines.append(("  \(entry.eventTime.sanitized)  \(entry.summary.sanitized)  by \(entry.principal.sanitized)", .feedFlagged))
        }
        lines.append(("", .base))
        lines.append(("Recent events", .title))
        let events = state.feed.filter { $0.event.account == cell.account && $0.event.awsRegion == cell.region }.prefix(50)
        if events.isEmpty { lines.append(("  none in the feed", .muted)) }
        for entry in events {
            let names = entry.watches.map { state.watches[$0].name.sanitized }.joined(separator: ",")
            let event = entry.event
            lines.append(("  \(event.eventTime.sanitized)  \(event.channel.rawValue.padding(8)) \(event.eventName.sanitized)  \(event.principal.sanitized)  \(names)", .base))
        }
        return lines
    }

    /// `w`'s answer for this cell: whether the event reaches a sink from
    /// here, where it stops and why, and its hops.
    static func probeLines(_ probe: ProbeGrid, _ cell: CellKey, glyphs: GlyphSet) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = [("Would \(probe.event.label.sanitized) made here alert?", .title)]
        if let outcome = probe.cells[cell] {
            let word: String
            switch outcome.reach {
            case .reaches: word = "reaches a sink"
            case .stops: word = "stops"
            case .unverified: word = "not verified"
            }
            lines.append(("  \(outcome.reach.glyph(glyphs)) \(word)\(outcome.stops.map { ": \($0.sanitized)" } ?? "")", outcome.reach.themeRole))
            for hop in outcome.chain.hops {
                lines.append(("      \(ChainLines.glyph(hop.state, glyphs)) \(hop.step.label.sanitized)", ChainLines.role(of: hop.state)))
                lines.append(("          \(hop.note.sanitized)", hop.state == .holds ? .muted : ChainLines.role(of: hop.state)))
            }
        } else {
            lines.append(("  not judged: \(probe.notJudged[cell]?.sanitized ?? "not in the grid")", .muted))
        }
        lines.append(("", .base))
        return lines
    }

    static func render(_ cell: CellKey, _ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        OverlayFrame.render(title: "cell \(cell.account.sanitized) \(cell.region.sanitized)  (Esc closes, j/k scroll)", lines: lines(cell, state),
                            scroll: state.overlayScroll, state: state, in: area, into: &canvas)
    }
}

/// Enter on an event: the full record, pretty-printed, scrollable.
enum EventDetailView {
    static func lines(_ entry: FeedEntry, _ state: DashboardState) -> [(String, ThemeRole)] {
        let event = entry.event
        let account = event.account.sanitized
        var lines: [(String, ThemeRole)] = [
            ("\(event.eventName.sanitized) in \(event.awsRegion.sanitized) of \(state.accountName(event.account)?.sanitized ?? account) (\(account))", .title),
            ("  \(event.channel.rawValue) channel, from \(event.origin.file.sanitized) at byte \(event.origin.offset)", .muted),
            ("  watches: \(entry.watches.map { state.watches[$0].name.sanitized }.joined(separator: ", "))", .base),
            ("", .base),
        ]
        let pretty: String
        if let value = try? JSONParser.parse(event.raw) {
            pretty = JSONWriter.serialize(value, indent: 2)
        } else {
            pretty = String(decoding: event.raw, as: UTF8.self)
        }
        for line in pretty.split(separator: "\n", omittingEmptySubsequences: false) { lines.append((String(line), .base)) }
        return lines
    }

    static func render(_ id: String, _ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard let entry = state.entry(id: id) else {
            OverlayFrame.render(title: "event", lines: [("the event is no longer in the feed", .muted)], scroll: 0, state: state, in: area, into: &canvas)
            return
        }
        OverlayFrame.render(title: "event \(entry.event.eventID.sanitized)  (Esc closes, j/k scroll)", lines: lines(entry, state),
                            scroll: state.overlayScroll, state: state, in: area, into: &canvas)
    }
}

/// `e`: what to export, and what the selection holds.
enum ExportDialogView {
    static func render(_ dialog: ExportDialog, _ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        let events = state.markedEvents.isEmpty ? "all \(state.visibleFeed.count) visible events" : "\(state.markedEvents.count) marked events"
        let cells = state.markedCells.isEmpty ? "all visible cells" : "\(DashboardReducer.counted(state.markedCells.count, "marked cell"))"
        var lines: [(String, ThemeRole)] = [("Export", .title)]
        for (index, choice) in ExportChoice.allCases.enumerated() {
            let scope: String
            switch choice {
            case .eventsJSONL, .eventsCSV: scope = events
            case .reportCSV, .reportJSON: scope = cells
            case .cloudFormation, .terraform: scope = "BLIND and SILENT cells among \(cells)"
            }
            let role: ThemeRole = dialog.choice == choice ? .selection : .base
            lines.append(("  \(index + 1)  \(choice.rawValue.padding(42)) \(scope)", role))
        }
        lines.append(("", .base))
        lines.append(("Press 1–6 to choose, Esc to cancel. Files are written atomically and never overwritten without asking.", .muted))
        OverlayFrame.render(title: "export", lines: lines, scroll: 0, state: state, in: area, into: &canvas)
    }
}
