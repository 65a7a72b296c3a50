/// How urgent a watch's matches are.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, low, medium, high, critical

    var rank: Int {
        switch self {
        case .info: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Which regions a watch's events can occur in.
public enum WatchRegions: Sendable, Equatable {
    /// Regional services: every enabled region needs a rule.
    case every
    /// Global services (IAM, Organizations) record their events in these
    /// regions only (us-east-1), so only those cells need a rule for the watch.
    case only([String])

    public func includes(_ region: String) -> Bool {
        switch self {
        case .every: return true
        case .only(let regions): return regions.contains(region)
        }
    }
}

/// Something a security team wants to be alerted about: an EventBridge
/// pattern, plus probe events the pattern must match.
///
/// The probes do double duty: they prove the watch's own pattern is right
/// (`trailgrid watches --check`), and the coverage engine asks, for each
/// cell, whether a deployed rule's pattern matches *every* probe placed in
/// that cell's account and region — the only honest test of "would my rule
/// forward this".
public struct Watch: Sendable {
    public var name: String
    public var severity: Severity
    public var description: String
    public var pattern: EventPattern
    /// EventBridge events (envelopes, possibly partial) the pattern must match.
    public var probes: [JSONValue]
    public var regions: WatchRegions
    public var isBuiltIn: Bool

    public init(
        name: String, severity: Severity, description: String, pattern: EventPattern, probes: [JSONValue],
        regions: WatchRegions = .every, isBuiltIn: Bool = false
    ) {
        self.name = name
        self.severity = severity
        self.description = description
        self.pattern = pattern
        self.probes = probes
        self.regions = regions
        self.isBuiltIn = isBuiltIn
    }

    /// Whether some probe is a read-only call: EventBridge delivers those only
    /// to rules in state `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
    public var needsReadOnlyEvents: Bool {
        probes.contains { $0["detail"]?["readOnly"] == .bool(true) }
    }

    /// A probe placed in `account` and `region`, as the event of a call made
    /// there would be (envelope and CloudTrail record agree).
    public static func place(_ probe: JSONValue, account: String, region: String) -> JSONValue {
        guard case .object(var members) = probe else { return probe }
        func set(_ key: String, _ value: JSONValue, in members: inout [JSONMember]) {
            members.removeAll { $0.key == key }
            members.append(JSONMember(key, value))
        }
        set("account", .string(account), in: &members)
        set("region", .string(region), in: &members)
        if let index = members.lastIndex(where: { $0.key == "detail" }), case .object(var detail) = members[index].value {
            set("awsRegion", .string(region), in: &detail)
            set("recipientAccountId", .string(account), in: &detail)
            members[index].value = .object(detail)
        }
        return .object(members)
    }
}
