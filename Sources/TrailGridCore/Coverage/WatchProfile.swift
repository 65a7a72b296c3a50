/// A watch with what the coverage engine needs to know about each probe
/// without re-reading it: whether it is read-only, and where CloudTrail
/// records it.
public struct WatchProfile: Sendable {
    public var watch: Watch
    public var probes: [ProbeFacts]

    public init(_ watch: Watch) {
        self.watch = watch
        probes = watch.probes.map(ProbeFacts.init)
    }

    public var name: String { watch.name }

    /// Whether the watch asks anything of a cell in `region`: its own scope
    /// includes the region and some probe's event is recorded there.
    public func applies(in region: String) -> Bool {
        watch.regions.includes(region) && probes.contains { $0.regions.includes(region) }
    }
}

/// The CloudTrail properties of one probe event.
public struct ProbeFacts: Sendable, Equatable {
    public var eventName: String
    public var eventSource: String
    public var eventType: String
    /// EventBridge delivers read-only calls only to rules in state
    /// ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
    public var readOnly: Bool
    /// Recorded only by trails that include global service events.
    public var isGlobalService: Bool
    /// Where CloudTrail records the event (`EventRecordingRegions`): the
    /// probe is demanded of these regions' cells only.
    public var regions: WatchRegions

    public init(_ probe: JSONValue) {
        let detail = probe["detail"]
        let source = detail?["eventSource"]?.stringValue
            ?? probe["source"]?.stringValue.map { $0.hasPrefix("aws.") ? String($0.dropFirst(4)) + ".amazonaws.com" : $0 }
            ?? ""
        eventName = detail?["eventName"]?.stringValue ?? "(unnamed)"
        eventSource = source
        let detailType = probe["detail-type"]?.stringValue ?? DetailType.apiCall
        eventType = detail?["eventType"]?.stringValue
            ?? (detailType == DetailType.apiCall ? "AwsApiCall" : "AwsConsoleSignIn")
        // Only API calls are subject to the read-only restriction; sign-in events are not calls.
        readOnly = detail?["readOnly"] == .bool(true) && eventType == "AwsApiCall"
        isGlobalService = AWSRegions.globalEventSources.contains(source)
        regions = EventRecordingRegions.regions(eventSource: source, eventName: eventName,
                                                identityType: detail?["userIdentity"]?["type"]?.stringValue)
    }
}
