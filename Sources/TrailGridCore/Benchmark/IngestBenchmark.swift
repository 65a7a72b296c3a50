#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pass of the real ingester (`Ingester`: read, frame, decode, parse,
/// de-duplicate, match every watch) over a feed.
public struct IngestRun: Sendable {
    public var events: Int
    public var matched: Int
    public var bytes: Int
    public var seconds: Double
    /// CPU seconds of the whole process during the run: with one actor
    /// doing the work this is about `seconds` when one core suffices.
    public var cpuSeconds: Double

    public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
}

public enum IngestBenchmark {
    /// Ingests `path` once with `matcher` as the classifier, consuming
    /// batches as `scan` does (but printing nothing).
    public static func run(path: String, matcher: WatchMatcher) async throws(BenchError) -> IngestRun {
        var options = IngestOptions()
        options.quarantinePath = nil
        let ingester: Ingester
        do {
            ingester = try Ingester(paths: [path], options: options, matcher: matcher)
        } catch {
            throw BenchError("cannot read the corpus: \(error)")
        }
        let cpuStart = BenchSystem.cpuSeconds()
        let start = BenchSystem.now()
        let reader = Task { await ingester.run() }
        var matched = 0
        var last = IngestCounters()
        for await batch in ingester.batches {
            // By index: iterating copied each event (a retain and release of its every string).
            for position in batch.events.indices where !batch.events[position].watchMatches.isEmpty { matched += 1 }
            last = batch.counters
        }
        await reader.value
        let seconds = BenchSystem.now() - start
        return IngestRun(
            events: last.read, matched: matched, bytes: last.bytesRead, seconds: seconds,
            cpuSeconds: BenchSystem.cpuSeconds() - cpuStart
        )
    }
}

/// The memory run: `events` generated events streamed through a followed
/// directory, never more than a few chunk files on disk and none in memory.
public struct StreamRun: Sendable {
    public var events: Int
    public var seconds: Double
    /// Resident set sampled after each chunk file was consumed (bytes).
    public var rssSamples: [Int]
    public var rssAfter: Int?
    public var peakRSS: Int
}

public enum StreamBenchmark {
    /// Streams `events` events from `corpus` through the real ingester, which
    /// follows a directory as it would a Firehose or Kinesis dump folder: the
    /// generator writes chunk files there (renamed in whole) and deletes each
    /// one once read, keeping at most `ahead` unread.
    public static func run(
        events: Int, corpus: BenchCorpus, matcher: WatchMatcher, chunkEvents: Int = 20_000, ahead: Int = 2,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(BenchError) -> StreamRun {
        let directory = try BenchSystem.makeTemporaryDirectory("trailgrid-stream")
        defer { BenchSystem.removeDirectory(directory) }
        var options = IngestOptions()
        options.follow = true
        options.pollInterval = .milliseconds(5)
        options.quarantinePath = nil
        let ingester: Ingester
        do {
            ingester = try Ingester(paths: [directory], options: options, matcher: matcher)
        } catch {
            throw BenchError("cannot follow \(directory): \(error)")
        }
        let start = BenchSystem.now()
        let reader = Task { await ingester.run() }
        let chunks = (events + chunkEvents - 1) / chunkEvents
        let writer = Task.detached { () -> BenchError? in
            var corpus = corpus
            for chunk in 0..<chunks {
                // Wait until the ingester is at most `ahead` files behind, then drop what it has read.
                while chunk >= ahead, ingester.currentCounters.read < (chunk - ahead + 1) * chunkEvents {
                    if Task.isCancelled { return nil }
                    try? await Task.sleep(for: .milliseconds(2))
                }
                if chunk >= ahead { unlink(chunkPath(directory, chunk - ahead)) }
                let count = min(chunkEvents, events - chunk * chunkEvents)
                let hidden = directory + "/.writing"
                do throws(BenchError) {
                    try corpus.write(count: count, to: hidden)
                } catch {
                    return error
                }
                rename(hidden, chunkPath(directory, chunk))
            }
            return nil
        }
        var samples: [Int] = []
        var nextSample = chunkEvents
        var nextProgress = 1_000_000
        for await batch in ingester.batches {
            let read = batch.counters.read
            if read >= nextSample {
                if let rss = BenchSystem.currentRSSBytes() { samples.append(rss) }
                nextSample += chunkEvents
            }
            if read >= nextProgress {
                progress(read)
                nextProgress += 1_000_000
            }
            if read >= events { reader.cancel() }
        }
        await reader.value
        writer.cancel()
        if let failure = await writer.value { throw failure }
        let seconds = BenchSystem.now() - start
        return StreamRun(
            events: ingester.currentCounters.read, seconds: seconds, rssSamples: samples,
            rssAfter: BenchSystem.currentRSSBytes(), peakRSS: BenchSystem.peakRSSBytes()
        )
    }

    private static func chunkPath(_ directory: String, _ chunk: Int) -> String {
        directory + "/chunk-\(chunk).jsonl"
    }
}
