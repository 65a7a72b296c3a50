import Foundation
import Testing
@testable import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// What one ingester run produced.
struct HostileRun {
    var events: [CloudTrailEvent] = []
    var counters = IngestCounters()
    var warnings: [String] = []
}

/// Runs a one-shot ingester over `paths` and collects everything it sends.
func ingestOnce(_ paths: [String], configure: (inout IngestOptions) -> Void = { _ in }) async throws -> HostileRun {
    var options = IngestOptions()
    configure(&options)
    let ingester = try Ingester(paths: paths, options: options)
    let reader = Task { await ingester.run() }
    var run = HostileRun()
    for await batch in ingester.batches {
        run.events += batch.events.map(\.event)
        run.counters = batch.counters
    }
    await reader.value
    run.warnings = ingester.warnings
    return run
}

/// Hostile files (issue 8): bombs, broken gzip, things that are not files.
@Suite struct HostileFileTests {
    let good = FeedFixtures.records[0]

    @Test func zipBombAsAWholeGzFileIsRefusedWithinItsLimit() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        // 64 MB of spaces compresses to ~64 KB; the limit here is 8 MB.
        let bomb = Gzip.compress([UInt8](repeating: 0x20, count: 64 << 20), level: 9)
        try Data(bomb).write(to: directory.appendingPathComponent("a-bomb.json.gz"))
        try Data((good + "\n").utf8).write(to: directory.appendingPathComponent("b-good.jsonl"))
        let run = try await ingestOnce([directory.path]) { $0.limits.maxDecompressedBytes = 8 << 20 }
        #expect(run.counters.rejected == 1)
        #expect(run.counters.rejectedByKind[.tooLarge] == 1)
        #expect(run.counters.accepted == 1)
    }

    @Test func truncatedAndCorruptedGzFilesAreCountedRejects() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let whole = Gzip.compress(Array(FeedFixtures.logFile(FeedFixtures.records).utf8))
        var corrupt = whole
        corrupt[whole.count / 2] ^= 0xFF
        corrupt[whole.count / 2 + 1] ^= 0xFF
        try Data(whole.prefix(whole.count / 2)).write(to: directory.appendingPathComponent("truncated.json.gz"))
        try Data(corrupt).write(to: directory.appendingPathComponent("corrupt.json.gz"))
        try Data(whole + [0x1F, 0x8B, 0x08, 0x00, 0x42]).write(to: directory.appendingPathComponent("trailing.json.gz"))
        try Data([0x1F, 0x8B]).write(to: directory.appendingPathComponent("magic-only.json.gz"))
        let run = try await ingestOnce([directory.path])
        #expect(run.counters.rejectedByKind[.badGzip] == 4, "\(run.counters)")
        #expect(run.counters.accepted <= FeedFixtures.records.count)
    }

    @Test func aFIFOOrADirectoryTakingAFollowedFilesNameIsNotAHang() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        try Data((good + "\n").utf8).write(to: file)
        let run = try IngestRun(paths: [directory.path], follow: true)
        #expect(await run.wait { $0.events.count == 1 })

        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o644) == 0)
        try await Task.sleep(for: .milliseconds(100))  // several polls see the FIFO; none may block on it
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        let second = FeedFixtures.records[1]
        try Data((second + "\n").utf8).write(to: file.appendingPathComponent("inner.jsonl"))
        #expect(await run.wait { $0.events.count == 2 })
        await run.stop()
        #expect(run.counters.rejected == 0)
    }

    @Test func aFIFONamedOnTheCommandLineIsAClearError() throws {
        let fifo = FeedFixtures.temporaryDirectory().appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: FileError(path: fifo.path, message: "not a regular file or directory")) {
            try Ingester(paths: [fifo.path])
        }
    }

    /// Root reads any file, so permission is tested end to end with the
    /// capabilities dropped (EndToEndTests); here the open failure itself.
    @Test func anUnopenableFileInADirectoryIsWarnedAndTheRestRead() async throws {
        guard geteuid() != 0 else { return }
        let directory = FeedFixtures.temporaryDirectory()
        let locked = directory.appendingPathComponent("locked.jsonl")
        try Data((good + "\n").utf8).write(to: locked)
        chmod(locked.path, 0)
        try Data((FeedFixtures.records[1] + "\n").utf8).write(to: directory.appendingPathComponent("open.jsonl"))
        let run = try await ingestOnce([directory.path])
        #expect(run.counters.accepted == 1)
        #expect(run.warnings.contains { $0.contains("locked.jsonl") && $0.contains("Permission denied") })
    }
}

/// Rotation under a sustained feed (found by `Scripts/load.sh`): a file
/// renamed in the followed directory while the ingester is still reading
/// it is read once, not once under each name.
@Suite struct RotationUnderLoadTests {
    @Test func renamedWhileBeingReadIsNotReadTwice() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        let template = FeedFixtures.records[1]
        let id = FeedFixtures.eventID(template)
        let total = 400
        try Data((0..<total).map { template.replacingOccurrences(of: id, with: "rot-\($0)") + "\n" }.joined().utf8).write(to: file)
        var options = IngestOptions()
        options.follow = true
        options.pollInterval = .milliseconds(10)
        options.readChunkBytes = 512  // many passes: the inner read loop outlasts the rename
        let ingester = try Ingester(paths: [directory.path], options: options)
        let reader = Task { await ingester.run() }
        var seen: [String] = []
        var renamed = false
        for await batch in ingester.batches {
            seen += batch.events.map(\.event.eventID)
            if !renamed, seen.count >= 20 {
                try FileManager.default.moveItem(at: file, to: directory.appendingPathComponent("feed.jsonl.1"))
                try Data((template.replacingOccurrences(of: id, with: "rot-new") + "\n").utf8).write(to: file)
                renamed = true
            }
            if seen.count >= total + 1 || batch.counters.duplicate > 0 { break }
        }
        try await Task.sleep(for: .milliseconds(200))
        let counters = ingester.currentCounters
        reader.cancel()
        #expect(counters.duplicate == 0)
        #expect(Set(seen).count == total + 1)
    }
}
