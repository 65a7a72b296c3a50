import Foundation
import Synchronization
import TrailGridCore
import TrailGridTerminal
import TrailGridUI

/// The render half of DESIGN §8: a full frame of a 500-account × 34-region
/// organization rendered into the Canvas, and the time from a key press to
/// its frame while the ingester runs at full speed on the other core.
enum RenderBenchmark {
    static let accounts = 500
    static let size = TerminalSize(columns: 200, rows: 60)

    static func run(runs: Int, log: (String) -> Void) async -> BenchReport.Render? {
        log("render: building a \(accounts)-account organization")
        let coverage = CoverageModel(inventory: organization(), watches: BuiltInWatches.all)
        let state = DashboardState(
            coverage: coverage, watches: BuiltInWatches.all, organization: "bench", now: wallClockMilliseconds(), size: size
        )
        // Frame: render only, median of many.
        var frames: [Double] = []
        for _ in 0..<max(20, runs * 20) {
            let start = ContinuousClock.now
            _ = DashboardView.render(state)
            frames.append(milliseconds(ContinuousClock.now - start))
        }
        log("render: key-to-frame while ingesting")
        guard let latency = await keyToFrame(coverage) else { return nil }
        return BenchReport.Render(frameMilliseconds: median(frames), keyToFrameMilliseconds: latency)
    }

    /// Keys pressed every 8–16 ms while batches from a real ingester pour
    /// in, run through the dashboard's own program and the terminal loop's
    /// own pass (`DashboardProgram`, `TerminalLoopPass`), only the drawing
    /// left out: keys first, drawn at once; then the batches, their frames
    /// at most 30 a second. Each sample is the time from a key's press to the
    /// end of its frame's render, so it includes the batch work under way.
    static func keyToFrame(_ coverage: CoverageModel) async -> Double? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-render-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let organization = DemoOrganization(seed: 3)
        guard let writer = try? DemoFeedWriter(organization: organization, directory: directory, seed: 3, linesPerFile: 20_000) else { return nil }
        await writer.burst(150_000, now: wallClockMilliseconds())
        let matcher = WatchMatcher(watches: BuiltInWatches.all)
        guard let ingester = try? Ingester(paths: [directory], options: IngestOptions(), matcher: matcher),
              let mailbox = try? Mailbox<DashboardMessage>() else { return nil }
        let program = DashboardProgram(
            context: TerminalContext(size: size, colorDepth: .direct, glyphSet: .unicode),
            setup: ProgramSetup(coverage: coverage, watches: BuiltInWatches.all, organization: "bench"),
            catalog: ThemeCatalog.standard(), mailbox: mailbox, persist: nil, release: {})
        let inbox = Inbox()
        let reader = Task { await ingester.run() }
        let forwarder = Task {
            for await batch in ingester.batches { inbox.put(batch) }
            inbox.finish()
        }
        let presser = Task {
            let keys: [Key] = [.char("j"), .char("l"), .char("k"), .char("h")]
            var index = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(8 + (index * 7) % 9))
                inbox.press(keys[index % keys.count], at: ContinuousClock.now)
                index += 1
            }
        }
        var loop = TerminalLoopPass(program: program, options: DashboardRunner.terminalOptions, now: ContinuousClock.now)
        var samples: [Double] = []
        // Only while the ingester is running: the figure is for full ingest.
        while !inbox.isFinished {
            let (keys, batches) = inbox.take()
            var awaitingFrame = keys.map(\.1)
            let running = try? loop.run(
                keys: keys.map(\.0), drain: { batches.map { DashboardMessage.batch($0) } }, size: size,
                now: { ContinuousClock.now },
                draw: { _ in
                    let drawn = ContinuousClock.now
                    samples += awaitingFrame.map { milliseconds(drawn - $0) }
                    awaitingFrame = []
                })
            if running != true || samples.count >= 2_000 { break }
            if keys.isEmpty && batches.isEmpty { try? await Task.sleep(for: .milliseconds(1)) }
        }
        presser.cancel()
        reader.cancel()
        forwarder.cancel()
        guard !samples.isEmpty else { return nil }
        samples.sort()
        // The slow tail is what a person feels: report the 95th percentile.
        return samples[min(samples.count - 1, samples.count * 95 / 100)]
    }

    /// Batches handed from the ingester, and keys from the presser, to the measuring loop.
    final class Inbox: Sendable {
        private struct Contents {
            var batches: [IngestBatch] = []
            var keys: [(Key, ContinuousClock.Instant)] = []
            var finished = false
        }
        private let contents = Mutex(Contents())
        func put(_ batch: IngestBatch) { contents.withLock { $0.batches.append(batch) } }
        func press(_ key: Key, at instant: ContinuousClock.Instant) { contents.withLock { $0.keys.append((key, instant)) } }
        func finish() { contents.withLock { $0.finished = true } }
        func take() -> (keys: [(Key, ContinuousClock.Instant)], batches: [IngestBatch]) {
            contents.withLock { value in
                defer { value.keys = []; value.batches = [] }
                return (value.keys, value.batches)
            }
        }
        var isFinished: Bool { contents.withLock { $0.finished } }
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
                        // A stream of the account's own, with its role: the chain ends here and holds (OK).
                        targets: [RuleTarget(id: "stream", arn: "arn:aws:kinesis:\(region):\(id):stream/security-events",
                                             roleArn: "arn:aws:iam::\(id):role/events-to-kinesis")])]
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
