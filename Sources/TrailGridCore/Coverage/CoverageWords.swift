/// Whether a cell's calls are recorded by a logging trail (DESIGN §2).
public enum TrailCoverage: String, Sendable, Equatable, CaseIterable {
    /// A trail covers the cell, logs, and records every management event.
    case logging
    /// A logging trail covers the cell, but its selectors drop some management events.
    case partial
    /// Covered only by trails that are not logging.
    case stopped
    /// The trail list was read and no trail covers the cell.
    case none
    /// Not known (no inventory for it, or a covering trail's status is missing).
    case unknown
}

/// Whether a watch's events reach a target from a cell (DESIGN §2).
public enum RuleCoverage: String, Sendable, Equatable, CaseIterable {
    /// An enabled rule on the default bus matches every probe and has a target.
    case forwarding
    /// A matching enabled rule has no target.
    case noTarget = "no-target"
    /// Only disabled rules match.
    case disabled
    /// A matching rule has targets, but the watch needs read-only events and
    /// the rule's state is plain ENABLED.
    case readsMissed = "reads-missed"
    /// Rules exist, none matches.
    case narrow
    /// No rule with an event pattern on the default bus.
    case none
    /// Not known (no rule list for the cell, or a matching rule's targets are unknown).
    case unknown

    /// How bad a probe's outcome is, to pick a watch's word from its probes'.
    var badness: Int {
        switch self {
        case .forwarding: return 0
        case .unknown: return 1
        case .readsMissed: return 2
        case .noTarget: return 3
        case .disabled: return 4
        case .narrow: return 5
        case .none: return 6
        }
    }
}

/// The one-word state of a cell, as the grid shows it (DESIGN §2).
public enum Verdict: String, Sendable, Equatable, CaseIterable, Comparable {
    case ok = "OK"
    case blind = "BLIND"
    case dark = "DARK"
    case stopped = "STOPPED"
    case silent = "SILENT"
    case off = "OFF"
    case unknown = "UNKNOWN"

    /// Verdicts `trailgrid check` fails on unless told otherwise.
    public static let failingByDefault: Set<Verdict> = [.blind, .dark, .stopped]

    /// A glyph that stays distinguishable without color.
    public var glyph: Character {
        switch self {
        case .ok: return "."
        case .blind: return "B"
        case .dark: return "D"
        case .stopped: return "X"
        case .silent: return "S"
        case .off: return "-"
        case .unknown: return "?"
        }
    }

    public var meaning: String {
        switch self {
        case .ok: return "logging and every watch forwarded"
        case .blind: return "logging, but some watch is not forwarded"
        case .dark: return "no trail: nothing reaches EventBridge"
        case .stopped: return "trail exists but is not logging"
        case .silent: return "configured, yet no real-time event while the trail shows activity"
        case .off: return "region not enabled (or account inactive)"
        case .unknown: return "no inventory for it"
        }
    }

    private var order: Int {
        switch self {
        case .stopped: return 0
        case .dark: return 1
        case .blind: return 2
        case .silent: return 3
        case .unknown: return 4
        case .ok: return 5
        case .off: return 6
        }
    }

    /// Worst first.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.order < rhs.order }
}
