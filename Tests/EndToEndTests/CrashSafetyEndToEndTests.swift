import Foundation
import Testing
import TestProcesses
import TrailGridCore

/// Crash safety (issue 8): `scan --follow --checkpoint` on a directory that
/// grows by plain lines, whole `.gz` files and members appended to a growing
/// `.gz`, with logrotate-style renames, killed with SIGKILL at random points
/// and restarted: the union of its output is the input exactly once. And a
/// checkpoint killed mid-write is always the old or the new one.
@Suite(.serialized) struct CrashSafetyEndToEndTests {
    static func template() throws -> (String, Range<String.Index>) {
        let text = try String(contentsOf: Harness.fixtures.appendingPathComponent("cloudtrail-records.jsonl"), encoding: .utf8)
        let record = String(text.split(separator: "\n")[1])
        let id = try #require(record.range(of: #""eventID":"[^"]+""#, options: .regularExpression))
        return (record, id)
    }

    static func scan(_ feed: URL, _ state: URL, follow: Bool) throws -> ChildProcess {
        try ChildProcess([Harness.binary.path, "scan"] + (follow ? ["--follow"] : []) + [
            "--checkpoint", "\(state.path)/checkpoint.json", "--quarantine", "\(state.path)/q.jsonl", "--events", feed.path,
        ], stdout: .file(state.appendingPathComponent("out.jsonl").path), stderr: .file("\(state.path)/err"))
    }

    static func outputIDs(_ state: URL) throws -> [String] {
        try String(contentsOf: state.appendingPathComponent("out.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["eventID"] as? String ?? "<torn line: \(line.prefix(40))>"
        }
    }

    @Test func mixedGzipAndPlainWithRotationSurviveSigkill() throws {
        let feed = Harness.temporaryDirectory()
        let state = Harness.temporaryDirectory()
        _ = FileManager.default.createFile(atPath: state.appendingPathComponent("out.jsonl").path, contents: nil)
        let (template, idRange) = try Self.template()
        func line(_ index: Int) -> String {
            template.replacingCharacters(in: idRange, with: #""eventID":"mix-\#(index)""#) + "\n"
        }
        var generator = SystemRandomNumberGenerator()
        let total = 4000
        var written = 0
        var rotations = 0
        var gzFiles = 0
        let current = feed.appendingPathComponent("current.jsonl")
        let growingGz = feed.appendingPathComponent("stream.json.gz")

        /// One batch, to a form chosen at random: plain appends (sometimes
        /// rotating first), a whole new .gz, or a member appended to a growing .gz.
        func writeBatch() throws {
            let count = min(Int.random(in: 50...250, using: &generator), total - written)
            guard count > 0 else { return }  // the whole input is already written
            let text = (written..<written + count).map(line).joined()
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let part = feed.appendingPathComponent("part-\(gzFiles).json.gz")
                let temporary = feed.appendingPathComponent(".part-\(gzFiles).tmp")
                try Data(Gzip.compress(Array(text.utf8))).write(to: temporary)
                try FileManager.default.moveItem(at: temporary, to: part)  // appears whole, as S3 sync does
                gzFiles += 1
            case 1:
                if !FileManager.default.fileExists(atPath: growingGz.path) {
                    _ = FileManager.default.createFile(atPath: growingGz.path, contents: nil)
                }
                let handle = try FileHandle(forWritingTo: growingGz)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(Gzip.compress(Array(text.utf8))))
                try handle.close()
            default:
                if FileManager.default.fileExists(atPath: current.path), Bool.random(using: &generator) {
                    rotations += 1
                    try FileManager.default.moveItem(at: current, to: feed.appendingPathComponent("current.jsonl.\(rotations)"))
                }
                if !FileManager.default.fileExists(atPath: current.path) {
                    _ = FileManager.default.createFile(atPath: current.path, contents: nil)
                }
                // Two writes: the scanner may see half a line between them.
                let data = Data(text.utf8)
                let cut = Int.random(in: 0..<data.count, using: &generator)
                let handle = try FileHandle(forWritingTo: current)
                try handle.seekToEnd()
                try handle.write(contentsOf: data.prefix(cut))
                usleep(UInt32.random(in: 0...5_000, using: &generator))
                try handle.write(contentsOf: data.dropFirst(cut))
                try handle.close()
            }
            written += count
        }

        let output = state.appendingPathComponent("out.jsonl")
        var rounds = 0
        while written < total {
            let process = try Self.scan(feed, state, follow: true)
            try writeBatch()
            try writeBatch()
            let before = (try? Data(contentsOf: output).count) ?? 0
            _ = Harness.wait(timeout: 10) { ((try? Data(contentsOf: output).count) ?? 0) > before }
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            process.send(SIGKILL)
            #expect(process.wait(timeout: 60) != nil)
            rounds += 1
        }
        let final = try Self.scan(feed, state, follow: false)
        let status = final.wait(timeout: 300) ?? final.stop()
        #expect(status == 0)

        let ids = try Self.outputIDs(state)
        #expect(rounds >= 5)
        #expect(rotations >= 1 && gzFiles >= 1)
        #expect(ids.count == total, "emitted \(ids.count) of \(total)")
        #expect(Set(ids) == Set((0..<total).map { "mix-\($0)" }))
        print("crash safety: \(rounds) SIGKILL rounds, \(rotations) rotations, \(gzFiles) whole .gz files, \(total) events exactly once")
    }

