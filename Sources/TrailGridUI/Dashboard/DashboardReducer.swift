import TrailGridCore

/// The dashboard's only state transition: pure, so every key and every
/// batch can be replayed in a test (STYLE §3.2–3.3).
public enum DashboardReducer {
    /// How long a bottom-line message stays.
    static let messageDuration: Int64 = 6_000

    public static func reduce(_ state: inout DashboardState, _ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case .key(let key):
            return handle(key, &state)
        case .ingested(let events, let counters):
            return ingest(events, counters: counters, into: &state)
        case .stateWarning(let warning):
            state.stateWarning = warning
            return []
        case .inventoryRefreshed(let inventory, let note, let failed):
            return refreshed(inventory, note: note, failed: failed, &state)
        case .tick(let now):
            state.now = now
            updateRate(&state)
            if let message = state.message, message.until <= now { state.message = nil }
            // SILENT depends on time passing: recompute every cell now and then.
            if now - state.reportsComputedAt >= DashboardState.fullRefreshInterval { state.refreshReports() }
            return []
        case .resize(let size):
            state.size = size
            clampCursors(&state)
            return []
        case .themeLoaded(let theme, let warnings):
            state.theme = theme
            say(warnings.isEmpty ? "theme \(theme.name)" : "theme \(theme.name): \(warnings.joined(separator: "; "))",
                error: !warnings.isEmpty, &state)
            return []
        case .exportFinished(let message, let succeeded):
            state.overlay = nil
            say(message, error: !succeeded, &state)
            return []
        case .exportNeedsConfirmation(let request):
            state.pendingExport = request
            state.prompt = DashboardState.Prompt(kind: .confirmOverwrite, text: "")
            return []
        }
    }

    // MARK: - Ingest

    static func ingest(_ events: [IngestedEvent], counters: IngestCounters, into state: inout DashboardState) -> [DashboardEffect] {
        state.counters = counters
        var arrived: [FeedEntry] = []
        // The feed inputs of each cell's report before the batch: a cell whose
        // inputs did not move keeps its report (thousands of events a second
        // come from the same cells; recomputing them all was most of the UI
        // thread's time).
        var inputsBefore: [CellKey: CoverageModel.FeedInputs] = [:]
        var modelChanged = false
        var delta = StateDelta()
        var changedRows: Set<String> = []
        for item in events {
            let cell = CellKey(account: item.event.account, region: item.event.awsRegion)
            if inputsBefore[cell] == nil {
                inputsBefore[cell] = state.coverage.feedInputs(of: cell)
                if state.remembers && !state.coverage.cellsSeen.contains(cell) { delta.cellsSeen.append(StoredCellSighting(cell: cell, arrival: state.arrivals)) }
            }
            let verdictsBefore = IncidentDetector.mayOpen(item.event) ? IncidentDetector.verdicts(state.coverage, now: state.now) : nil
            let changes = state.coverage.apply(item.event, watchMatches: item.watchMatches)
            if state.remembers && !changes.isEmpty { delta.facts.append(StoredFact(arrival: state.arrivals, event: item.event)) }
            state.arrivals += 1
            let changed = changes.contains { $0.applied }
            if changed, let verdictsBefore {
                openIncident(for: item.event, changes: changes, before: verdictsBefore, &state, &delta)
            }
            modelChanged = modelChanged || changed
            guard !item.watchMatches.isEmpty || changed else { continue }
            // The other channel's copy of an event already shown: note the channel on its row.
            if recordChannel(of: item.event, changedCoverage: changed, in: &state) {
                changedRows.insert(item.event.eventID)
                continue
            }
            // Read once: an event's fields are built on each read (`CloudTrailEvent`).
            let id = item.event.eventID
            if let index = arrived.firstIndex(where: { $0.id == id }) {
                arrived[index].channels.insert(item.event.channel)
                continue
            }
            arrived.append(FeedEntry(event: item.event, watches: item.watchMatches, changedCoverage: changed, sequence: state.nextSequence))
            state.nextSequence += 1
        }
        // A change to trails or rules can touch every cell of an account: recompute
        // all. Otherwise only the cells whose feed inputs the events moved (or
        // that are new) changed.
        if modelChanged {
            state.coverageChanged()
        } else {
            state.refreshReports(Set(inputsBefore.compactMap { cell, before in
                state.reports[cell] == nil || state.coverage.feedInputs(of: cell) != before ? cell : nil
            }))
        }
        if !arrived.isEmpty {
            if state.paused {
                state.heldWhilePaused.insert(contentsOf: arrived.reversed(), at: 0)
                if state.heldWhilePaused.count > state.feedCapacity { state.heldWhilePaused.removeLast(state.heldWhilePaused.count - state.feedCapacity) }
            } else {
                addToFeed(arrived.reversed(), &state)
            }
        }
        guard state.remembers else { return [] }
        let watchNames = WatchNames(state.watches.map(\.name))
        for cell in inputsBefore.keys {
            if let evidence = state.coverage.evidence[cell] { delta.evidence[cell] = StoredEvidence(evidence, watches: watchNames) }
        }
        // Rows whose channels changed are stored again (an upsert keeps their place).
        for id in changedRows {
            if let entry = state.entry(id: id) { delta.feedRows.append(storedRow(entry, watchNames)) }
        }
        delta.feedRows += arrived.map { storedRow($0, watchNames) }
        delta.arrivals = state.arrivals
        delta.counters = counters
        return [.persist(delta)]
    }

    static func storedRow(_ entry: FeedEntry, _ watchNames: WatchNames) -> StoredFeedRow {
        StoredFeedRow(sequence: entry.sequence, event: entry.event, channels: entry.channels,
                      watches: watchNames.names(of: entry.watches), changedCoverage: entry.changedCoverage)
    }

    /// Opens an incident for a call that weakened coverage (one per call:
    /// its second channel's copy changes nothing more).
    static func openIncident(for event: CloudTrailEvent, changes: [CoverageChange], before: [CellKey: Verdict],
                             _ state: inout DashboardState, _ delta: inout StateDelta) {
        guard state.incident(id: event.eventID) == nil else { return }
        let after = IncidentDetector.verdicts(state.coverage, now: state.now)
        guard let incident = IncidentDetector.incident(for: event, changes: changes, before: before, after: after,
                                                       cellOrder: state.coverage.cells, openedAt: state.now) else { return }
        state.incidents.append(incident)
        state.refreshIncidentCells()
        if state.remembers { delta.incidents.append(incident) }
    }

    /// Adds the event's channel to its row if the event is already shown (or
    /// held or marked); returns false when it is new.
    static func recordChannel(of event: CloudTrailEvent, changedCoverage: Bool, in state: inout DashboardState) -> Bool {
        var found = false
        let id = event.eventID
        if state.feedIDs.contains(id), let index = state.feed.firstIndex(where: { $0.id == id }) {
            state.feed[index].channels.insert(event.channel)
            state.feed[index].changedCoverage = state.feed[index].changedCoverage || changedCoverage
            found = true
        } else if let index = state.heldWhilePaused.firstIndex(where: { $0.id == id }) {
            state.heldWhilePaused[index].channels.insert(event.channel)
            found = true
        }
        if found { state.markedEvents[id]?.channels.insert(event.channel) }
        return found
    }

    static func addToFeed(_ newestFirst: [FeedEntry], _ state: inout DashboardState) {
        // Keep the cursor on the same entry while rows are added above it.
        let shift = state.focus == .feed && state.feedCursor > 0 ? newestFirst.count : 0
        state.feed.insert(contentsOf: newestFirst, at: 0)
        for entry in newestFirst { state.feedIDs.insert(entry.id) }
        if state.feed.count > state.feedCapacity {
            for entry in state.feed[state.feedCapacity...] { state.feedIDs.remove(entry.id) }
            state.feed.removeLast(state.feed.count - state.feedCapacity)
        }
        state.feedCursor += shift
        state.feedTop += shift
        clampCursors(&state)
    }

    static func updateRate(_ state: inout DashboardState) {
        state.rateSamples.append((state.now, state.counters.accepted))
        state.rateSamples.removeAll { state.now - $0.time > 5_000 }
        if let first = state.rateSamples.first, let last = state.rateSamples.last, last.time > first.time {
            state.ingestRate = Double(last.accepted - first.accepted) * 1000 / Double(last.time - first.time)
        }
    }

    // MARK: - Keys

    static func handle(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        if key == .resize { return [] }
        if state.prompt != nil { return handlePrompt(key, &state) }
        switch state.overlay {
        case .help?:
            // Help scrolls like any panel (at 80×24 the legend is below the
            // fold); the keys that close it are the ones that opened it, Esc and q.
            switch key {
            case .escape, .char("q"), .char("?"), .function(1), .enter: state.overlay = nil
            default: scrollOverlay(key, &state)
            }
            return []
        case .cell?, .event?:
            return handleDetail(key, &state)
        case .export(let dialog)?:
            return handleExportDialog(key, dialog, &state)
        case .incidents?, .incident?:
            return handleIncidents(key, &state)
        case nil:
            break
        }
        guard let command = KeyMap.command(for: key) else {
            if case .char = key { say("unknown key \(String(describing: key).sanitized) — ? for help", error: false, &state) }
            return []
        }
        return run(command, &state)
    }

    static func run(_ command: DashboardCommand, _ state: inout DashboardState) -> [DashboardEffect] {
        switch command {
        case .up: move(rows: -1, columns: 0, &state)
        case .down: move(rows: 1, columns: 0, &state)
        case .left: move(rows: 0, columns: -1, &state)
        case .right: move(rows: 0, columns: 1, &state)
        case .pageUp: move(rows: -max(1, pageSize(state)), columns: 0, &state)
        case .pageDown: move(rows: max(1, pageSize(state)), columns: 0, &state)
        case .top: move(rows: -1_000_000, columns: 0, &state)
        case .bottom: move(rows: 1_000_000, columns: 0, &state)
        case .switchFocus: state.focus = state.focus == .grid ? .feed : .grid
        case .open: open(&state)
        case .regionFilter: state.prompt = .init(kind: .region, text: state.regionFilter?.text ?? "")
        case .accountFilter: state.prompt = .init(kind: .account, text: state.accountFilter?.text ?? "")
        case .search:
            state.prompt = .init(kind: .search, text: state.search ?? "")
        case .probe:
            state.prompt = .init(kind: .probe, text: "")
        case .verdictFilter(let digit):
            let verdict = KeyMap.verdictKeys[digit - 1]
            state.verdictFilter = state.verdictFilter == verdict ? nil : verdict
            state.focus = .grid
            clampCursors(&state)
        case .clearFilters:
            // Esc first leaves the probe, back to the verdicts; the next one clears the filters.
            if state.probe != nil {
                state.probe = nil
                return []
            }
            state.regionFilter = nil
            state.accountFilter = nil
            state.search = nil
            state.verdictFilter = nil
            clampCursors(&state)
        case .firstColumn, .lastColumn:
            state.focus = .grid
            state.gridColumn = command == .firstColumn ? 0 : max(0, state.gridAxes.columns.count - 1)
            clampCursors(&state)
        case .nextMatch, .previousMatch:
            // The feed holds only the matches while a search is on: n and N step through them.
            guard let search = state.search else {
                say("no search: / searches the feed", error: false, &state)
                return []
            }
            state.focus = .feed
            let count = state.visibleFeed.count
            guard count > 0 else {
                say("no event matches '\(search)'", error: true, &state)
                return []
            }
            state.feedCursor = (state.feedCursor + (command == .nextMatch ? 1 : count - 1)) % count
            clampCursors(&state)
            say("match \(state.feedCursor + 1) of \(count) for '\(search)'", error: false, &state)
        case .mark: toggleMark(&state)
        case .markVisible: markVisible(&state)
        case .unmarkAll:
            let count = state.markedCells.count + state.markedEvents.count
            state.markedCells.removeAll()
            state.markedEvents.removeAll()
            say(count == 0 ? "nothing was marked" : "unmarked \(counted(count, "mark"))", error: false, &state)
        case .export: state.overlay = .export(ExportDialog())
        case .pause:
            state.paused.toggle()
            if !state.paused && !state.heldWhilePaused.isEmpty {
                let held = state.heldWhilePaused
                state.heldWhilePaused = []
                addToFeed(held, &state)
            }
            say(state.paused ? "feed paused (events are still counted and kept)" : "feed resumed", error: false, &state)
        case .cycleTheme: return [.loadTheme(after: state.theme.name)]
        case .transpose:
            state.transposed.toggle()
            swap(&state.gridRow, &state.gridColumn)
            state.gridTopRow = 0
            state.gridLeftColumn = 0
            clampCursors(&state)
        case .help:
            state.overlay = .help
            state.overlayScroll = 0
        case .incidents:
            state.overlay = .incidents
            state.incidentCursor = 0
        case .quit: return [.quit]
        }
        return []
    }

    // MARK: - Movement

    /// Rows of the pane that has focus, for paging.
    static func pageSize(_ state: DashboardState) -> Int {
        let layout = state.layout
        return state.focus == .grid ? layout.gridBody.height : layout.feedBody.height
    }

    static func move(rows: Int, columns: Int, _ state: inout DashboardState) {
        switch state.focus {
        case .grid:
            state.gridRow += rows
            state.gridColumn += columns
        case .feed:
            state.feedCursor += rows
        }
        clampCursors(&state)
    }

    /// Keeps cursors inside what is visible and scrolls to keep them on screen.
    static func clampCursors(_ state: inout DashboardState) {
        let axes = state.gridAxes
        state.gridRow = min(max(0, state.gridRow), max(0, axes.rows.count - 1))
        state.gridColumn = min(max(0, state.gridColumn), max(0, axes.columns.count - 1))
        let layout = state.layout
        let bodyRows = max(1, layout.gridBody.height)
        let visibleColumns = max(1, GridView.visibleColumnCount(state: state, width: layout.gridBody.width))
        if state.gridRow < state.gridTopRow { state.gridTopRow = state.gridRow }
        if state.gridRow >= state.gridTopRow + bodyRows { state.gridTopRow = state.gridRow - bodyRows + 1 }
        if state.gridColumn < state.gridLeftColumn { state.gridLeftColumn = state.gridColumn }
        if state.gridColumn >= state.gridLeftColumn + visibleColumns { state.gridLeftColumn = state.gridColumn - visibleColumns + 1 }
        state.gridTopRow = max(0, min(state.gridTopRow, max(0, axes.rows.count - bodyRows)))
        state.gridLeftColumn = max(0, min(state.gridLeftColumn, max(0, axes.columns.count - visibleColumns)))

        let feedCount = state.visibleFeedCount
        state.feedCursor = min(max(0, state.feedCursor), max(0, feedCount - 1))
        let feedRows = max(1, layout.feedBody.height - 1)  // the first row names the columns
        if state.feedCursor < state.feedTop { state.feedTop = state.feedCursor }
        if state.feedCursor >= state.feedTop + feedRows { state.feedTop = state.feedCursor - feedRows + 1 }
        state.feedTop = max(0, min(state.feedTop, max(0, feedCount - feedRows)))
    }

    // MARK: - Marks and detail

    static func toggleMark(_ state: inout DashboardState) {
        switch state.focus {
        case .grid:
            guard let cell = state.cursorCell, state.isShown(cell) else { return }
            if state.markedCells.remove(cell) == nil { state.markedCells.insert(cell) }
            move(rows: 0, columns: 1, &state)
        case .feed:
            let feed = state.visibleFeed
            guard feed.indices.contains(state.feedCursor) else { return }
            let entry = feed[state.feedCursor]
            if state.markedEvents.removeValue(forKey: entry.id) == nil { state.markedEvents[entry.id] = entry }
            move(rows: 1, columns: 0, &state)
        }
    }

    static func markVisible(_ state: inout DashboardState) {
        switch state.focus {
        case .grid:
            let visible = state.visibleCells
            // Everything visible already marked: V again takes those marks off.
            if !visible.isEmpty && visible.allSatisfy(state.markedCells.contains) {
                state.markedCells.subtract(visible)
                say("unmarked \(counted(visible.count, "cell")); \(counted(state.markedCells.count, "cell")) marked", error: false, &state)
            } else {
                state.markedCells.formUnion(visible)
                say("\(counted(state.markedCells.count, "cell")) marked", error: false, &state)
            }
        case .feed:
            let visible = state.visibleFeed
            if !visible.isEmpty && visible.allSatisfy({ state.markedEvents[$0.id] != nil }) {
                for entry in visible { state.markedEvents[entry.id] = nil }
                say("unmarked \(counted(visible.count, "event")); \(counted(state.markedEvents.count, "event")) marked", error: false, &state)
            } else {
                for entry in visible { state.markedEvents[entry.id] = entry }
                say("\(counted(state.markedEvents.count, "event")) marked", error: false, &state)
            }
        }
    }

    /// "1 cell", "3 cells".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func open(_ state: inout DashboardState) {
        state.overlayScroll = 0
        switch state.focus {
        case .grid:
            if let cell = state.cursorCell { state.overlay = .cell(cell) }
        case .feed:
            let feed = state.visibleFeed
            if feed.indices.contains(state.feedCursor) { state.overlay = .event(feed[state.feedCursor].id) }
        }
    }

    static func handleDetail(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        switch key {
        case .escape, .char("q"), .enter, .backspace: state.overlay = nil
        default: scrollOverlay(key, &state)
        }
        return []
    }

    /// j/k, pages, g/G of a full-screen panel, kept within its lines so that
    /// `k` after `G` moves at once.
    static func scrollOverlay(_ key: Key, _ state: inout DashboardState) {
        let page = max(1, state.size.rows - 4)
        let last = max(0, overlayLineCount(state) - page)
        switch key {
        case .up, .char("k"): state.overlayScroll -= 1
        case .down, .char("j"): state.overlayScroll += 1
        case .pageUp, .ctrl("u"): state.overlayScroll -= page
        case .pageDown, .ctrl("d"), .char(" "): state.overlayScroll += page
        case .home, .char("g"): state.overlayScroll = 0
        case .end, .char("G"): state.overlayScroll = last
        default: break
        }
        state.overlayScroll = min(max(0, state.overlayScroll), last)
    }

    /// The panel's lines as drawn (wrapped to the screen's width).
    static func overlayLineCount(_ state: DashboardState) -> Int {
        let lines: [(String, ThemeRole)]
        switch state.overlay {
        case .help?: lines = HelpView.lines(state)
        case .cell(let cell)?: lines = CellDetailView.lines(cell, state)
        case .event(let id)?: lines = state.entry(id: id).map { EventDetailView.lines($0, state) } ?? []
        case .incident(let id)?: lines = state.incident(id: id).map { IncidentDetailView.lines($0, state) } ?? []
        default: lines = []
        }
        return OverlayFrame.wrapped(lines, width: state.size.columns - 2).count
    }

    // MARK: - Prompt

    static func handlePrompt(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        guard var prompt = state.prompt else { return [] }
        if prompt.kind == .confirmOverwrite {
            state.prompt = nil
            guard key == .char("y") || key == .char("Y"), var request = state.pendingExport else {
                state.pendingExport = nil
                // The export is over: close its dialog, so the next key is a dashboard key again.
                state.overlay = nil
                say("export cancelled: the file was not overwritten", error: false, &state)
                return []
            }
            state.pendingExport = nil
            request.overwrite = true
            return [.export(request)]
        }
        switch key {
        case .escape:
            state.prompt = nil
            if prompt.kind == .exportPath || prompt.kind == .exportTarget { state.overlay = nil }
        case .enter:
            // A pasted event arrives line by line: its newlines are spaces until the JSON closes.
            if prompt.kind == .probe && ProbeGrid.isUnfinishedJSON(prompt.text) {
                prompt.text.append(" ")
                state.prompt = prompt
                return []
            }
            state.prompt = nil
            return commit(prompt, &state)
        case .backspace, .delete:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.replacesOnType = false
            state.prompt = prompt
        case .ctrl("u"):
            prompt.text = ""
            state.prompt = prompt
        case .char(let character):
            if prompt.replacesOnType { prompt.text = "" }
            prompt.replacesOnType = false
            prompt.text.append(character)
            state.prompt = prompt
            // The feed search narrows as you type.
            if prompt.kind == .search {
                state.search = prompt.text
                clampCursors(&state)
            }
        default:
            break
        }
        return []
    }

    static func commit(_ prompt: DashboardState.Prompt, _ state: inout DashboardState) -> [DashboardEffect] {
        let text = String(prompt.text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        switch prompt.kind {
        case .region:
            state.regionFilter = RegionFilter(text)
            if let filter = state.regionFilter, state.visibleRegions.isEmpty {
                say("no region matches '\(filter.text)'", error: true, &state)
            }
        case .account:
            state.accountFilter = AccountFilter(text)
        case .search:
            state.search = text.isEmpty ? nil : text
            state.focus = .feed
            if !text.isEmpty {
                say("search '\(text)': \(counted(state.visibleFeed.count, "event")), focus on the feed (n/N step, Esc clears, Tab: grid)", error: false, &state)
            }
        case .probe:
            do {
                let probe = ProbeGrid(try ProbeEvent.read(text, watches: state.watches), coverage: state.coverage)
                state.probe = probe
                state.focus = .grid
                say(probe.summary + " (Enter: where it stops; Esc: back)", error: false, &state)
            } catch {
                say("w: \(error)", error: true, &state)
            }
        case .exportTarget:
            guard case .export(var dialog)? = state.overlay else { return [] }
            // Checked before the file name is asked for: a bad ARN is offered
            // again, selected, so the next attempt replaces it.
            do {
                _ = try RemediationPlan.target(of: text)
            } catch {
                state.prompt = .init(kind: .exportTarget, text: text)
                say("target \(error.description)", error: true, &state)
                return []
            }
            dialog.target = text
            state.overlay = .export(dialog)
            return askForPath(dialog, &state)
        case .exportPath:
            guard case .export(let dialog)? = state.overlay, let choice = dialog.choice, !text.isEmpty else {
                state.overlay = nil
                return []
            }
            return [.export(exportRequest(choice, path: text, target: dialog.target, state))]
        case .confirmOverwrite:
            break
        }
        clampCursors(&state)
        return []
    }

    // MARK: - Export

    static func handleExportDialog(_ key: Key, _ dialog: ExportDialog, _ state: inout DashboardState) -> [DashboardEffect] {
        guard case .char(let character) = key, let digit = character.wholeNumberValue,
              ExportChoice.allCases.indices.contains(digit - 1)
        else {
            if key == .escape || key == .char("q") { state.overlay = nil }
            return []
        }
        var dialog = dialog
        let choice = ExportChoice.allCases[digit - 1]
        dialog.choice = choice
        state.overlay = .export(dialog)
        if choice.needsTarget {
            state.prompt = .init(kind: .exportTarget, text: dialog.target ?? state.lastExportTarget ?? "")
            return []
        }
        return askForPath(dialog, &state)
    }

    static func askForPath(_ dialog: ExportDialog, _ state: inout DashboardState) -> [DashboardEffect] {
        guard let choice = dialog.choice else { return [] }
        if let target = dialog.target { state.lastExportTarget = target }
        let stamp = Timestamp.iso8601(milliseconds: state.now).filter { $0.isNumber }.prefix(14)
        state.prompt = .init(kind: .exportPath, text: "\(choice.stem)-\(stamp).\(choice.fileExtension)")
        return []
    }

    /// The selection an export takes: the marks, or everything visible when
    /// nothing of that kind is marked.
    static func exportRequest(_ choice: ExportChoice, path: String, target: String?, _ state: DashboardState) -> ExportRequest {
        var request = ExportRequest(choice: choice, path: path, overwrite: false, events: [], cells: [], target: target)
        if choice == .cloudFormation || choice == .terraform { request.context = state.coverage.inventory.remediationContext }
        switch choice {
        case .eventsJSONL, .eventsCSV:
            request.events = state.markedEvents.isEmpty
                ? state.visibleFeed.reversed()
                : state.markedEvents.values.sorted { $0.sequence < $1.sequence }
        case .reportCSV, .reportJSON, .cloudFormation, .terraform:
            let cells = state.markedCells.isEmpty ? state.visibleCells : state.markedCells.sorted()
            request.cells = cells.compactMap { state.reports[$0] }
        }
        return request
    }

    /// A re-collect's inventory, newer wins (`CoverageModel.applyRefresh`):
    /// each change lands on its cell's timeline; the header keeps the note.
    static func refreshed(_ inventory: Inventory?, note: String, failed: Bool, _ state: inout DashboardState) -> [DashboardEffect] {
        state.refreshNote = note
        state.refreshFailed = failed
        guard let inventory else { return [] }
        let changes = state.coverage.applyRefresh(inventory)
        if !changes.isEmpty {
            state.coverageChanged()
            say(changes.count == 1 ? changes[0].entry.summary : "refresh: \(changes.count) changes (\(changes[0].entry.summary), …)", error: false, &state)
        }
        return []
    }

    static func say(_ text: String, error: Bool, _ state: inout DashboardState) {
        state.message = .init(text: text, isError: error, until: state.now + messageDuration)
    }
}
