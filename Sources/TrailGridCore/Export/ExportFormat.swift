/// What an export takes (DESIGN §6): events, the cells' coverage report, or
/// the fix for the cells that are blind.
public enum ExportKind: String, Sendable, CaseIterable {
    case events, report, remediation

    /// The formats that make sense for the kind; the first is the default.
    public var formats: [ExportFormat] {
        switch self {
        case .events: return [.jsonl, .csv]
        case .report: return [.csv, .json]
        case .remediation: return [.cloudformation, .terraform]
        }
    }
}

/// How an export is written.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// The original records, one per line, byte for byte.
    case jsonl
    /// RFC 4180, formula-escaped.
    case csv
    case json
    /// A StackSet-ready template (YAML).
    case cloudformation
    /// A root configuration plus `modules/trailgrid-forwarding/main.tf` beside it.
    case terraform
}

/// Why an export wrote nothing, in one line.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A file is in the way and replacing it was not allowed: the
        /// dashboard asks, the command wants `--force`.
        case fileExists(String)
        /// The selection cannot be exported this way (nothing to remediate, bad target).
        case selection
        /// Writing failed; nothing partial was left.
        case io
    }

    public var reason: Reason
    public var description: String

    public init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }

    /// The format does not fit the kind (`--kind report --format jsonl`).
    public static func format(_ format: ExportFormat, notFor kind: ExportKind) -> ExportError {
        ExportError(.selection, "--format \(format.rawValue) does not fit --kind \(kind.rawValue) (use \(kind.formats.map(\.rawValue).joined(separator: " or ")))")
    }
}

/// What an export wrote, for the one-line result.
public struct ExportResult: Sendable, Equatable {
    /// Every file written, the main one first.
    public var paths: [String]
    /// How many items (events or cells) it holds.
    public var count: Int
    /// `events`, `cells`, or `cells (16 rules each)`.
    public var noun: String
    /// Selected items left out (cells that were not BLIND for a remediation).
    public var skipped: Int = 0
    public var skippedNoun: String = ""
    /// What the file cannot do, said beside it (cells that need a trail).
    public var notes: [String] = []

    /// `wrote 3 events to trailgrid-events.jsonl`.
    public var summary: String {
        var text = "wrote \(count) \(noun) to \(paths.first ?? "")"
        if paths.count > 1 { text += " (and \(paths.dropFirst().joined(separator: ", ")))" }
        if skipped > 0 { text += "; \(skipped) \(skippedNoun) left out" }
        return text
    }
}
