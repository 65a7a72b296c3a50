import TrailGridUI

/// The terminal loop's work between two waits, apart from the terminal
/// itself, so its order is tested with a fake program and explicit times.
///
/// Keys come first: the keys waiting are handed to the program and their
/// frame is drawn at once, before the mailbox is drained (a person waits on
/// the key; nobody waits on a batch, which is drawn with the next frame).
/// Then every message, and a due tick, go to the program in one batch; their
/// frame waits for the frame budget (`FrameScheduler`). The program renders
/// only the frames that are drawn.
///
/// Public so that `trailgrid bench` times key-to-frame through this very
/// code rather than a copy of its order.
public struct TerminalLoopPass<Program: TerminalProgram> {
    public typealias Instant = ContinuousClock.Instant

    var program: Program
    var scheduler: FrameScheduler
    private var isFirstPass = true

    init(program: Program, scheduler: FrameScheduler) {
        self.program = program
        self.scheduler = scheduler
    }

    /// A loop pass whose ticks and frame budget follow `options`, starting at `now`.
    public init(program: Program, options: TerminalOptions, now: Instant) {
        self.init(program: program, scheduler: FrameScheduler(
            tickInterval: options.tickInterval, maxFramesPerSecond: options.maxFramesPerSecond, now: now))
    }

    /// Runs one pass. `drain` is called once, after the keys' frame is
    /// drawn; `now` is read whenever the time matters.
    ///
    /// - Returns: `false` when the program asked to quit.
    public mutating func run(
        keys: [Key], drain: () -> [Program.Message], size: TerminalSize,
        now: () -> Instant, draw: (Canvas) -> Void
    ) throws -> Bool {
        if !keys.isEmpty {
            guard try program.update(TerminalInput(keys: keys, messages: [], size: size, isTick: false)) else { return false }
            scheduler.noteChange(byKeys: true)
            drawIfDue(now: now, draw: draw)
        }
        let messages = drain()
        let isTick = scheduler.takeTick(now: now())
        if isFirstPass || isTick || !messages.isEmpty {
            isFirstPass = false
            guard try program.update(TerminalInput(keys: [], messages: messages, size: size, isTick: isTick)) else { return false }
            scheduler.noteChange(byKeys: false)
        }
        drawIfDue(now: now, draw: draw)
        return true
    }

    /// Renders and draws a frame if the scheduler says one is due.
    private mutating func drawIfDue(now: () -> Instant, draw: (Canvas) -> Void) {
        guard scheduler.shouldDraw(now: now()) else { return }
        draw(program.render())
        scheduler.didDraw(at: now())
    }
}
