import Foundation
import Testing

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

    /// Output goes through files, never a pipe that a full buffer could stall.
    private static func capture(_ executable: URL, _ arguments: [String], environment: [String: String], timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = temporaryDirectory().appendingPathComponent("stdout")
        let err = out.deletingLastPathComponent().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            // SIGTERM first, as a user's Ctrl-C or kill would; a program that
            // ignores it is killed, so that a stuck binary fails its test
            // instead of hanging the whole run.
            process.terminate()
            let grace = Date().addingTimeInterval(10)
            while process.isRunning && Date() < grace { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
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
