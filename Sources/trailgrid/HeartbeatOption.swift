import ArgumentParser

/// `--heartbeat`: how long a cell may show trail-channel activity with no
/// real-time event before it is SILENT. One spelling for every command
/// (`90s`, `15m`, `1h`; a bare number is minutes), where demo once took
/// seconds, watch minutes and check `--heartbeat-minutes`.
struct Heartbeat: ExpressibleByArgument, Sendable, CustomStringConvertible {
    let milliseconds: Int64

    init(minutes: Int64) { milliseconds = minutes * 60_000 }
    init(seconds: Int64) { milliseconds = seconds * 1000 }

    init?(argument: String) {
        guard let milliseconds = DurationText.milliseconds(argument, bareUnit: 60_000), milliseconds <= 7 * 86_400_000 else { return nil }
        self.milliseconds = milliseconds
    }

    var description: String {
        milliseconds % 3_600_000 == 0 ? "\(milliseconds / 3_600_000)h"
            : milliseconds % 60_000 == 0 ? "\(milliseconds / 60_000)m" : "\(milliseconds / 1000)s"
    }

    static let help = "Trail-channel activity with no real-time event for this long makes a cell SILENT: 90s, 15m, 1h (a bare number is minutes)."
}
