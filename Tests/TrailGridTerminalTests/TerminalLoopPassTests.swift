import Testing
import TrailGridUI
@testable import TrailGridTerminal

/// The order of the terminal loop's work in a pass, with a program that
/// records what it was asked to do: keys are handled and drawn before the
/// batches that queued up meanwhile, and only drawn frames are rendered.
@Suite struct TerminalLoopPassTests {
    /// Records every call; its frame shows how many keys and messages it took.
    struct Recorder: TerminalProgram {
        var log: [String] = []
        var keys = 0
        var messages = 0
        var quitOn: Key?

        mutating func update(_ input: TerminalInput<Int>) -> Bool {
            if !input.keys.isEmpty { log.append("keys \(input.keys.count)") }
            if !input.messages.isEmpty { log.append("messages \(input.messages)") }
            if input.isTick { log.append("tick") }
            keys += input.keys.count
            messages += input.messages.count
            return !input.keys.contains { $0 == quitOn }
        }

        mutating func render() -> Canvas {
            log.append("render")
            return Canvas(lines: ["\(keys) keys \(messages) messages"])
        }
    }

    static let start = ContinuousClock.now

    /// A pass at `milliseconds` after the start, returning what was drawn.
    static func pass(
        _ loop: inout TerminalLoopPass<Recorder>, at milliseconds: Int, keys: [Key] = [], messages: [Int] = [],
        drained: (([String]) -> Void)? = nil
    ) throws -> (running: Bool, drawn: [String]) {
        var drawn: [String] = []
        let now = start + .milliseconds(milliseconds)
        let running = try loop.run(
            keys: keys, drain: { drained?(drawn); return messages }, size: TerminalSize(columns: 80, rows: 24),
            now: { now }, draw: { drawn.append($0.lines[0].trimmingCharacters(in: .whitespaces)) })
        return (running, drawn)
    }

    static func loop() -> TerminalLoopPass<Recorder> {
        TerminalLoopPass(program: Recorder(), scheduler: FrameScheduler(
            tickInterval: .milliseconds(250), maxFramesPerSecond: 30, now: start))
    }

    @Test func aKeyIsDrawnBeforeTheBatchesThatQueuedWithIt() throws {
        var loop = Self.loop()
        _ = try Self.pass(&loop, at: 0)  // the first frame
        _ = try Self.pass(&loop, at: 5, messages: [1])  // a batch, drawn later (frame budget)
        loop.program.log = []
        let result = try Self.pass(&loop, at: 10, keys: [.char("j")], messages: [2, 3])
        // The key's frame is drawn at once and holds the key but not the batches waiting in the mailbox.
        #expect(result.drawn == ["1 keys 1 messages"])
        #expect(loop.program.log == ["keys 1", "render", "messages [2, 3]"])
        #expect(loop.scheduler.isDirty, "the batches are drawn with the next frame")
    }

    @Test func theMailboxIsDrainedOnlyAfterTheKeysFrame() throws {
        var loop = Self.loop()
        var drawnWhenDraining: [String]?
        let result = try Self.pass(&loop, at: 0, keys: [.char("?")], messages: [1]) { drawnWhenDraining = $0 }
        #expect(drawnWhenDraining == ["1 keys 0 messages"])
        // The first frame after it waits for the frame budget.
        #expect(result.drawn == ["1 keys 0 messages"])
    }

    @Test func batchesBetweenFramesAreRenderedOnce() throws {
        var loop = Self.loop()
        _ = try Self.pass(&loop, at: 0)
        loop.program.log = []
        var drawn: [String] = []
        // 30 batches within one frame budget (1 ms apart), then the pass after the budget.
        for millisecond in 1...30 { drawn += try Self.pass(&loop, at: millisecond, messages: [millisecond]).drawn }
        #expect(drawn.isEmpty)
        #expect(!loop.program.log.contains("render"), "no frame is rendered that is not drawn")
        drawn += try Self.pass(&loop, at: 40).drawn
        #expect(drawn == ["0 keys 30 messages"])
        #expect(loop.program.log.filter { $0 == "render" }.count == 1)
    }

    @Test func aPassWithNothingNewRendersNothing() throws {
        var loop = Self.loop()
        _ = try Self.pass(&loop, at: 0)
        loop.program.log = []
        for millisecond in stride(from: 50, to: 240, by: 10) { _ = try Self.pass(&loop, at: millisecond) }
        #expect(loop.program.log.isEmpty)
        // The tick reaches the program and is drawn.
        let tick = try Self.pass(&loop, at: 260)
        #expect(loop.program.log == ["tick", "render"])
        #expect(tick.drawn.count == 1)
    }

    @Test func aQuittingKeyEndsThePassBeforeAnythingElse() throws {
        var loop = Self.loop()
        loop.program.quitOn = .char("q")
        _ = try Self.pass(&loop, at: 0)
        loop.program.log = []
        let result = try Self.pass(&loop, at: 100, keys: [.char("q")], messages: [7])
        #expect(!result.running)
        #expect(result.drawn.isEmpty)
        #expect(loop.program.log == ["keys 1"])
    }
}
