/// One change applied to the model from an event, kept for the cell's detail view.
public struct TimelineEntry: Sendable, Equatable {
    /// eventTime in ms, when it parsed.
    public var timestamp: Int64?
    public var eventTime: String
    public var eventName: String
    public var eventID: String
    public var principal: String
    public var channel: Channel
    /// What changed, in words ("trail org-trail stopped logging").
    public var summary: String

    public init(event: CloudTrailEvent, summary: String) {
        timestamp = event.timestamp
        eventTime = event.eventTime
        eventName = event.eventName
        eventID = event.eventID
        principal = event.principal
        channel = event.channel
        self.summary = summary
    }
}

/// A change `CoverageModel.apply` made, and the cell it is filed under.
public struct CoverageChange: Sendable, Equatable {
    public var cell: CellKey
    public var entry: TimelineEntry
    /// False when the call did not change the model: superseded by a newer
    /// inventory or a newer call (events arrive out of order across
    /// channels), or with nothing to act on. Recorded all the same.
    public var applied: Bool

    public init(cell: CellKey, entry: TimelineEntry, applied: Bool = true) {
        self.cell = cell
        self.entry = entry
        self.applied = applied
    }
}
