/// Matches events against every watch at once: each event is flattened a
/// single time and the compiled `PatternSet` (indexed by exact values such
/// as `source` and `detail.eventName`) evaluates all watches on it.
public struct WatchMatcher: Sendable {
    public let watches: [Watch]
    private let set: PatternSet

    /// What a decoder must keep of each record for `classifier` and the
    /// normalizer (see `FeedDecoder.documentPaths(reading:)`).
    public let documentPaths: FlatPaths

    public init(watches: [Watch]) {
        self.watches = watches
        self.set = PatternSet(watches.map(\.pattern))
        self.documentPaths = FeedDecoder.documentPaths(reading: set.pathNames)
    }

    /// Indices into `watches` of those matching the event's EventBridge document.
    public func matches(_ document: JSONValue) -> [Int] {
        set.matches(document)
    }

    /// A classifier for the ingester, run while the parsed document is at hand.
    public var classifier: EventClassifier {
        let matcher = self
        return { decoded in matcher.matches(decoded.document) }
    }

    public func names(_ indices: [Int]) -> [String] {
        indices.map { watches[$0].name }
    }
}
