import TrailGridCore

/// One row of the live feed: an event that matched a watch, or that changed
/// the coverage model (flagged).
public struct FeedEntry: Sendable, Equatable, Identifiable {
    /// Channel and event id: the same event seen on both channels is two rows.
    public var id: String
    public var event: CloudTrailEvent
    /// Indices into the state's watches.
    public var watches: [Int]
    /// The event changed the coverage model (StopLogging, DeleteRule…).
    public var changedCoverage: Bool
    /// Order of arrival, for stable sorting.
    public var sequence: Int

    public init(event: CloudTrailEvent, watches: [Int], changedCoverage: Bool, sequence: Int) {
        self.id = event.channel.rawValue + ":" + event.eventID
        self.event = event
        self.watches = watches
        self.changedCoverage = changedCoverage
        self.sequence = sequence
    }
}
