import Foundation
import Synchronization
import Testing
@testable import TrailGridCore

/// Runs an ingester and collects what it sends, committing each checkpoint
/// as a real consumer does.
final class IngestRun: Sendable {
    /// What the consumer has received so far, shared with the consuming task.
    final class Collected: Sendable {
        let events = Mutex<[CloudTrailEvent]>([])
        let counters = Mutex(IngestCounters())
    }

    let ingester: Ingester
    private let task: Task<Void, Never>
    private let consumer: Task<Void, Never>
    private let collected = Collected()
    private let follow: Bool

    init(paths: [String], follow: Bool, checkpoint: String? = nil, quarantine: String? = nil) throws {
        var options = IngestOptions()
        options.follow = follow
        options.pollInterval = .milliseconds(20)
        options.checkpointPath = checkpoint
        options.quarantinePath = quarantine
        let ingester = try Ingester(paths: paths, options: options)
        self.ingester = ingester
        self.follow = follow
        task = Task { await ingester.run() }
        let collected = self.collected
        consumer = Task {
            for await batch in ingester.batches {
                collected.events.withLock { $0.append(contentsOf: batch.events.map(\.event)) }
                collected.counters.withLock { $0 = batch.counters }
                try? await ingester.commit(batch.checkpoint)
            }
        }
    }

    var events: [CloudTrailEvent] { collected.events.withLock { $0 } }
    var counters: IngestCounters { collected.counters.withLock { $0 } }

    /// Waits (polling, bounded) until `condition` holds; false on timeout.
    func wait(timeout: Duration = .seconds(60), until condition: (IngestRun) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }

    /// A one-shot run: waits for the end. A followed run: stops it as a crash
    /// would, nothing after the last committed checkpoint surviving.
    func stop() async {
        if follow { task.cancel() }
        await task.value
        await consumer.value
    }
}

