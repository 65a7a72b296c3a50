/// When the terminal loop draws a frame and how long it may sleep. It never
/// reads the clock (every call is given `now`), so its rules are unit-tested
/// without a terminal or real time.
///
/// - A change made by keys is drawn at once: a key's frame never waits for
///   the frame budget. The cap exists so a fast feed does not redraw the
///   screen hundreds of times a second, not to delay the person typing.
/// - Changes made by mailbox messages and ticks are coalesced: however many
///   arrive, at most one frame is drawn per `1 / maxFramesPerSecond`.
/// - Nothing is drawn when nothing changed.
struct FrameScheduler {
    typealias Instant = ContinuousClock.Instant

    let frameInterval: Duration
    let tickInterval: Duration
    /// When the next tick is due.
    private(set) var nextTick: Instant
    /// When the last frame was drawn; nil before the first.
    private(set) var lastDraw: Instant?
    /// Whether the program's state changed since the last frame was drawn.
    private(set) var isDirty = false
    /// Whether keys changed it: then the frame is due now.
    private(set) var keysPending = false

    init(tickInterval: Duration, maxFramesPerSecond: Int, now: Instant) {
        self.tickInterval = tickInterval
        frameInterval = Duration.seconds(1) / max(1, maxFramesPerSecond)
        nextTick = now + tickInterval
    }

    /// Whether a tick is due at `now`; if so the next one is scheduled a
    /// tick interval from `now`.
    mutating func takeTick(now: Instant) -> Bool {
        guard now >= nextTick else { return false }
        nextTick = now + tickInterval
        return true
    }

    /// The program's state changed, by keys or by messages and ticks.
    mutating func noteChange(byKeys: Bool) {
        isDirty = true
        keysPending = keysPending || byKeys
    }

    /// Whether a frame should be drawn at `now`.
    func shouldDraw(now: Instant) -> Bool {
        guard isDirty else { return false }
        guard !keysPending, let lastDraw else { return true }
        return now - lastDraw >= frameInterval
    }

    /// A frame was drawn at `now`.
    mutating func didDraw(at now: Instant) {
        lastDraw = now
        isDirty = false
        keysPending = false
    }

    /// How long the loop may wait for input at `now` before it has work of
    /// its own: the next tick, or the end of the frame budget when a coalesced
    /// change is waiting to be drawn.
    func wait(now: Instant) -> Duration {
        var wait = nextTick - now
        if isDirty {
            if shouldDraw(now: now) { return .zero }
            if let lastDraw { wait = min(wait, lastDraw + frameInterval - now) }
        }
        return max(.zero, wait)
    }
}
