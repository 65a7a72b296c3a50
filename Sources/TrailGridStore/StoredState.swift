import TrailGridCore

/// Everything a state file holds, as a restarted dashboard needs it.
public struct StoredState: Sendable {
    /// The inputs the file was kept for (see `StateStore.open`).
    public var inputs: String?
    /// Feed positions after the last committed batch.
    public var checkpoint = Checkpoint()
    /// The duplicate window's entries when that checkpoint was taken, oldest first.
    public var dedupe: [UInt64] = []
    public var counters: IngestCounters?
    /// Events the model had taken when the last batch was committed.
    public var arrivals = 0
    public var facts: [StoredFact] = []
    /// Stored facts whose record no longer decodes (reported, not replayed).
    public var unreadableFacts = 0
    public var sightings: [StoredCellSighting] = []
    public var evidence: [CellKey: StoredEvidence] = [:]
    /// The newest feed rows, oldest first.
    public var feed: [StoredFeedRow] = []
    public var unreadableEvents = 0
    /// In the order they were opened.
    public var incidents: [Incident] = []
    /// Matched events kept, and those aged out of the retention window so far.
    public var storedEvents = 0
    public var agedOut = 0

    public init() {}

    /// The next feed sequence number to give.
    public var nextSequence: Int { (feed.last?.sequence ?? -1) + 1 }
}
