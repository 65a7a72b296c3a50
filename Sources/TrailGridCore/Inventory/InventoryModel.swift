/// One account × region of the grid.
public struct CellKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var account: String
    public var region: String

    public init(account: String, region: String) {
        self.account = account
        self.region = region
    }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        (lhs.account, lhs.region) < (rhs.account, rhs.region)
    }

    public var description: String { "\(account)/\(region)" }
}

/// An organization account as `organizations list-accounts` describes it.
public struct AccountInfo: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var arn: String?
    /// `State` (or the older `Status`): ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED;
    /// trailgrid adds REMOVED for an account that left the organization.
    public var state: String?
    /// Listed by the organization (accounts.json or an organizations event):
    /// organization trails cover it. nil for accounts known only from their
    /// directory or from events.
    public var inOrganization: Bool?

    public init(id: String, name: String? = nil, arn: String? = nil, state: String? = nil, inOrganization: Bool? = nil) {
        self.id = id
        self.name = name
        self.arn = arn
        self.state = state
        self.inOrganization = inOrganization
    }

    /// Suspended, closed and departed accounts cannot be used to make calls
    /// that this organization would need to see.
    public var isInactive: Bool {
        guard let state else { return false }
        return ["SUSPENDED", "CLOSED", "REMOVED"].contains(state)
    }

    /// This account as `newer` describes it, keeping what `newer` does not say.
    public func updated(with newer: AccountInfo) -> AccountInfo {
        var merged = newer
        merged.name = newer.name ?? name
        merged.arn = newer.arn ?? arn
        merged.state = newer.state ?? state
        merged.inOrganization = newer.inOrganization ?? inOrganization
        return merged
    }

    /// The ARN partition of the account (`aws` unless its ARN says otherwise).
    public var partition: String {
        guard let arn, arn.hasPrefix("arn:") else { return "aws" }
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count > 1 && !fields[1].isEmpty ? String(fields[1]) : "aws"
    }
}

/// Whether an account may use a region, with the word AWS gave.
public struct RegionStatus: Sendable, Equatable {
    public var enabled: Bool
    /// `opt-in-not-required`, `opted-in`, `not-opted-in`, `ENABLED`, `ENABLED_BY_DEFAULT`, `DISABLED`…
    public var status: String

    public init(enabled: Bool, status: String) {
        self.enabled = enabled
        self.status = status
    }

    /// Reads either spelling: ec2 describe-regions' `OptInStatus` or account
    /// list-regions' `RegionOptStatus`. ENABLING and DISABLING count as
    /// enabled: until AWS finishes, calls there may still happen.
    public init?(status: String) {
        switch status {
        case "opt-in-not-required", "opted-in", "ENABLED", "ENABLED_BY_DEFAULT", "ENABLING", "DISABLING":
            self.init(enabled: true, status: status)
        case "not-opted-in", "DISABLED":
            self.init(enabled: false, status: status)
        default:
            return nil
        }
    }
}

/// A CloudTrail trail, identified by its ARN: names repeat across regions
/// and accounts, and shadow copies of a multi-region or organization trail
/// are listed in every region under the same ARN.
public struct TrailInfo: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var homeRegion: String
    /// The account that owns the trail (from its ARN): the management
    /// account for an organization trail.
    public var ownerAccount: String
    public var isMultiRegion: Bool
    public var isOrganization: Bool
    public var includeGlobalServiceEvents: Bool
    /// nil: no status file (unknown).
    public var isLogging: Bool?
    /// Which management events it records; nil: selectors unknown.
    public var capture: ManagementCapture?

    public init(
        arn: String, name: String, homeRegion: String, ownerAccount: String, isMultiRegion: Bool = false,
        isOrganization: Bool = false, includeGlobalServiceEvents: Bool = true, isLogging: Bool? = nil,
        capture: ManagementCapture? = .all
    ) {
        self.arn = arn
        self.name = name
        self.homeRegion = homeRegion
        self.ownerAccount = ownerAccount
        self.isMultiRegion = isMultiRegion
        self.isOrganization = isOrganization
        self.includeGlobalServiceEvents = includeGlobalServiceEvents
        self.isLogging = isLogging
        self.capture = capture
    }

    /// A phrase for reasons: `trail org-trail (organization, multi-region, home us-east-1)`.
    public var label: String {
        var kinds: [String] = []
        if isOrganization { kinds.append("organization") }
        kinds.append(isMultiRegion ? "multi-region" : "regional")
        return "trail \(name) (\(kinds.joined(separator: ", ")), home \(homeRegion))"
    }
}

/// The parts of a CloudTrail trail ARN: `arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME`.
public struct TrailARN: Sendable, Equatable {
    public var partition: String
    public var region: String
    public var account: String
    public var name: String

    public init?(_ arn: String) {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "cloudtrail", fields[5].hasPrefix("trail/") else { return nil }
        partition = String(fields[1])
        region = String(fields[3])
        account = String(fields[4])
        name = String(fields[5].dropFirst("trail/".count))
        guard !region.isEmpty, !account.isEmpty, !name.isEmpty else { return nil }
    }

    public static func make(name: String, account: String, region: String) -> String {
        "arn:\(AWSRegions.partition(of: region)):cloudtrail:\(region):\(account):trail/\(name)"
    }
}

/// An EventBridge rule's state, which decides what it receives.
public enum RuleState: Sendable, Equatable, CustomStringConvertible {
    /// Receives mutating CloudTrail management events, not read-only ones.
    case enabled
    /// Receives read-only management events too.
    case enabledWithAllManagementEvents
    case disabled
    case other(String)

    public init(_ text: String) {
        switch text {
        case "ENABLED": self = .enabled
        case "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS": self = .enabledWithAllManagementEvents
        case "DISABLED": self = .disabled
        default: self = .other(text)
        }
    }

    public var description: String {
        switch self {
        case .enabled: return "ENABLED"
        case .enabledWithAllManagementEvents: return "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
        case .disabled: return "DISABLED"
        case .other(let text): return text
        }
    }

    public var isEnabled: Bool { self == .enabled || self == .enabledWithAllManagementEvents }
}

/// A target of a rule, kept by id because `RemoveTargets` names only ids.
public struct RuleTarget: Sendable, Equatable {
    public var id: String
    public var arn: String
    /// The execution role EventBridge assumes to deliver; without one,
    /// targets that need a role receive nothing (`SinkKind.needsRole`).
    public var roleArn: String?

    public init(id: String, arn: String, roleArn: String? = nil) {
        self.id = id
        self.arn = arn
        self.roleArn = roleArn
    }
}

/// An EventBridge rule on an event bus: the default bus of an account and
/// region (the only bus CloudTrail delivers to), or a bus events are
/// forwarded to.
public struct EventRule: Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var state: RuleState
    /// The pattern text; nil for schedule rules.
    public var pattern: String?
    /// nil: the targets file is missing (unknown).
    public var targets: [RuleTarget]?

    public init(name: String, arn: String? = nil, state: RuleState, pattern: String?, targets: [RuleTarget]? = []) {
        self.name = name
        self.arn = arn
        self.state = state
        self.pattern = pattern
        self.targets = targets
    }
}

/// A file of the inventory that could not be used, and why: the same
/// path-and-reason shape as any other file problem.
public typealias InventoryIssue = FileError
