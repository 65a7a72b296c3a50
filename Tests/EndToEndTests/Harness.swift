import Foundation
import Testing
import TestProcesses

/// Runs the real `trailgrid` binary built beside the test bundle.
enum Harness {
    static let binary: URL = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("trailgrid")

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var fixtures: URL { packageRoot.appendingPathComponent("Tests/TrailGridCoreTests/Fixtures") }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion (bounded by `timeout`) and captures both streams.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["TRAILGRID_STATE_DIR"] = env["TRAILGRID_STATE_DIR"] ?? temporaryDirectory().path
        for (key, value) in environment { env[key] = value }
        return try capture(binary, arguments, environment: env, timeout: timeout)
    }

    /// Runs a tool from PATH (aws, cfn-lint, terraform) the same way, with
    /// `environment` added to this process's.
    static func runTool(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        return try capture(URL(fileURLWithPath: "/usr/bin/env"), arguments, environment: env, timeout: timeout)
    }

    static func isOnPath(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// Output goes through files, never a pipe that a full buffer could
    /// stall. Past `timeout` the program gets SIGTERM, as a user's Ctrl-C or
    /// kill would, then SIGKILL: a stuck binary fails its test instead of
    /// hanging the run, and its result says how it ended.
    private static func capture(_ executable: URL, _ arguments: [String], environment: [String: String], timeout: TimeInterval) throws -> Result {
        let out = temporaryDirectory().appendingPathComponent("stdout")
        let err = out.deletingLastPathComponent().appendingPathComponent("stderr")
        let child = try ChildProcess([executable.path] + arguments, environment: environment, stdout: .file(out.path), stderr: .file(err.path))
        let status = child.wait(timeout: timeout) ?? child.stop()
        return Result(
            status: status,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes.
    static func wait(timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
