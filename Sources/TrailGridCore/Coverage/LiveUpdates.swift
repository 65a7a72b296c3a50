extension CoverageModel {
    /// The calls that change coverage (DESIGN §2, "Live updates").
    public static let managementEventNames: Set<String> = [
        "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors",
        "PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets",
        "CreateEventBus", "DeleteEventBus", "PutPermission", "RemovePermission",
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
        guard let change = applyManagement(call) else { return [] }
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

    /// The resource a call changes and the cell its change is filed under;
    /// nil for calls that change nothing trailgrid models.
    static func target(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        switch call.event.eventSource {
        case "cloudtrail.amazonaws.com": return trailTarget(of: call)
        case "events.amazonaws.com": return ruleTarget(of: call) ?? busTarget(of: call)
        case "account.amazonaws.com": return regionTarget(of: call)
        case "organizations.amazonaws.com": return accountTarget(of: call)
        default: return nil
        }
    }
}

/// A successful management call's parameters and response.
struct ManagementCall: Sendable {
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
