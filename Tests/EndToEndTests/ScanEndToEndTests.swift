import Foundation
import Testing
import TestProcesses

@Suite(.serialized) struct ScanEndToEndTests {
    func records() throws -> [String] {
        try String(contentsOf: Harness.fixtures.appendingPathComponent("cloudtrail-records.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    @Test func printsNormalizedLinesAndCounters() throws {
        let file = Harness.temporaryDirectory().appendingPathComponent("feed.jsonl")
        let lines = try records()
        try Data((lines.joined(separator: "\n") + "\n" + lines[0] + "\nnot json\n").utf8).write(to: file)
        let result = try Harness.run(["scan", "--events", file.path, "--quarantine", file.path + ".q"])
        #expect(result.status == 0)
        let output = result.stdout.split(separator: "\n")
        #expect(output.count == lines.count)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(output[0].utf8)) as? [String: Any])
        for key in ["eventID", "eventTime", "eventName", "eventSource", "awsRegion", "account", "principal", "sourceIPAddress",
                    "userAgent", "errorCode", "readOnly", "eventType", "detailType", "channel"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["channel"] as? String == "trail")
        let last = result.stderr.split(separator: "\n").last.map(String.init)
        #expect(last == "read=9 accepted=7 duplicate=1 skipped=0 rejected=1")
    }

    @Test func csvOutputHasAHeaderAndOneRowPerEvent() throws {
        let file = Harness.temporaryDirectory().appendingPathComponent("feed.jsonl")
        try Data((try records().joined(separator: "\n") + "\n").utf8).write(to: file)
        let result = try Harness.run(["scan", "--format", "csv", file.path])
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 8)
        #expect(rows[0].hasPrefix("eventTime,account,awsRegion"))
    }

    @Test func missingPathIsAOneLineErrorAndNonZeroExit() throws {
        let result = try Harness.run(["scan", "--events", "/nonexistent/feed.jsonl"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("/nonexistent/feed.jsonl") == true)
        #expect(lines.first?.contains("No such file") == true)
    }

    /// `scan --follow --checkpoint` killed with SIGKILL at random points while
    /// the feed grows, restarted each time: the union of its output is the
    /// input, exactly once.
    @Test func sigkillAndRestartEmitEveryEventExactlyOnce() throws {
        let directory = Harness.temporaryDirectory()
        let feed = directory.appendingPathComponent("feed.jsonl")
        let output = directory.appendingPathComponent("out.jsonl")
        let checkpoint = directory.appendingPathComponent("checkpoint.json")
        _ = FileManager.default.createFile(atPath: feed.path, contents: nil)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let template = try records()[1]
        let templateID = try #require(template.range(of: #""eventID":"[^"]+""#, options: .regularExpression))
        func line(_ index: Int) -> String {
            template.replacingCharacters(in: templateID, with: #""eventID":"e2e-\#(index)""#) + "\n"
        }

        let total = 3000
        let writer = try FileHandle(forWritingTo: feed)
        var written = 0
        func write(upTo count: Int) throws {
            var chunk = ""
            while written < min(count, total) { chunk += line(written); written += 1 }
            try writer.seekToEnd()
            try writer.write(contentsOf: Data(chunk.utf8))
        }

        func start(follow: Bool) throws -> ChildProcess {
            try ChildProcess([Harness.binary.path, "scan"] + (follow ? ["--follow"] : []) + [
                "--checkpoint", checkpoint.path, "--quarantine", "\(directory.path)/q.jsonl", "--events", feed.path,
            ], stdout: .file(output.path))
        }

        var generator = SystemRandomNumberGenerator()
        var rounds = 0
        while written < total {
            let process = try start(follow: true)
            try write(upTo: written + Int.random(in: 200...600, using: &generator))
            let before = (try? Data(contentsOf: output).count) ?? 0
            // Let it make progress, then kill it without warning.
            _ = Harness.wait(timeout: 10) { ((try? Data(contentsOf: output).count) ?? 0) > before }
            usleep(UInt32.random(in: 0...30_000, using: &generator))
            process.send(SIGKILL)
            #expect(process.wait(timeout: 60) != nil)
            rounds += 1
        }
        try writer.close()
        let final = try start(follow: false)
        #expect((final.wait(timeout: 300) ?? final.stop()) == 0)

        let ids = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map { line -> String in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["eventID"] as? String ?? "<torn line: \(line.prefix(40))>"
        }
        #expect(rounds >= 5)
        #expect(ids.count == total)
        #expect(ids == (0..<total).map { "e2e-\($0)" })
    }
}
