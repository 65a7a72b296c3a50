import ArgumentParser
import Foundation
import TrailGridCore
import TrailGridStore

/// `--state`, `--reset-state` and retention: where the dashboard keeps what it learns.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: "State file (default: state.sqlite in a folder of the state directory named for these inputs).")
    var state: String?

    @Flag(name: .long, help: "Move the state file aside (timestamped, never deleted) and start afresh.")
    var resetState = false

    @Option(name: .long, help: "Keep matched events this long (30d, 12h, 90m).")
    var retain = "30d"

    @Option(name: .long, help: "Keep at most this many matched events.")
    var retainEvents = 500_000

    func validate() throws {
        guard Self.milliseconds(retain) != nil else { throw ValidationError("--retain takes a duration such as 30d, 12h or 90m") }
        guard retainEvents > 0 else { throw ValidationError("--retain-events must be positive") }
    }

    /// Durations in days, hours, minutes or seconds.
    static func milliseconds(_ text: String) -> Int64? {
        DurationText.milliseconds(text, bareUnit: nil)
    }

    /// Inputs as the state file records them: the same feeds and inventory
    /// (by absolute path, in any order) share one state, others never do.
    static func inputsDescription(events: [String], inventory: String?) -> String {
        let feeds = events.map(absolutePath).sorted().joined(separator: ",")
        return "events=[\(feeds)] inventory=\(inventory.map(absolutePath) ?? "none")"
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The default file for `inputs`: one folder per distinct set of inputs.
    static func defaultPath(inputs: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in inputs.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let name = String(hash, radix: 16)
        return StateDirectory.path + "/watch-" + String(repeating: "0", count: 16 - name.count) + name + "/state.sqlite"
    }

    /// Opens the store and reads it. A file that is someone else's, damaged,
    /// locked or kept for other inputs stops the command with one line; one
    /// that cannot be written leaves the dashboard in memory, and says so.
    func open(inputs: String, feedLimit: Int) throws -> (store: StateStore?, stored: StoredState?, warning: String?) {
        let path = state ?? Self.defaultPath(inputs: inputs)
        if resetState {
            do {
                if let moved = try StateStore.moveAside(path: path, now: wallClockMilliseconds()) {
                    StandardStreams.error("trailgrid: moved the state file \(path) aside to \(moved)")
                }
            } catch {
                StandardStreams.error("trailgrid: \(error)")
                throw ExitCode(2)
            }
        }
        let retention = StateStore.Retention(window: Self.milliseconds(retain) ?? 30 * 86_400_000, maxEvents: retainEvents)
        do throws(StateStoreError) {
            let store = try StateStore.open(path: path, inputs: inputs, retention: retention)
            let stored = try store.load(feedLimit: feedLimit)
            if stored.unreadableFacts + stored.unreadableEvents > 0 {
                StandardStreams.error("trailgrid: warning: \(path): \(stored.unreadableFacts) stored facts and \(stored.unreadableEvents) stored events no longer decode and were left out")
            }
            return (store, stored, nil)
        } catch {
            if case .unwritable = error {
                let warning = "state not saved: \(error)"
                StandardStreams.error("trailgrid: warning: \(warning); monitoring goes on in memory")
                return (nil, nil, warning)
            }
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
    }
}
