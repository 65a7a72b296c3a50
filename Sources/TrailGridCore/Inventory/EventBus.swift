/// An event bus as a rule's target addresses it: an account, a region and a
/// name. Names repeat across accounts and regions (every cell has a bus
/// named `default`), so a bus is never identified by its name alone.
public struct BusKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var cell: CellKey
    public var name: String

    public init(account: String, region: String, name: String) {
        cell = CellKey(account: account, region: region)
        self.name = name
    }

    /// The bus CloudTrail delivers a cell's events to.
    public static func defaultBus(of cell: CellKey) -> BusKey {
        BusKey(account: cell.account, region: cell.region, name: "default")
    }

    public var account: String { cell.account }
    public var region: String { cell.region }
    public var isDefault: Bool { name == "default" }

    public var arn: String {
        "arn:\(AWSRegions.partition(of: region)):events:\(region):\(account):event-bus/\(name)"
    }

    /// A phrase for reasons that names the hop: `central-events (111122223333, eu-west-1)`.
    public var label: String {
        isDefault ? "the default bus (\(account), \(region))" : "\(name) (\(account), \(region))"
    }

    public var description: String { "\(cell)/\(name)" }

    public static func < (lhs: BusKey, rhs: BusKey) -> Bool {
        (lhs.cell, lhs.name) < (rhs.cell, rhs.name)
    }
}

/// One bus of `events list-event-buses`, with what its resource policy says.
public struct EventBus: Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var policy: Policy

    /// A bus's resource policy as listed.
    public enum Policy: Sendable, Equatable {
        /// No `Policy`: the bus admits events from its own account only.
        case none
        case document(BusPolicy)
        /// A `Policy` string that is not a policy trailgrid can read: who it
        /// admits is unknown, never assumed.
        case unreadable(String)
    }

    public init(name: String, arn: String? = nil, policy: Policy = .none) {
        self.name = name
        self.arn = arn
        self.policy = policy
    }
}
