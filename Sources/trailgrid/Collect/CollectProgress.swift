import Synchronization

/// What a collect shows while it runs. On a terminal, one bar redrawn in
/// place: cells done of the total (estimated until every account's regions
/// are known), calls a second, failed calls and an ETA. Without a terminal
/// (a log, CI), one line per account as it finishes, which a log keeps and
/// a grep finds. Failures are printed as they happen in both.
final class CollectProgress: Sendable {
    enum Mode: Sendable { case bar, lines, quiet }

    let mode: Mode
    let startedAt: Int64
    private let calls: @Sendable () -> Int
    private let clock: @Sendable () -> Int64
    private let output: @Sendable (String) -> Void
    private let state = Mutex(State())

    struct State {
        var accounts = 0
        var accountsSized = 0
        var cells = 0
        var cellsDone = 0
        var failures = 0
        var barShown = false
    }

    init(mode: Mode, startedAt: Int64, calls: @escaping @Sendable () -> Int, clock: @escaping @Sendable () -> Int64 = wallClockMilliseconds,
         output: @escaping @Sendable (String) -> Void = { StandardStreams.write($0, to: 2) }) {
        self.mode = mode
        self.startedAt = startedAt
        self.calls = calls
        self.clock = clock
        self.output = output
    }

    func expect(accounts: Int) { state.withLock { $0.accounts = accounts } }

    /// An account's regions are known: its cells join the total.
    func expect(cells: Int) {
        state.withLock {
            $0.cells += cells
            $0.accountsSized += 1
        }
    }

    func cellDone() { state.withLock { $0.cellsDone += 1 } }

    func accountDone(_ line: String) {
        guard mode == .lines else { return }
        output(line + "\n")
    }

    func failed(_ line: String) {
        let shown = state.withLock { state -> Bool in
            state.failures += 1
            defer { state.barShown = false }
            return state.barShown
        }
        guard mode != .quiet else { return }
        output((shown ? "\r\u{1B}[K" : "") + "trailgrid: failed: \(line)\n")
    }

    /// Redraws the bar (terminal mode only).
    func tick() {
        guard mode == .bar else { return }
        let line = barLine(width: 78)
        state.withLock { $0.barShown = true }
        output("\r\u{1B}[K" + line)
    }

    /// Ends the bar's line so that what follows starts on its own.
    func finish() {
        guard mode == .bar else { return }
        tick()
        output("\n")
    }

    var counts: State { state.withLock { $0 } }

    /// `collect [#####-----] 120/340 cells · 85 calls/s · 2 errors · ETA 0:42`.
    func barLine(width: Int) -> String {
        let now = clock()
        let snapshot = counts
        let elapsed = Double(max(now - startedAt, 1)) / 1000
        let rate = Double(calls()) / elapsed
        // Accounts whose regions are not listed yet are assumed as large as the others.
        let perAccount = snapshot.accountsSized > 0 ? Double(snapshot.cells) / Double(snapshot.accountsSized) : 0
        let total = max(snapshot.cells + Int((Double(max(snapshot.accounts - snapshot.accountsSized, 0)) * perAccount).rounded()), snapshot.cellsDone)
        var eta = "ETA -"
        if snapshot.cellsDone > 0, total > 0 {
            let remaining = elapsed * Double(total - snapshot.cellsDone) / Double(snapshot.cellsDone)
            eta = "ETA " + Self.duration(remaining)
        }
        let tail = " \(snapshot.cellsDone)/\(total) cells · \(Int(rate.rounded())) calls/s · \(snapshot.failures) error\(snapshot.failures == 1 ? "" : "s") · \(eta)"
        let barWidth = max(10, width - tail.count - 10)
        let filled = total > 0 ? min(barWidth, barWidth * snapshot.cellsDone / total) : 0
        return "collect [" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]" + tail
    }

    /// `0:42`, `12:05`, `3:07:00`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
