extension CoverageModel {
    /// The calls that change coverage (DESIGN §2, "Live updates").
    public static let managementEventNames: Set<String> = [
        "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors",
        "PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets",
        "EnableRegion", "DisableRegion",
        "CreateAccount", "CreateAccountResult", "CloseAccount", "RemoveAccountFromOrganization", "LeaveOrganization",
    ]

    /// Takes one event into the model: the feed evidence of its cell, and, for
    /// a successful management call, the change it made. Returns the changes
    /// (at most one), each also appended to its cell's timeline.
    ///
    /// - Parameter watchMatches: indices into `watches` of the watches the
    ///   event matched (the ingester's classifier computes them).
    @discardableResult
    public mutating func apply(_ event: CloudTrailEvent, watchMatches: [Int] = []) -> [CoverageChange] {
        guard !event.account.isEmpty, !event.awsRegion.isEmpty else { return [] }
        let cell = CellKey(account: event.account, region: event.awsRegion)
        if inventory.accounts[event.account] == nil { inventory.addAccount(AccountInfo(id: event.account)) }
        cellsSeen.insert(cell)
        if let time = event.timestamp {
            switch event.channel {
            case .realtime: evidence[cell, default: ChannelEvidence()].noteRealtime(at: time, watches: watchMatches)
            case .trail: evidence[cell, default: ChannelEvidence()].noteTrail(at: time, matchesWatch: !watchMatches.isEmpty)
            }
        }
        // A failed call changed nothing.
        guard !event.failed, Self.managementEventNames.contains(event.eventName),
              let record = Self.record(of: event) else { return [] }
        let call = ManagementCall(event: event, record: record)
        let change: CoverageChange?
        switch event.eventSource {
        case "cloudtrail.amazonaws.com": change = applyTrailChange(call)
        case "events.amazonaws.com": change = applyRuleChange(call)
        case "account.amazonaws.com": change = applyRegionChange(call)
        case "organizations.amazonaws.com": change = applyAccountChange(call)
        default: change = nil
        }
        guard let change else { return [] }
        var entries = timelines[change.cell] ?? []
        entries.append(change.entry)
        if entries.count > options.timelineLimit { entries.removeFirst(entries.count - options.timelineLimit) }
        timelines[change.cell] = entries
        return [change]
    }

    /// Applies the events of an ingest batch.
    @discardableResult
    public mutating func apply(_ batch: [IngestedEvent]) -> [CoverageChange] {
        batch.flatMap { apply($0.event, watchMatches: $0.watchMatches) }
    }

    /// The CloudTrail record: the envelope's `detail` on the realtime channel.
    static func record(of event: CloudTrailEvent) -> JSONValue? {
        guard let document = try? JSONParser.parse(event.raw) else { return nil }
        switch event.channel {
        case .realtime: return document["detail"]
        case .trail: return document
        }
    }

    /// Whether a change to `resource` at the event's time is newer than the
    /// last one applied; events reach trailgrid out of order (the trail
    /// channel lags the realtime one by minutes), and an older event must not
    /// undo a newer one.
    mutating func isCurrent(_ resource: String, _ event: CloudTrailEvent) -> Bool {
        guard let time = event.timestamp else { return true }
        if let last = lastChange[resource], time < last { return false }
        lastChange[resource] = time
        return true
    }

    func change(_ cell: CellKey, _ call: ManagementCall, _ summary: String, applied: Bool = true) -> CoverageChange {
        CoverageChange(cell: cell, entry: TimelineEntry(event: call.event, summary: applied ? summary : summary + " (older than the last change: not applied)"),
                       applied: applied)
    }

    mutating func setRegionOverride(_ cell: CellKey, _ status: RegionStatus) {
        if inventory.regions[cell.account] != nil {
            inventory.regions[cell.account]?[cell.region] = status
        } else {
            regionOverrides[cell] = status
        }
    }
}

/// A successful management call's parameters and response.
struct ManagementCall {
    var event: CloudTrailEvent
    var parameters: JSONValue
    var response: JSONValue

    init(event: CloudTrailEvent, record: JSONValue) {
        self.event = event
        parameters = record["requestParameters"] ?? .null
        response = record["responseElements"] ?? .null
        if event.eventName == "CreateAccountResult" {
            response = record["serviceEventDetails"] ?? .null
        }
    }

    var cell: CellKey { CellKey(account: event.account, region: event.awsRegion) }

    func string(_ key: String) -> String? {
        response.member(key)?.stringValue ?? parameters.member(key)?.stringValue
    }

    func bool(_ key: String) -> Bool? {
        response.member(key)?.boolValue ?? parameters.member(key)?.boolValue
    }
}
