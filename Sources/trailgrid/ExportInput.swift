import ArgumentParser
import TrailGridCore

/// What `trailgrid export` reads: the inventory, then every event of the
/// feeds applied to the coverage model (so a report reflects what the feeds
/// showed), keeping the events that matched a watch when they are exported.
struct ExportInput {
    var model: CoverageModel
    /// Matched events in the order read, one per eventID, with the names of their watches.
    var matched: [(event: CloudTrailEvent, watches: [String])] = []

    static func load(
        inventory: String?, events: [String], watches: [Watch], options: CoverageOptions, keepMatched: Bool
    ) async throws -> ExportInput {
        let inventoryValue = try loadInventory(inventory)
        var input = ExportInput(model: CoverageModel(inventory: inventoryValue, watches: watches, options: options))
        guard !events.isEmpty else { return input }

        let matcher = WatchMatcher(watches: watches)
        let ingester: Ingester
        do {
            // Read once to the end (not followed), parsing only what the watches read.
            var options = IngestOptions()
            options.keepRejects(in: nil)
            ingester = try Ingester(paths: events, options: options, matcher: matcher)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let reader = Task { await ingester.run() }
        var counters = IngestCounters()
        var exported = Set<String>()
        for await batch in ingester.batches {
            input.model.apply(batch.events)
            if keepMatched {
                // One row per event, like the dashboard's feed: the copy read first (the
                // other channel's copy of the same eventID is proof of forwarding, not a second event).
                for item in batch.events where !item.watchMatches.isEmpty && exported.insert(item.event.eventID).inserted {
                    input.matched.append((item.event, matcher.names(item.watchMatches)))
                }
            }
            counters = batch.counters
        }
        await reader.value
        for warning in ingester.warnings { StandardStreams.error("trailgrid: warning: \(warning)") }
        if counters.rejected > 0 {
            StandardStreams.error("trailgrid: warning: \(counters.rejected) records rejected: \(counters.rejectionBreakdown)")
        }
        return input
    }
}
