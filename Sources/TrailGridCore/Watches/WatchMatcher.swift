/// Matches events against every watch at once: each event is flattened a
/// single time (by the decoder, for `documentPaths`) and the compiled
/// `PatternSet` (indexed by exact values such as `source` and
/// `detail.eventName`) evaluates all watches on it.
public struct WatchMatcher: Sendable {
    public let watches: [Watch]
    private let set: PatternSet

    /// What a decoder must keep of each record for `classifier` and the
    /// normalizer (see `FeedDecoder.documentPaths(reading:)`).
    public let documentPaths: FlatPaths
    /// For a trail record (flattened from its top): the slot each of its
    /// slots has under `detail.` of the envelope EventBridge would build, or -1.
    private let slotInEnvelope: [Int32]
    /// The envelope fields EventBridge would set on a trail record, by slot.
    private let synthesized: (version: Int32, id: Int32, detailType: Int32, source: Int32, account: Int32, time: Int32, region: Int32)

    public init(watches: [Watch]) {
        self.watches = watches
        let patterns = watches.map(\.pattern)
        let paths = FeedDecoder.documentPaths(reading: PatternSet.pathNames(of: patterns))
        self.documentPaths = paths
        self.set = PatternSet(patterns, paths: paths)
        self.slotInEnvelope = paths.slotPaths.map { Int32(paths.slot(ofPath: "detail." + $0) ?? -1) }
        func slot(_ path: String) -> Int32 { Int32(paths.slot(ofPath: path) ?? -1) }
        self.synthesized = (slot("version"), slot("id"), slot("detail-type"), slot("source"), slot("account"), slot("time"), slot("region"))
    }

    /// Indices into `watches` of those matching an EventBridge document.
    public func matches(_ document: JSONValue) -> [Int] {
        set.matches(document)
    }

    /// Indices into `watches` of those matching a decoded event.
    public func matches(_ decoded: DecodedEvent) -> [Int] {
        if decoded.pathsFingerprint != documentPaths.fingerprint {
            // Decoded for other paths (a decoder not set up for this matcher): read the record again.
            guard let again = try? JSONParser.flatten(decoded.event.raw, paths: documentPaths) else { return [] }
            return matches(again, of: decoded.event)
        }
        // Not through a local copy of `fields`, which retained its arrays for every event.
        return matches(decoded.fields, of: decoded.event)
    }

    private func matches(_ fields: FlatEvent, of event: CloudTrailEvent) -> [Int] {
        switch event.channel {
        case .realtime: set.matches(fields)
        case .trail: set.matches(envelope(of: fields, event: event))
        }
    }

    /// A CloudTrail record's leaves filed as under the envelope EventBridge
    /// builds for it (`detail` = the record), with the envelope's own fields,
    /// so one pattern matches events from either channel the same way.
    private func envelope(of record: FlatEvent, event: CloudTrailEvent) -> FlatEvent {
        var envelope = FlatEvent()
        envelope.bytes = record.bytes
        envelope.positions = record.positions
        envelope.nextArray = record.nextArray
        for leaf in record.leaves {
            let slot = slotInEnvelope[Int(leaf.slot)]
            if slot >= 0 { envelope.append(leaf, slot: slot) }
        }
        func set(_ slot: Int32, _ text: String) {
            if slot >= 0 { envelope.append(.string(text), slot: slot, positions: []) }
        }
        set(synthesized.version, "0")
        set(synthesized.id, event.eventID)
        set(synthesized.detailType, event.detailType)
        set(synthesized.source, DetailType.source(forEventSource: event.eventSource))
        set(synthesized.account, event.account)
        set(synthesized.time, event.eventTime)
        set(synthesized.region, event.awsRegion)
        return envelope
    }

    /// A classifier for the ingester, run while the flattened document is at hand.
    public var classifier: EventClassifier {
        let matcher = self
        return { decoded in matcher.matches(decoded) }
    }

    public func names(_ indices: [Int]) -> [String] {
        indices.map { watches[$0].name }
    }
}
