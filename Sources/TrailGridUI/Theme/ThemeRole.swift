/// A named place in the UI that a theme colors. The raw value is the key in a
/// theme file (flat, dotted, like k9s skins and btop themes; STYLE.md §3.10).
public enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    /// Everything not otherwise themed: the screen's background.
    case base = "base"
    case verdictOK = "verdict.ok"
    case verdictBlind = "verdict.blind"
    case verdictDark = "verdict.dark"
    case verdictStopped = "verdict.stopped"
    case verdictSilent = "verdict.silent"
    case verdictOff = "verdict.off"
    case verdictUnknown = "verdict.unknown"
    /// The top line: organization, counts, rate, clock.
    case header = "header"
    /// Emphasised parts of the header (counts, the active filter).
    case headerAccent = "header.accent"
    /// The grid's frozen header row (region codes).
    case gridHeader = "grid.header"
    /// The grid's frozen first column (account alias and id).
    case gridRowHeader = "grid.row-header"
    /// The cell or row under the cursor.
    case cursor = "cursor"
    /// Cells or events marked with space.
    case marked = "marked"
    /// A selected range or the current match of a search.
    case selection = "selection"
    case feedRow = "feed.row"
    /// Every other feed row, for readability of long feeds.
    case feedRowAlternate = "feed.row-alt"
    /// A feed row that changed the coverage model (StopLogging, DeleteRule…).
    case feedFlagged = "feed.flagged"
    case severityInfo = "severity.info"
    case severityLow = "severity.low"
    case severityMedium = "severity.medium"
    case severityHigh = "severity.high"
    case severityCritical = "severity.critical"
    /// The key in the hint bar ("q").
    case hintKey = "hint.key"
    /// The description in the hint bar ("quit").
    case hintText = "hint.text"
    /// The `:` / `/` prompt line.
    case prompt = "prompt"
    case error = "error"
    /// Lines between panes and around overlays.
    case border = "border"
    /// Titles of panes and overlays.
    case title = "title"
    /// Secondary text: ids, timestamps, disabled entries.
    case muted = "muted"
}
