import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program the tests start, with `posix_spawn` and `waitpid`, and every
/// wait bounded.
///
/// Foundation's `Process` sometimes misses the exit of a child that ends
/// quickly and then waits for ever on a zombie, and its waits take no
/// timeout: under a loaded CI machine a run went past its limit with no
/// failing test to name. Here a child that outlives its deadline is killed
/// and the test fails with that said.
public final class ChildProcess: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Where a standard stream goes.
    public enum Stream: Sendable {
        case null
        /// A file, created or appended to (input: read from).
        case file(String)
    }

    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `arguments` (the first looked up on PATH). The child keeps only
    /// stdin, stdout and stderr; with `ownGroup` it leads a process group of
    /// its own, so that `stop` reaches whatever it starts.
    public init(_ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
                stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null, ownGroup: Bool = false) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream, flags) in [(Int32(0), stdin, O_RDONLY), (1, stdout, O_WRONLY | O_CREAT | O_APPEND), (2, stderr, O_WRONLY | O_CREAT | O_APPEND)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0o644)
            }
        }
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        // A directory change has no portable file action: run through env's -C.
        let command = directory.map { ["/usr/bin/env", "-C", $0] + arguments } ?? arguments
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var envp: [UnsafeMutablePointer<CChar>?] = environmentLines.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command[0], &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw Failure(description: "cannot start \(command[0]): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    /// Whether the child has not ended yet (reaping it if it has).
    public var isRunning: Bool { poll() == nil }

    /// The exit status (128 + the signal for a killed child, as a shell says),
    /// or nil when it is still running after `timeout` seconds.
    @discardableResult
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Sends `signal` to the child (and to its group when it leads one).
    public func send(_ signal: Int32) {
        guard poll() == nil else { return }
        if getpgid(pid) == pid { kill(-pid, signal) }
        kill(pid, signal)
    }

    /// SIGTERM, as a user's kill would; SIGKILL after `grace` seconds.
    /// Returns the exit status.
    @discardableResult
    public func stop(grace: TimeInterval = 10) -> Int32 {
        send(SIGTERM)
        if let status = wait(timeout: grace) { return status }
        send(SIGKILL)
        return wait(timeout: 60) ?? 137
    }

    private func poll() -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                // WIFEXITED / WTERMSIG by hand: Swift does not import the macros.
                let signal = raw & 0x7f
                exitStatus = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            } else if result < 0 && errno == ECHILD {
                exitStatus = -1   // reaped elsewhere: gone, status unknown
            }
            return exitStatus
        }
    }

    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later),
    /// which Swift's Glibc module does not import. Without it a tmux server
    /// forked by a client kept a pipe another test was reading open for as
    /// long as it ran.
    static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }
}

/// A finished run: status and both outputs.
public struct ToolResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

extension ChildProcess {
    /// Runs `arguments` to its end, or stops it after `timeout` seconds and
    /// throws. Output goes through files, never a pipe that a full buffer or
    /// a daemon keeping its end could stall.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
                           input: Data? = nil, timeout: TimeInterval = 120) throws -> ToolResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout").path, err = scratch.appendingPathComponent("stderr").path
        var stdin = Stream.null
        if let input {
            let path = scratch.appendingPathComponent("stdin").path
            try input.write(to: URL(fileURLWithPath: path))
            stdin = .file(path)
        }
        let child = try ChildProcess(arguments, environment: environment, directory: directory, stdin: stdin, stdout: .file(out), stderr: .file(err))
        let status = child.wait(timeout: timeout)
        let stdoutData = (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data()
        let stderrText = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        guard let status else {
            let stopped = child.stop()
            throw Failure(description: "\(arguments.joined(separator: " ")) ran past \(Int(timeout)) s and was stopped (status \(stopped)); stderr: \(stderrText.suffix(500))")
        }
        return ToolResult(status: status, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: stderrText, stdoutData: stdoutData)
    }
}
