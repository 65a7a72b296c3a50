import TrailGridCore

/// One row of the live feed: an event that matched a watch, or that changed
/// the coverage model (flagged).
public struct FeedEntry: Sendable, Equatable, Identifiable {
    /// The CloudTrail event id: the same event seen on both channels is one
    /// row, which records both channels.
    public var id: String
    /// The first copy that arrived (its original record is what exports write).
    public var event: CloudTrailEvent
    /// Channels the event was seen on.
    public var channels: Set<Channel>
    /// Indices into the state's watches.
    public var watches: [Int]
    /// The event changed the coverage model (StopLogging, DeleteRule…).
    public var changedCoverage: Bool
    /// Order of arrival, for stable sorting.
    public var sequence: Int

    public init(event: CloudTrailEvent, watches: [Int], changedCoverage: Bool, sequence: Int) {
        self.id = event.eventID
        self.event = event
        self.channels = [event.channel]
        self.watches = watches
        self.changedCoverage = changedCoverage
        self.sequence = sequence
    }
}
