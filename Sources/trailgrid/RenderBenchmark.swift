import Foundation
import Synchronization
import TrailGridCore
import TrailGridUI

/// The render half of DESIGN §8: a full frame of a 500-account × 34-region
/// organization rendered into the Canvas, and the time from a key press to
/// its frame while the ingester runs at full speed on the other core.
enum RenderBenchmark {
    static let accounts = 500
    static let size = TerminalSize(columns: 200, rows: 60)

    static func run(runs: Int, log: (String) -> Void) async -> BenchReport.Render? {
        log("render: building a \(accounts)-account organization")
        var state = DashboardState(
            coverage: CoverageModel(inventory: organization(), watches: BuiltInWatches.all),
            watches: BuiltInWatches.all, organization: "bench", now: wallClockMilliseconds(), size: size
        )
        // Frame: render only, median of many.
        var frames: [Double] = []
        for _ in 0..<max(20, runs * 20) {
            let start = ContinuousClock.now
            _ = DashboardView.render(state)
            frames.append(milliseconds(ContinuousClock.now - start))
        }
        log("render: key-to-frame while ingesting")
        guard let latency = await keyToFrame(&state) else { return nil }
        return BenchReport.Render(frameMilliseconds: median(frames), keyToFrameMilliseconds: latency)
    }

    /// Keys pressed while batches from a real ingester pour in: each sample is
    /// the time to drain the batches that arrived, handle the key and render.
    static func keyToFrame(_ state: inout DashboardState) async -> Double? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-render-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let organization = DemoOrganization(seed: 3)
        guard let writer = try? DemoFeedWriter(organization: organization, directory: directory, seed: 3, linesPerFile: 20_000) else { return nil }
        await writer.burst(60_000, now: wallClockMilliseconds())
        let matcher = WatchMatcher(watches: BuiltInWatches.all)
        guard let ingester = try? Ingester(paths: [directory], options: IngestOptions(), matcher: matcher) else { return nil }
        let inbox = Inbox()
        let reader = Task { await ingester.run() }
        let forwarder = Task {
            for await batch in ingester.batches { inbox.put(batch) }
            inbox.finish()
        }
        var samples: [Double] = []
        let keys: [Key] = [.char("j"), .char("l"), .char("k"), .char("h")]
        var index = 0
        while !inbox.isFinished || samples.count < 50 {
            let start = ContinuousClock.now
            for batch in inbox.take() {
                _ = DashboardReducer.reduce(&state, .ingested(batch.events, batch.counters))
            }
            _ = DashboardReducer.reduce(&state, .key(keys[index % keys.count]))
            _ = DashboardView.render(state)
            samples.append(milliseconds(ContinuousClock.now - start))
            index += 1
            if samples.count >= 2_000 { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        reader.cancel()
        forwarder.cancel()
        samples.sort()
        // The slow tail is what a person feels: report the 95th percentile.
        return samples[min(samples.count - 1, samples.count * 95 / 100)]
    }

    /// Batches handed from the ingester to the measuring loop.
    final class Inbox: Sendable {
        private let state = Mutex<(batches: [IngestBatch], finished: Bool)>(([], false))
        func put(_ batch: IngestBatch) { state.withLock { $0.batches.append(batch) } }
        func finish() { state.withLock { $0.finished = true } }
        func take() -> [IngestBatch] { state.withLock { value in defer { value.batches = [] }; return value.batches } }
        var isFinished: Bool { state.withLock { $0.finished } }
    }

    /// 500 accounts, each with a logging multi-region trail and a forwarding
    /// rule in a third of its regions: a grid with OK and BLIND cells.
    static func organization() -> Inventory {
        var inventory = Inventory()
        inventory.accountsListed = true
        for index in 0..<accounts {
            let id = String(200_000_000_000 + index)
            inventory.addAccount(AccountInfo(id: id, name: "account-\(index)", state: "ACTIVE", inOrganization: true))
            inventory.upsertTrail(TrailInfo(
                arn: "arn:aws:cloudtrail:us-east-1:\(id):trail/main", name: "main", homeRegion: "us-east-1",
                ownerAccount: id, isMultiRegion: true, isLogging: true))
            for (position, region) in AWSRegions.commercial.enumerated() {
                let cell = CellKey(account: id, region: region)
                inventory.regions[id, default: [:]][region] = RegionStatus(enabled: true, status: "opted-in")
                inventory.trailListed.insert(cell)
                if (position + index) % 3 == 0 {
                    inventory.rules[cell] = ["forward": EventRule(
                        name: "forward", state: .enabledWithAllManagementEvents,
                        pattern: #"{"detail-type":["AWS API Call via CloudTrail"]}"#,
                        targets: [RuleTarget(id: "bus", arn: "arn:aws:events:us-east-1:1:event-bus/central")])]
                } else {
                    inventory.rules[cell] = [:]
                }
            }
        }
        return inventory
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
