import Foundation
import Testing
@testable import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// A directory of 100,000 small files: every record read once, in bounded
/// time, memory and file descriptors.
@Suite struct ManyFilesTests {
    static let count = 100_000

    /// Writes the files with plain syscalls (Foundation is far slower here).
    static func makeDirectory() -> URL {
        let directory = FeedFixtures.temporaryDirectory()
        // Small records: the point is the number of files, not bytes.
        for index in 0..<count {
            let line = #"{"eventVersion":"1.10","eventID":"many-\#(index)","eventTime":"2025-06-01T12:00:00Z","eventName":"GetCallerIdentity","awsRegion":"us-east-1","recipientAccountId":"111122223333"}"# + "\n"
            let shard = directory.path + "/" + String(index / 10_000)
            if index % 10_000 == 0 { mkdir(shard, 0o755) }
            let fd = open(shard + "/f\(index).jsonl", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            _ = line.utf8.withContiguousStorageIfAvailable { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        return directory
    }

    static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    /// Each file used to keep its descriptor (all past `ulimit -n` lost) and
    /// cost a batch carrying every file's position (quadratic: hours). That
    /// cost is checked by how many batches there were, not by a clock: a timed
    /// test fails on a loaded machine (310 s once beside other builds, 21 s
    /// alone) and passes a slow fix on a fast one. The time limit only
    /// stops a run that would never end.
    @Test(.timeLimit(.minutes(10))) func oneShotScanOfAHundredThousandFiles() async throws {
        let begin = ContinuousClock.now
        let directory = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = Self.residentKilobytes()
        let start = ContinuousClock.now
        var options = IngestOptions()
        options.readChunkBytes = 64 << 10
        let ingester = try Ingester(paths: [directory.path], options: options)
        let reader = Task { await ingester.run() }
        var eventIDs = Set<String>()
        var counters = IngestCounters()
        var positionsCarried = 0
        var batches = 0
        for await batch in ingester.batches {
            for event in batch.events { eventIDs.insert(event.event.eventID) }
            counters = batch.counters
            positionsCarried += batch.checkpoint.entries.count
            batches += 1
        }
        await reader.value
        let elapsed = ContinuousClock.now - start
        let grown = Self.residentKilobytes() - before
        #expect(ingester.warnings.isEmpty, "\(ingester.warnings.prefix(3))")
        #expect(counters.accepted == Self.count)
        #expect(eventIDs.count == Self.count)
        // A checkpoint lists every file, so what matters is how many batches
        // carry one: a batch per small file made this count² / 2 positions
        // (five billion, hours). Batches span files, bounded by events and
        // bytes (64 KB chunks of ~190-byte records: a few hundred batches).
        #expect(batches < Self.count / 50, "\(batches) batches carried \(positionsCarried) positions")
        #expect(grown < 400_000, "RSS grew by \(grown) KB")
        let openDescriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        #expect(openDescriptors < 1000)
        print("100,000 files: generated in \(start - begin), read in \(elapsed) (\(batches) batches, \(positionsCarried) positions), RSS +\(grown) KB")
    }
}
