/// What the event feeds say about a cell, independent of the inventory.
///
/// A call that a watch cares about shows up on the trail channel (log files,
/// 5–15 minutes late) whether or not a rule forwards it; on the realtime
/// channel only if one does. Times are the events' own `eventTime`, so the
/// comparison does not depend on when either copy arrived.
public struct ChannelEvidence: Sendable, Equatable {
    /// Latest eventTime (ms) of a realtime-channel event from the cell.
    public var lastRealtime: Int64?
    /// Latest eventTime (ms) of a trail-channel event from the cell.
    public var lastTrail: Int64?
    public var realtimeCount = 0
    public var trailCount = 0
    /// Indices of watches matched by realtime events: proof that a rule forwards them.
    public var forwardedWatches: Set<Int> = []
    /// eventTimes of watch-matching trail-channel events with no realtime
    /// event at or after them yet, oldest first (bounded).
    public private(set) var unanswered: [Int64] = []

    static let unansweredLimit = 64

    public init() {}

    /// Evidence as a state store kept it, so a restarted dashboard judges
    /// silence exactly as the one before it did.
    public init(lastRealtime: Int64?, lastTrail: Int64?, realtimeCount: Int, trailCount: Int,
                forwardedWatches: Set<Int>, unanswered: [Int64]) {
        self.lastRealtime = lastRealtime
        self.lastTrail = lastTrail
        self.realtimeCount = realtimeCount
        self.trailCount = trailCount
        self.forwardedWatches = forwardedWatches
        self.unanswered = Array(unanswered.sorted().prefix(Self.unansweredLimit))
    }

    mutating func noteTrail(at time: Int64, matchesWatch: Bool) {
        trailCount += 1
        lastTrail = max(lastTrail ?? time, time)
        guard matchesWatch else { return }
        if let lastRealtime, lastRealtime >= time { return }
        let index = unanswered.firstIndex { $0 > time } ?? unanswered.endIndex
        unanswered.insert(time, at: index)
        // Keep the oldest and the newest; the middle matters least.
        if unanswered.count > Self.unansweredLimit { unanswered.remove(at: Self.unansweredLimit / 2) }
    }

    mutating func noteRealtime(at time: Int64, watches: [Int]) {
        realtimeCount += 1
        lastRealtime = max(lastRealtime ?? time, time)
        forwardedWatches.formUnion(watches)
        unanswered.removeAll { $0 <= time }
    }

    /// The eventTime of the oldest trail-channel call that no realtime event
    /// followed within `window` (ms), as of `now`.
    public func silentSince(now: Int64, window: Int64) -> Int64? {
        guard let oldest = unanswered.first, oldest + window <= now else { return nil }
        return oldest
    }
}