    /// Kills a scanner at random moments while it commits a checkpoint for
    /// every megabyte it reads: the file always parses, and every offset is
    /// the end of a line that was written (a resumable position).
    @Test func checkpointKilledMidWriteIsNeverTorn() throws {
        let feed = Harness.temporaryDirectory()
        let state = Harness.temporaryDirectory()
        _ = FileManager.default.createFile(atPath: state.appendingPathComponent("out.jsonl").path, contents: nil)
        let (template, idRange) = try Self.template()
        let total = 20_000
        let text = (0..<total).map { template.replacingCharacters(in: idRange, with: #""eventID":"ck-\#($0)""#) + "\n" }.joined()
        let file = feed.appendingPathComponent("feed.jsonl")
        try Data(text.utf8).write(to: file)
        let bytes = Array(text.utf8)
        let checkpointPath = state.appendingPathComponent("checkpoint.json").path
        var generator = SystemRandomNumberGenerator()
        var rounds = 0
        var checked = 0
        for _ in 0..<16 {
            let process = try Self.scan(feed, state, follow: true)
            usleep(UInt32.random(in: 100_000...500_000, using: &generator))
            process.send(SIGKILL)
            #expect(process.wait(timeout: 60) != nil)
            rounds += 1
            guard FileManager.default.fileExists(atPath: checkpointPath) else { continue }
            let checkpoint = try Checkpoint.load(from: checkpointPath)  // throws if torn
            for entry in checkpoint.entries {
                #expect(entry.offset <= bytes.count)
                #expect(entry.offset == 0 || bytes[entry.offset - 1] == 0x0A, "offset \(entry.offset) is not a line end")
            }
            checked += 1
        }
        let final = try Self.scan(feed, state, follow: false)
        #expect((final.wait(timeout: 300) ?? final.stop()) == 0)
        let ids = try Self.outputIDs(state)
        #expect(checked >= 8)
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        print("checkpoint: \(rounds) kills during writes, \(checked) checkpoints verified whole")
    }

    /// Root reads files whatever their mode, so the permission check runs
    /// the binary with every capability dropped (`setpriv`), as root would
    /// be inside a locked-down container.
    @Test func unreadableFileIsAClearErrorAndAWarningInADirectory() throws {
        let directory = Harness.temporaryDirectory()
        let locked = directory.appendingPathComponent("locked.jsonl")
        let (template, _) = try Self.template()
        try Data((template + "\n").utf8).write(to: locked)
        try Data((template + "\n").utf8).write(to: directory.appendingPathComponent("open.jsonl"))
        chmod(locked.path, 0)
        chmod(directory.path, 0o755)
        let prefix = geteuid() == 0 ? ["setpriv", "--inh-caps=-all", "--bounding-set=-all"] : []
        func run(_ path: String) throws -> (Int32, String) {
            let result = try ChildProcess.run(prefix + [Harness.binary.path, "scan", "--quarantine", directory.path + "/.q", "--events", path])
            return (result.status, result.stderr)
        }
        let (status, message) = try run(locked.path)
        #expect(status == 2)
        #expect(message.contains("locked.jsonl") && message.contains("Permission denied"), "\(message)")
        let (dirStatus, dirMessage) = try run(directory.path)
        #expect(dirStatus == 0)
        #expect(dirMessage.contains("warning") && dirMessage.contains("Permission denied"), "\(dirMessage)")
        #expect(dirMessage.contains("accepted=1"))
    }
}
