import TrailGridCore

/// A restarted dashboard picks up where the last one stopped: the feed, the
/// incidents and the counters a state store kept (the coverage model is
/// restored before the state is made, see `CoverageModel.restore`).
extension DashboardState {
    /// - Parameter feed: stored rows, oldest first.
    public mutating func restore(feed rows: [StoredFeedRow], incidents: [Incident], counters: IngestCounters?, arrivals: Int) {
        let names = WatchNames(watches.map(\.name))
        let entries = rows.suffix(feedCapacity).reversed().map { row -> FeedEntry in
            var entry = FeedEntry(event: row.event, watches: names.indices(of: row.watches),
                                  changedCoverage: row.changedCoverage, sequence: row.sequence)
            entry.channels = row.channels
            return entry
        }
        feed = Array(entries)
        feedIDs = Set(feed.map(\.id))
        nextSequence = max(nextSequence, (rows.last?.sequence ?? -1) + 1)
        self.incidents = incidents
        refreshIncidentCells()
        if let counters { self.counters = counters }
        self.arrivals = arrivals
        refreshReports()
    }
}