func append(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

@Suite struct IngesterTests {
    let records = FeedFixtures.records

    func envelopeLine(_ index: Int) -> String {
        // Distinct event ids from the same real record shapes.
        let record = records[index % records.count].replacingOccurrences(
            of: FeedFixtures.eventID(records[index % records.count]), with: "00000000-0000-4000-8000-\(String(format: "%012d", index))")
        return FeedFixtures.envelope(record) + "\n"
    }

    @Test func oneShotReadOfFilesAndDirectories() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        try Data((0..<5).map(envelopeLine).joined().utf8).write(to: directory.appendingPathComponent("a.jsonl"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(Gzip.compress(Array(FeedFixtures.logFile(records).utf8))).write(to: directory.appendingPathComponent("sub/b.json.gz"))
        let run = try IngestRun(paths: [directory.path], follow: false)
        await run.stop()
        #expect(run.events.count == 12)
        #expect(run.counters.read == 12)
        #expect(run.counters.accepted == 12)
    }

    @Test func missingOrUnreadablePathsFailUpFront() throws {
        #expect(throws: FileError.self) { try Ingester(paths: ["/nonexistent/feed.jsonl"]) }
        #expect(throws: FileError.self) { try Ingester(paths: ["/dev/null"]) }
    }

    @Test func duplicatesAreDroppedAndCounted() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        // Redelivery: the same envelope twice; the same event on the trail channel is not a duplicate.
        let text = envelopeLine(1) + envelopeLine(1) + records[1] + "\n"
        try Data(text.utf8).write(to: file)
        let run = try IngestRun(paths: [file.path], follow: false)
        await run.stop()
        #expect(run.counters.accepted == 2)
        #expect(run.counters.duplicate == 1)
        #expect(run.counters.read == 3)
    }

    @Test func followsPartialLinesGrowthTruncationAndRotation() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        let first = envelopeLine(0)
        let half = first.index(first.startIndex, offsetBy: first.count / 2)
        try Data(String(first[..<half]).utf8).write(to: file)

        let run = try IngestRun(paths: [file.path], follow: true)
        // The partial line is read but not consumed until it is complete.
        #expect(await run.wait { $0.counters.bytesRead > 0 })
        #expect(run.events.isEmpty)
        #expect(run.counters.rejected == 0)

        try append(String(first[half...]), to: file)
        #expect(await run.wait { $0.events.count == 1 })

        // Growth.
        try append(envelopeLine(1) + envelopeLine(2), to: file)
        #expect(await run.wait { $0.events.count == 3 })

        // Truncation in place: read again from the top.
        let truncate = try FileHandle(forWritingTo: file)
        try truncate.truncate(atOffset: 0)
        try truncate.close()
        try append(envelopeLine(3), to: file)
        #expect(await run.wait { $0.events.count == 4 })

        // Rotation: the old file gets a last line and is renamed away; a new file takes the name.
        try append(envelopeLine(4), to: file)
        let rotated = FeedFixtures.temporaryDirectory().appendingPathComponent("feed.jsonl.1")
        try FileManager.default.moveItem(at: file, to: rotated)
        try Data(envelopeLine(5).utf8).write(to: file)
        #expect(await run.wait { $0.events.count == 6 })

        await run.stop()
        #expect(run.events.map(\.eventID).map { $0.suffix(2) } == ["00", "01", "02", "03", "04", "05"])
        #expect(run.counters.read == run.counters.accepted + run.counters.duplicate + run.counters.skipped + run.counters.rejected)
        #expect(run.counters.rejected == 0)
    }

    @Test func newFilesInAFollowedDirectory() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let run = try IngestRun(paths: [directory.path], follow: true)
        try Data(envelopeLine(0).utf8).write(to: directory.appendingPathComponent("1.jsonl"))
        #expect(await run.wait { $0.events.count == 1 })
        try Data(Gzip.compress(Array(envelopeLine(1).utf8))).write(to: directory.appendingPathComponent("2.jsonl.gz"))
        #expect(await run.wait { $0.events.count == 2 })
        await run.stop()
    }

    @Test func restartFromTheCheckpointLosesNothingAndRepeatsNothing() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        let checkpoint = directory.appendingPathComponent("state/checkpoint.json")
        try FileManager.default.createDirectory(at: checkpoint.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((0..<10).map(envelopeLine).joined().utf8).write(to: file)

        var seen: [String] = []
        for round in 0..<4 {
            let run = try IngestRun(paths: [file.path], follow: true, checkpoint: checkpoint.path)
            #expect(await run.wait { $0.events.count >= (round == 0 ? 10 : 3) })
            await run.stop()
            seen += run.events.map(\.eventID)
            // More data arrives while the reader is down, including a half-written line.
            try append((0..<3).map { envelopeLine(10 + round * 3 + $0) }.joined(), to: file)
        }
        let run = try IngestRun(paths: [file.path], follow: false, checkpoint: checkpoint.path)
        await run.stop()
        seen += run.events.map(\.eventID)
        let expected = (0..<22).map { "00000000-0000-4000-8000-\(String(format: "%012d", $0))" }
        #expect(seen == expected)
    }

    @Test func rejectsGoToTheQuarantineWithFileOffsetAndReason() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("feed.jsonl")
        let bad = #"{"Data":"!!notbase64!!","SequenceNumber":"1"}"#
        try Data((envelopeLine(0) + bad + "\n" + "garbage line\n").utf8).write(to: file)
        let quarantine = directory.appendingPathComponent("q/quarantine.jsonl")
        let run = try IngestRun(paths: [file.path], follow: false, quarantine: quarantine.path)
        await run.stop()
        #expect(run.counters.accepted == 1)
        #expect(run.counters.rejected == 2)
        #expect(run.counters.rejectedByKind == [.badBase64: 1, .badJSON: 1])
        let lines = try String(contentsOf: quarantine, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["file"] as? String == file.path)
        #expect(first["offset"] as? Int == envelopeLine(0).utf8.count)
        #expect(first["kind"] as? String == "bad base64")
        #expect(first["record"] as? String == bad)
    }
}
