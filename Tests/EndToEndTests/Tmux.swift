import Foundation
import TestProcesses

/// Drives a program in a private tmux server, as a person at a terminal
/// would: send keys, read the screen, wait for text with a timeout (STYLE §3.15).
final class Tmux {
    let socket = "trailgrid-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let directory: URL

    /// Starts `command` in a `columns`×`rows` pane in `directory`; the pane
    /// prints `[exited N]` when the program ends.
    init(_ command: String, columns: Int = 160, rows: Int = 45, directory: URL, environment: [String: String] = [:]) throws {
        self.directory = directory
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        // `timeout` bounds a program whose test died without killing the
        // server (a killed test run leaves no deinit): a leaked demo would
        // otherwise spin for hours and slow every later run.
        let shell = "env LANG=C.UTF-8 TERM=tmux-256color TRAILGRID_STATE_DIR='\(directory.path)/state' \(exports) timeout --foreground 900 \(command); echo \"[exited $?]\"; sleep 60"
        // The server tmux forks daemonizes; its output goes to files, so nothing waits on it.
        try run(["new-session", "-d", "-x", String(columns), "-y", String(rows), "-c", directory.path, shell])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// A tmux client that does not answer within 30 s (a wedged server)
    /// fails the test instead of hanging the run.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        try ChildProcess.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, timeout: 30).stdout
    }

    var screen: String { (try? run(["capture-pane", "-p"])) ?? "" }

    var title: String { ((try? run(["display-message", "-p", "#{pane_title}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Types literal text.
    func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

    /// Presses named keys (`Enter`, `Escape`, `Tab`, `Space`…).
    func press(_ keys: String...) throws { try run(["send-keys"] + keys) }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-x", String(columns), "-y", String(rows)])
    }

    /// Waits until the screen matches `pattern` (a regular expression);
    /// returns the screen, or throws with the last screen on timeout.
    @discardableResult
    func wait(for pattern: String, timeout: TimeInterval = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if last.range(of: pattern, options: .regularExpression) != nil { return last }
            usleep(100_000)
        }
        throw Timeout(pattern: pattern, screen: last)
    }

    struct Timeout: Error, CustomStringConvertible {
        var pattern: String
        var screen: String
        var description: String { "timed out waiting for /\(pattern)/; the screen was:\n\(screen)" }
    }
}
