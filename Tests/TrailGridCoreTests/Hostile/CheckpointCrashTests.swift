import Foundation
import Testing
@testable import TrailGridCore

/// A crash between writing a checkpoint's temporary file and renaming it
/// leaves `.NAME.tmp-PID-RANDOM` behind: it is never read as the checkpoint
/// nor ingested as a feed, and the next save still works.
@Suite struct CheckpointCrashTests {
    @Test func strayTemporaryFilesAreIgnored() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let feed = directory.appendingPathComponent("feed.jsonl")
        try Data((FeedFixtures.records[0] + "\n").utf8).write(to: feed)
        let path = directory.appendingPathComponent("checkpoint.json").path
        let identity = try fileStatus(feed.path).get().identity
        let old = Checkpoint(entries: [Checkpoint.Entry(path: feed.path, identity: identity, offset: 0)])
        try old.save(to: path)
        // What a kill -9 mid-save leaves: a torn new checkpoint under the temporary name.
        let torn = String(Checkpoint(entries: [Checkpoint.Entry(path: feed.path, identity: identity, offset: 99)]).encoded().prefix(40))
        try Data(torn.utf8).write(to: directory.appendingPathComponent(".checkpoint.json.tmp-4242-17"))

        #expect(try Checkpoint.load(from: path) == old)
        // The checkpoint living in the feed directory: neither file is read as a feed.
        var options = IngestOptions()
        options.checkpointPath = path
        let run = try await ingestOnce([directory.path]) { $0 = options }
        #expect(run.counters.read == 1)
        #expect(run.counters.rejected == 0)
        try Checkpoint().save(to: path)
        #expect(try Checkpoint.load(from: path) == Checkpoint())
    }

    @Test func aTornCheckpointIsAClearErrorNotAFreshStart() throws {
        let path = FeedFixtures.temporaryDirectory().appendingPathComponent("checkpoint.json").path
        try Data(#"{"version":1,"files":[{"path":"/x","dev"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: FileError.self) { try Checkpoint.load(from: path) }
    }
}
