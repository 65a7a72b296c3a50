/// Something a management call changes, identified as the model identifies
/// it: a trail by ARN (names repeat across regions), a rule by its cell and
/// name (on the default bus) or its bus and name, a region by its cell, an
/// account by id.
public enum CoverageResource: Hashable, Sendable {
    case trail(arn: String)
    case rule(CellKey, name: String)
    /// A rule on a bus other than `default`: where forwarded events go on.
    case busRule(BusKey, name: String)
    /// A bus itself: whether it exists, and its resource policy.
    case bus(BusKey)
    case region(CellKey)
    case account(String)

    /// The key of `Inventory.capturedAt` holding the resource's own time.
    public var key: String {
        switch self {
        case .trail(let arn): return "trail:" + arn
        case .rule(let cell, let name): return "rule:\(cell):\(name)"
        case .busRule(let bus, let name): return "busrule:\(bus):\(name)"
        case .bus(let bus): return "bus:\(bus)"
        case .region(let cell): return "region:\(cell)"
        case .account(let id): return "account:" + id
        }
    }
}

/// Keys of `Inventory.capturedAt` for the lists a resource was read from:
/// a trail or rule missing from a list captured after a call is as much a
/// fact as one present in it.
public enum CaptureKey {
    public static let accounts = "accounts"
    public static func regions(_ account: String) -> String { "regions:" + account }
    public static func trailList(_ cell: CellKey) -> String { "trails:\(cell)" }
    public static func ruleList(_ cell: CellKey) -> String { "rules:\(cell)" }
    public static func busRuleList(_ bus: BusKey) -> String { "busrules:\(bus)" }
    public static func busList(_ cell: CellKey) -> String { "buses:\(cell)" }
}

extension Inventory {
    /// The time of what the inventory says about `resource` (ms since 1970):
    /// an event at or before it is already reflected there, or was undone
    /// since. nil when nothing about it was captured.
    public func baseline(of resource: CoverageResource) -> Int64? {
        let own = capturedAt[resource.key]
        let list: Int64?
        switch resource {
        case .trail(let arn):
            list = TrailARN(arn).flatMap { capturedAt[CaptureKey.trailList(CellKey(account: $0.account, region: $0.region))] }
        case .rule(let cell, _):
            list = capturedAt[CaptureKey.ruleList(cell)]
        case .busRule(let bus, _):
            list = capturedAt[CaptureKey.busRuleList(bus)]
        case .bus(let bus):
            list = capturedAt[CaptureKey.busList(bus.cell)]
        case .region(let cell):
            list = capturedAt[CaptureKey.regions(cell.account)]
        case .account:
            list = capturedAt[CaptureKey.accounts]
        }
        switch (own, list) {
        case let (own?, list?): return max(own, list)
        case let (time?, nil), let (nil, time?): return time
        case (nil, nil): return nil
        }
    }

    /// Keeps the latest of the times recorded under `key`: a fact read from
    /// several files is as new as the newest of them.
    mutating func noteCaptured(_ key: String, at time: Int64?) {
        guard let time else { return }
        capturedAt[key] = max(capturedAt[key] ?? time, time)
    }
}
