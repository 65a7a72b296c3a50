/// What one batch (or one acknowledgement) taught the dashboard that a
/// restart must not forget. The dashboard builds it after the reducer has
/// applied the batch, and a state store commits it in one transaction with
/// the feed positions that produced it (DESIGN §9): a restart then resumes
/// from positions whose every effect is already stored, never from ones
/// whose effects were lost.
public struct StateDelta: Sendable, Equatable {
    /// Coverage-changing events taken into the model (applied or superseded),
    /// in the order they were applied: replaying them rebuilds the model.
    public var facts: [StoredFact] = []
    /// Cells the feeds showed for the first time, with when (`arrival`).
    public var cellsSeen: [StoredCellSighting] = []
    /// The evidence of every cell the batch touched, as it now stands.
    public var evidence: [CellKey: StoredEvidence] = [:]
    /// Feed rows added or changed (a second channel's copy arrived).
    public var feedRows: [StoredFeedRow] = []
    /// Incidents opened or acknowledged.
    public var incidents: [Incident] = []
    /// Events applied to the model so far, after this delta.
    public var arrivals: Int = 0
    public var counters: IngestCounters?
    /// Feed positions just after the batch; nil for a delta no feed produced.
    public var checkpoint: Checkpoint?
    /// What the duplicate window took in with the batch.
    public var dedupeAdded: [UInt64] = []

    public init() {}

    public var isEmpty: Bool {
        facts.isEmpty && cellsSeen.isEmpty && evidence.isEmpty && feedRows.isEmpty && incidents.isEmpty
            && counters == nil && checkpoint == nil && dedupeAdded.isEmpty
    }
}

/// A coverage-changing event as stored: its original record, decoded again on restart.
public struct StoredFact: Sendable, Equatable {
    /// Its place among every event the model took (see `StateDelta.arrivals`).
    public var arrival: Int
    public var event: CloudTrailEvent

    public init(arrival: Int, event: CloudTrailEvent) {
        self.arrival = arrival
        self.event = event
    }
}

/// A cell first seen in the feeds: its account joins the grid then, so
/// restoring sightings and facts in arrival order rebuilds the grid's rows
/// in the order an uninterrupted run had them.
public struct StoredCellSighting: Sendable, Equatable {
    public var cell: CellKey
    public var arrival: Int

    public init(cell: CellKey, arrival: Int) {
        self.cell = cell
        self.arrival = arrival
    }
}

/// A cell's channel evidence with watches by name (`WatchNames`).
public struct StoredEvidence: Sendable, Equatable {
    public var lastRealtime: Int64?
    public var lastTrail: Int64?
    public var realtimeCount: Int
    public var trailCount: Int
    public var forwardedWatches: [String]
    public var unanswered: [Int64]

    public init(lastRealtime: Int64?, lastTrail: Int64?, realtimeCount: Int, trailCount: Int,
                forwardedWatches: [String], unanswered: [Int64]) {
        self.lastRealtime = lastRealtime
        self.lastTrail = lastTrail
        self.realtimeCount = realtimeCount
        self.trailCount = trailCount
        self.forwardedWatches = forwardedWatches
        self.unanswered = unanswered
    }

    public init(_ evidence: ChannelEvidence, watches: WatchNames) {
        self.init(lastRealtime: evidence.lastRealtime, lastTrail: evidence.lastTrail,
                  realtimeCount: evidence.realtimeCount, trailCount: evidence.trailCount,
                  forwardedWatches: watches.names(of: evidence.forwardedWatches.sorted()), unanswered: evidence.unanswered)
    }

    public func evidence(watches: WatchNames) -> ChannelEvidence {
        ChannelEvidence(lastRealtime: lastRealtime, lastTrail: lastTrail, realtimeCount: realtimeCount, trailCount: trailCount,
                        forwardedWatches: Set(watches.indices(of: forwardedWatches)), unanswered: unanswered)
    }
}

/// A row of the live feed as stored.
public struct StoredFeedRow: Sendable, Equatable {
    /// The row's place in the feed (arrival order).
    public var sequence: Int
    /// The first copy that arrived.
    public var event: CloudTrailEvent
    public var channels: Set<Channel>
    public var watches: [String]
    public var changedCoverage: Bool

    public init(sequence: Int, event: CloudTrailEvent, channels: Set<Channel>, watches: [String], changedCoverage: Bool) {
        self.sequence = sequence
        self.event = event
        self.channels = channels
        self.watches = watches
        self.changedCoverage = changedCoverage
    }
}
