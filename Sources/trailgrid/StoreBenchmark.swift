import Foundation
import TrailGridCore
import TrailGridStore
import TrailGridUI

/// The state store's cost (DESIGN §9, issue 14): the dashboard's ingest
/// pipeline — the ingester, the reducer, and with the store on, each
/// batch's delta committed on the writer task behind the same two-batch
/// gate as `watch` — over one demo feed, with the store off and on in
/// alternating rounds of one run, so that the ratio is the store's alone.
enum StoreBenchmark {
    static func run(events count: Int, runs: Int, log: (String) -> Void) async -> BenchReport.Store? {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-store-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let feeds = root + "/feeds"
        try? FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: true)
        log("store: writing \(count) demo events")
        guard let writer = try? DemoFeedWriter(organization: DemoOrganization(seed: 5), directory: feeds, seed: 5, linesPerFile: 20_000)
        else { return nil }
        await writer.burst(count, now: wallClockMilliseconds())
        var off: [Double] = [], on: [Double] = []
        var bytes = 0
        for round in 0..<runs {
            log("store: round \(round + 1) of \(runs)")
            guard let memoryOnly = await pipeline(feeds: feeds, state: nil) else { return nil }
            let state = root + "/state-\(round).sqlite"
            guard let stored = await pipeline(feeds: feeds, state: state) else { return nil }
            off.append(memoryOnly.seconds)
            on.append(stored.seconds)
            bytes = fileSize(state) + fileSize(state + "-wal")
            for suffix in ["", "-wal", "-shm", "-lock"] { try? FileManager.default.removeItem(atPath: state + suffix) }
            if memoryOnly.events != stored.events { log("store: the two pipelines read different counts") }
        }
        return BenchReport.Store(events: count, secondsOff: RenderBenchmark.median(off), secondsOn: RenderBenchmark.median(on),
                                 stateBytes: bytes)
    }

    /// Reads the whole feed through the dashboard's pipeline; returns the
    /// wall time until the last batch was reduced (and, with a store, committed).
    static func pipeline(feeds: String, state: String?) async -> (seconds: Double, events: Int)? {
        let store = state.flatMap { try? StateStore.open(path: $0, inputs: "bench") }
        if state != nil && store == nil { return nil }
        var options = IngestOptions()
        options.journalsDedupe = store != nil
        let watches = BuiltInWatches.all
        guard let ingester = try? Ingester(paths: [feeds], options: options, matcher: WatchMatcher(watches: watches)) else { return nil }
        let started = ContinuousClock.now
        var dashboard = DashboardState(coverage: CoverageModel(watches: watches), watches: watches, organization: "bench",
                                       now: wallClockMilliseconds(), size: RenderBenchmark.size)
        dashboard.remembers = store != nil
        let gate = BatchGate(limit: DashboardRunner.batchesInFlight)
        let (deltas, sink) = AsyncStream<StateDelta>.makeStream()
        let committer = Task {
            for await delta in deltas {
                try? store?.commit(delta, now: wallClockMilliseconds())
                gate.release()
            }
        }
        let reader = Task { await ingester.run() }
        var accepted = 0
        for await batch in ingester.batches {
            await gate.acquire()
            let effects = DashboardReducer.reduce(&dashboard, .ingested(batch.events, batch.counters))
            accepted = batch.counters.accepted
            if store == nil {
                gate.release()
                continue
            }
            sink.yield(DashboardProgram.delta(of: batch, reduced: effects))
        }
        sink.finish()
        await committer.value
        await reader.value
        return (RenderBenchmark.milliseconds(ContinuousClock.now - started) / 1000, accepted)
    }

    static func fileSize(_ path: String) -> Int {
        (try? fileStatus(path).get().size) ?? 0
    }
}
