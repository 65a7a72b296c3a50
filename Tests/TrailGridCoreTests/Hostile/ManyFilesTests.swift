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
    /// cost a batch carrying every file's position (quadratic: hours). The
    /// limit only catches that (24 s here alone, 5 min beside other builds).
    @Test(.timeLimit(.minutes(10))) func oneShotScanOfAHundredThousandFiles() async throws {
        let begin = ContinuousClock.now
        let directory = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = ContinuousClock.now
        let before = Self.residentKilobytes()
        let start = ContinuousClock.now
        _ = generated
        let run = try await ingestOnce([directory.path]) { $0.readChunkBytes = 64 << 10 }
        let elapsed = ContinuousClock.now - start
        let grown = Self.residentKilobytes() - before
        #expect(run.warnings.isEmpty, "\(run.warnings.prefix(3))")
        #expect(run.counters.accepted == Self.count)
        #expect(Set(run.events.map(\.eventID)).count == Self.count)
        #expect(elapsed < .seconds(90), "\(elapsed)")  // 21 s alone in a debug build, ~35 s beside the rest of the suite; hours when quadratic
        #expect(grown < 400_000, "RSS grew by \(grown) KB")
        let openDescriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        #expect(openDescriptors < 1000)
        print("100,000 files: generated in \(start - begin), read in \(elapsed), RSS +\(grown) KB")
    }
}
