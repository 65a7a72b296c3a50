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

/// Whether a watch's events reach a sink from a cell (DESIGN §2): the
/// words for the cell's own rules, then for the hops of the delivery chain
/// behind them. Each failing word says where the chain breaks; the reason
/// beside it names the hop.
public enum RuleCoverage: String, Sendable, Equatable, CaseIterable {
    /// Every hop holds: an enabled rule on the default bus matches every
    /// probe, and its targets (through any buses) reach a sink.
    case forwarding
    /// Every hop inside the inventory holds, but the chain continues at a bus
    /// or account and region that was not collected: not failing, not OK.
    case unverified
    /// A matching enabled rule has no target.
    case noTarget = "no-target"
    /// Only disabled rules match.
    case disabled
    /// A matching rule has targets, but the watch needs read-only events and
    /// the rule's state (on the default bus or a bus further on) is plain ENABLED.
    case readsMissed = "reads-missed"
    /// A target that needs an execution role (Kinesis, Firehose, Step
    /// Functions, API destinations, a bus in another account or region, any
    /// target in another account…) has no `RoleArn`: nothing is delivered.
    case noRole = "no-role"
    /// A target in another account that EventBridge cannot deliver to:
    /// another region, or a kind it delivers to only within one account.
    case unreachable
    /// The target bus's resource policy does not admit the sending account.
    case busRejects = "bus-rejects"
    /// The target bus does not exist (its cell's bus list does not name it).
    case noBus = "no-bus"
    /// The target bus has no enabled rule, in its own region, that matches
    /// the watch and has a target.
    case busNoRule = "bus-no-rule"
    /// A bus target leads back to a bus already on the chain.
    case loop
    /// The chain routes the event from a bus that received it from another
    /// bus on to a third, which EventBridge does not do (`DeliveryChain.maxBuses`).
    case tooLong = "too-long"
    /// Rules exist, none matches.
    case narrow
    /// No rule with an event pattern on the default bus.
    case none
    /// Not known (no rule list for the cell, or a matching rule's targets are unknown).
    case unknown

    /// How bad a probe's outcome is, to pick a watch's word from its probes'
    /// (the worst) and a probe's from its rules and targets (the best): a
    /// chain that breaks further along is closer to working.
    var badness: Int {
        switch self {
        case .forwarding: return 0
        case .unverified: return 1
        case .unknown: return 2
        case .readsMissed: return 3
        case .noRole: return 4
        case .unreachable: return 5
        case .busRejects: return 6
        case .noBus: return 7
        case .busNoRule: return 8
        case .loop: return 9
        case .tooLong: return 10
        case .noTarget: return 11
        case .disabled: return 12
        case .narrow: return 13
        case .none: return 14
        }
    }

    /// Whether the word leaves a logging cell BLIND: every word but
    /// `forwarding` and the two that only say something was not seen.
    public var isFailing: Bool { ![.forwarding, .unverified, .unknown].contains(self) }

    /// Whether the word leaves the cell undecided (UNKNOWN unless something fails).
    public var isUndecided: Bool { self == .unverified || self == .unknown }
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
