import TrailGridCore

/// Everything the dashboard shows, as one value: `reduce` changes it, views
/// render it, tests assert on it (STYLE §3.3).
public struct DashboardState: Sendable {
    public enum Focus: Sendable, Equatable { case grid, feed }

    /// Full-screen views drawn over the dashboard.
    public enum Overlay: Sendable, Equatable {
        case help
        case cell(CellKey)
        /// A feed entry by id (kept even if it leaves the feed).
        case event(String)
        case export(ExportDialog)
        /// The incident list (`I`), newest first.
        case incidents
        /// One incident by id, with the timeline of its cells.
        case incident(String)
    }

    /// The one-line input at the bottom.
    public struct Prompt: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case region, account, search, probe, exportPath, exportTarget, confirmOverwrite }
        public var kind: Kind
        public var text: String
        /// The text offered (the current filter, the last target) is
        /// selected: the first character typed replaces it, an edit key
        /// keeps it, so `r` then a new filter never appends to the old one.
        public var replacesOnType = true
        public var label: String {
            switch kind {
            case .region: return "region filter (eu-*, us-east-1,eu-west-1, ap): "
            case .account: return "account filter (name or id): "
            case .search: return "/"
            case .probe: return "would this alert? event (Name, source:Name or JSON): "
            case .exportPath: return "export to: "
            case .exportTarget: return "target ARN (an event bus, or a sink in the cells' region): "
            case .confirmOverwrite: return "file exists, overwrite? (y/n) "
            }
        }
    }

    /// A line at the bottom for a few seconds: the result of an action.
    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public var until: Int64
    }

    // MARK: Data

    public var coverage: CoverageModel
    public var watches: [Watch]
    /// The organization as the header names it.
    public var organization: String
    /// Matched events, newest first, at most `feedCapacity`.
    public var feed: [FeedEntry] = []
    public var feedCapacity = DashboardState.defaultFeedCapacity
    public static let defaultFeedCapacity = 2_000
    /// Events that arrived while the feed was paused, shown on resume.
    public var heldWhilePaused: [FeedEntry] = []
    public var counters = IngestCounters()
    /// Accepted events per second, over the last few seconds.
    public var ingestRate: Double = 0
    var rateSamples: [(time: Int64, accepted: Int)] = []
    /// Wall clock in ms, from ticks (views never read the clock themselves).
    public var now: Int64
    /// Cell reports, refreshed from `coverage` when it changes or time passes.
    public var reports: [CellKey: CellReport] = [:]
    /// The grid's rows and columns before filters, kept with the reports:
    /// the model derives them from every cell it knows, too slow per frame.
    public private(set) var allAccounts: [String] = []
    public private(set) var allRegions: [String] = []
    var knownAccounts: Set<String> = []
    var knownRegions: Set<String> = []
    /// When every cell was last recomputed.
    var reportsComputedAt: Int64 = 0
    /// Every cell is recomputed this often (ms), so verdicts that depend on
    /// time alone (SILENT) appear without any event.
    static let fullRefreshInterval: Int64 = 5_000
    var nextSequence = 0
    /// Ids of the events in `feed`, to merge a second channel's copy quickly.
    var feedIDs: Set<String> = []

    // MARK: Memory (DESIGN §9)

    /// A state store is attached: every batch yields a `StateDelta` to commit.
    public var remembers = false
    /// Events the coverage model has taken, the order facts and sightings are stored in.
    public var arrivals = 0
    /// Every incident, in the order it was opened.
    public var incidents: [Incident] = []
    /// Cells of unacknowledged incidents, marked in the grid until someone answers for them.
    public private(set) var incidentCells: Set<CellKey> = []
    /// Who acknowledges incidents here (the login name).
    public var operatorName = "unknown"
    /// Why what the dashboard learns is not being saved, while it is not.
    public var stateWarning: String?
    /// When the inventory was last re-collected and how that went (`watch --refresh`).
    public var refreshNote: String?
    public var refreshFailed = false
    /// Row of the incident list under the cursor (newest first).
    public var incidentCursor = 0

    // MARK: View

    public var size: TerminalSize
    public var theme: Theme
    public var glyphs: GlyphSet
    public var focus: Focus = .grid
    /// Cursor as indices into the visible rows and columns of the grid.
    public var gridRow = 0
    public var gridColumn = 0
    public var gridTopRow = 0
    public var gridLeftColumn = 0
    public var feedCursor = 0
    public var feedTop = 0
    public var regionFilter: RegionFilter?
    public var accountFilter: AccountFilter?
    public var search: String?
    public var verdictFilter: Verdict?
    public var markedCells: Set<CellKey> = []
    public var markedEvents: [String: FeedEntry] = [:]
    public var overlay: Overlay?
    public var overlayScroll = 0
    public var prompt: Prompt?
    public var paused = false
    /// Regions down, accounts across.
    public var transposed = false
    public var message: Message?
    /// An export waiting for "overwrite? y/n".
    public var pendingExport: ExportRequest?
    /// The last remediation target typed, proposed again next time.
    public var lastExportTarget: String?
    /// `w`: the event every cell is probed with, shown instead of verdicts until `Esc`.
    public var probe: ProbeGrid?

    public init(
        coverage: CoverageModel, watches: [Watch], organization: String, now: Int64,
        size: TerminalSize, theme: Theme = .builtInDefault, glyphs: GlyphSet = .unicode
    ) {
        self.coverage = coverage
        self.watches = watches
        self.organization = organization
        self.now = now
        self.size = size
        self.theme = theme
        self.glyphs = glyphs
        refreshReports()
    }

    /// Recomputes every cell's report, and the grid's rows and columns.
    mutating func refreshReports() {
        var fresh: [CellKey: CellReport] = [:]
        for report in coverage.reports(now: now) {
            fresh[CellKey(account: report.account, region: report.region)] = report
        }
        reports = fresh
        reportsComputedAt = now
        allAccounts = coverage.accounts
        allRegions = coverage.regions
        knownAccounts = Set(allAccounts)
        knownRegions = Set(allRegions)
    }

    /// After the rules, trails or buses changed (a live call, a refresh):
    /// every report again, and what `w`'s event would do, which changes
    /// with the hops it passes.
    mutating func coverageChanged() {
        refreshReports()
        if let probe { self.probe = ProbeGrid(probe.event, coverage: coverage) }
    }

    /// Recomputes the reports of `cells` only (events arrived there). An
    /// event from an account or region not in the grid adds its row or
    /// column, computing just those cells.
    mutating func refreshReports(_ cells: Set<CellKey>) {
        var pending = cells
        for cell in cells where reports[cell] == nil {
            if !knownAccounts.contains(cell.account) {
                allAccounts = coverage.accounts
                knownAccounts = Set(allAccounts)
                for region in allRegions { pending.insert(CellKey(account: cell.account, region: region)) }
            }
            if !knownRegions.contains(cell.region) {
                allRegions = coverage.regions
                knownRegions = Set(allRegions)
                for account in allAccounts { pending.insert(CellKey(account: account, region: cell.region)) }
            }
        }
        for cell in pending {
            reports[cell] = coverage.report(account: cell.account, region: cell.region, now: now)
        }
    }

    // MARK: Derived

    /// Incidents no one has acknowledged yet.
    public var openIncidentCount: Int { incidents.lazy.filter { !$0.isAcknowledged }.count }

    /// Recomputes the marked cells from the open incidents.
    mutating func refreshIncidentCells() {
        incidentCells = Set(incidents.filter { !$0.isAcknowledged }.flatMap(\.cells))
    }

    /// An incident by id.
    public func incident(id: String) -> Incident? {
        incidents.first { $0.id == id }
    }

    public func accountName(_ id: String) -> String? {
        coverage.inventory.accounts[id]?.name
    }

    public func verdict(_ cell: CellKey) -> Verdict {
        reports[cell]?.verdict ?? .unknown
    }

    /// Accounts shown, in order, after the account and verdict filters.
    public var visibleAccounts: [String] {
        allAccounts.filter { account in
            if let accountFilter, !accountFilter.matches(id: account, name: accountName(account)) { return false }
            if let verdictFilter {
                return visibleRegionsIgnoringVerdict.contains { verdict(CellKey(account: account, region: $0)) == verdictFilter }
            }
            return true
        }
    }

    var visibleRegionsIgnoringVerdict: [String] {
        allRegions.filter { regionFilter?.matches($0) ?? true }
    }

    /// Regions shown, after the region and verdict filters.
    public var visibleRegions: [String] {
        let regions = visibleRegionsIgnoringVerdict
        guard let verdictFilter else { return regions }
        let accounts = allAccounts.filter { accountFilter?.matches(id: $0, name: accountName($0)) ?? true }
        return regions.filter { region in accounts.contains { verdict(CellKey(account: $0, region: region)) == verdictFilter } }
    }

    /// The grid's rows and columns as drawn (swapped when transposed).
    public var gridAxes: (rows: [String], columns: [String]) {
        transposed ? (visibleRegions, visibleAccounts) : (visibleAccounts, visibleRegions)
    }

    /// The cells the filters show, row by row: what `V` marks and an
    /// export takes when nothing is marked.
    var visibleCells: [CellKey] {
        let axes = gridAxes
        return axes.rows.flatMap { row in axes.columns.map { cell(row: row, column: $0) } }.filter(isShown)
    }

    public func cell(row: String, column: String) -> CellKey {
        transposed ? CellKey(account: column, region: row) : CellKey(account: row, region: column)
    }

    /// The panes for the current size and grid.
    public var layout: DashboardLayout {
        DashboardLayout(size: size, gridRows: gridAxes.rows.count)
    }

    /// The cell under the cursor, if the grid has any.
    public var cursorCell: CellKey? {
        let axes = gridAxes
        guard axes.rows.indices.contains(gridRow), axes.columns.indices.contains(gridColumn) else { return nil }
        return cell(row: axes.rows[gridRow], column: axes.columns[gridColumn])
    }

    /// Whether a cell is drawn (a verdict filter blanks the others).
    public func isShown(_ cell: CellKey) -> Bool {
        verdictFilter.map { verdict(cell) == $0 } ?? true
    }

    /// Feed rows after the region, account and text filters.
    public var visibleFeed: [FeedEntry] {
        hasFeedFilter ? feed.filter(passesFilters) : feed
    }

    var hasFeedFilter: Bool {
        regionFilter != nil || accountFilter != nil || !(search ?? "").isEmpty
    }

    /// How many feed rows are visible, without copying them when nothing filters.
    public var visibleFeedCount: Int {
        hasFeedFilter ? feed.lazy.filter(passesFilters).count : feed.count
    }

    func passesFilters(_ entry: FeedEntry) -> Bool {
        let event = entry.event
        if let regionFilter, !regionFilter.matches(event.awsRegion) { return false }
        if let accountFilter, !accountFilter.matches(id: event.account, name: accountName(event.account)) { return false }
        if let search, !search.isEmpty {
            let needle = search.lowercased()
            let haystack = [event.eventName, event.principal, event.sourceIPAddress ?? "", event.userAgent ?? "",
                            event.awsRegion, event.account, accountName(event.account) ?? "", event.errorCode ?? ""]
                + entry.watches.map { watches[$0].name }
            if !haystack.contains(where: { $0.lowercased().contains(needle) }) { return false }
        }
        return true
    }

    /// A feed entry by id, from the feed or the marks.
    public func entry(id: String) -> FeedEntry? {
        feed.first { $0.id == id } ?? markedEvents[id] ?? heldWhilePaused.first { $0.id == id }
    }

    /// Count of cells per verdict among all cells (the header's totals).
    public var verdictCounts: [Verdict: Int] {
        var counts: [Verdict: Int] = [:]
        for report in reports.values { counts[report.verdict, default: 0] += 1 }
        return counts
    }

    /// Matched events per cell currently in the feed.
    public var eventCounts: [CellKey: Int] {
        var counts: [CellKey: Int] = [:]
        for entry in feed { counts[CellKey(account: entry.event.account, region: entry.event.awsRegion), default: 0] += 1 }
        return counts
    }
}
