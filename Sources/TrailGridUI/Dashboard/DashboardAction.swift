import TrailGridCore

/// Everything that can happen to the dashboard.
public enum DashboardAction: Sendable {
    case key(Key)
    /// A batch from the ingester.
    case ingested([IngestedEvent], IngestCounters)
    /// Time passed (ms since 1970).
    case tick(Int64)
    case resize(TerminalSize)
    /// The runner loaded the next theme.
    case themeLoaded(Theme, warnings: [String])
    /// The runner finished (or refused) an export.
    case exportFinished(message: String, succeeded: Bool)
    /// The export's file exists: ask before overwriting.
    case exportNeedsConfirmation(ExportRequest)
    /// The state store stopped (or resumed) saving: nil when it saves again.
    case stateWarning(String?)
    /// A background re-collect (`watch --refresh`) finished: its inventory
    /// (nil when nothing could be read) and the header's note about it.
    case inventoryRefreshed(Inventory?, note: String, failed: Bool)
}

/// Work `reduce` asks the runner to do; values, so tests compare them.
public enum DashboardEffect: Sendable, Equatable {
    case quit
    case loadTheme(after: String)
    case export(ExportRequest)
    /// Commit what a batch or an acknowledgement changed to the state store.
    case persist(StateDelta)
}

/// The export formats the `e` dialog offers.
public enum ExportChoice: String, Sendable, CaseIterable, Equatable {
    case eventsJSONL = "events as JSON Lines (original records)"
    case eventsCSV = "events as CSV"
    case reportCSV = "coverage report as CSV"
    case reportJSON = "coverage report as JSON"
    case cloudFormation = "remediation as CloudFormation (StackSet)"
    case terraform = "remediation as Terraform"

    public var fileExtension: String {
        switch self {
        case .eventsJSONL: return "jsonl"
        case .eventsCSV, .reportCSV: return "csv"
        case .reportJSON: return "json"
        case .cloudFormation: return "yaml"
        case .terraform: return "tf"
        }
    }

    public var stem: String {
        switch self {
        case .eventsJSONL, .eventsCSV: return "trailgrid-events"
        case .reportCSV, .reportJSON: return "trailgrid-report"
        case .cloudFormation, .terraform: return "trailgrid-remediation"
        }
    }

    public var needsTarget: Bool { self == .cloudFormation || self == .terraform }
}

/// The `e` dialog's progress.
public struct ExportDialog: Sendable, Equatable {
    public var choice: ExportChoice?
    public var target: String?
}

/// A file to write: what, where, and the selected items (chosen by `reduce`,
/// written by the runner).
public struct ExportRequest: Sendable, Equatable {
    public var choice: ExportChoice
    public var path: String
    public var overwrite: Bool
    public var events: [FeedEntry]
    public var cells: [CellReport]
    public var target: String?
    /// The organization the inventory names, so a remediation's bus policy
    /// admits it (as `trailgrid export` does) rather than account by account.
    public var context = RemediationPlan.Context()

    public static func == (lhs: ExportRequest, rhs: ExportRequest) -> Bool {
        lhs.choice == rhs.choice && lhs.path == rhs.path && lhs.overwrite == rhs.overwrite
            && lhs.events.map(\.id) == rhs.events.map(\.id) && lhs.cells == rhs.cells && lhs.target == rhs.target
            && lhs.context == rhs.context
    }
}
