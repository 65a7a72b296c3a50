import Testing
@testable import TrailGridTerminal

/// The terminal loop's drawing rules, with time given explicitly: a key's
/// frame is drawn at once, a stream of messages is coalesced to the frame
/// rate, and the loop sleeps only as long as nothing is due.
@Suite struct FrameSchedulerTests {
    static let start = ContinuousClock.now
    static func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    /// 30 frames a second (a 33.3 ms budget), ticks every 250 ms.
    static func scheduler() -> FrameScheduler {
        FrameScheduler(tickInterval: .milliseconds(250), maxFramesPerSecond: 30, now: start)
    }

    @Test func theFirstChangeIsDrawnAtOnce() {
        var scheduler = Self.scheduler()
        #expect(!scheduler.shouldDraw(now: Self.at(0)), "nothing changed yet")
        scheduler.noteChange(byKeys: false)
        #expect(scheduler.shouldDraw(now: Self.at(0)))
        #expect(scheduler.wait(now: Self.at(0)) == .zero)
    }

    @Test func aKeyIsDrawnAtOnceEvenRightAfterAFrame() {
        var scheduler = Self.scheduler()
        scheduler.noteChange(byKeys: false)
        scheduler.didDraw(at: Self.at(100))
        // A key 1 ms after a batch's frame: the frame budget does not apply to it.
        scheduler.noteChange(byKeys: true)
        #expect(scheduler.shouldDraw(now: Self.at(101)))
        #expect(scheduler.wait(now: Self.at(101)) == .zero)
        scheduler.didDraw(at: Self.at(102))
        #expect(!scheduler.shouldDraw(now: Self.at(102)))
    }

    @Test func messagesRightAfterAFrameWaitForTheFrameBudget() {
        var scheduler = Self.scheduler()
        scheduler.noteChange(byKeys: false)
        scheduler.didDraw(at: Self.at(100))
        scheduler.noteChange(byKeys: false)
        #expect(!scheduler.shouldDraw(now: Self.at(110)))
        // It sleeps until the budget ends (33.3 ms after the frame), not until the next tick.
        let wait = scheduler.wait(now: Self.at(110))
        #expect(wait > .milliseconds(23) && wait < .milliseconds(24), "\(wait)")
        #expect(scheduler.shouldDraw(now: Self.at(134)))
    }

    @Test func aStreamOfMessagesIsDrawnAtTheFrameRate() {
        var scheduler = Self.scheduler()
        var frames = 0
        // A batch every millisecond for one second: 1,000 changes.
        for millisecond in 0..<1_000 {
            scheduler.noteChange(byKeys: false)
            if scheduler.shouldDraw(now: Self.at(millisecond)) {
                scheduler.didDraw(at: Self.at(millisecond))
                frames += 1
            }
        }
        #expect(frames >= 29 && frames <= 31, "\(frames) frames")
    }

    @Test func keysDuringAStreamAreEachDrawnAtOnce() {
        var scheduler = Self.scheduler()
        var frames = 0
        var keyFramesDelayed = 0
        for millisecond in 0..<1_000 {
            if millisecond % 50 == 7 {
                // The loop handles keys first and draws their frame in the same pass.
                scheduler.noteChange(byKeys: true)
                if scheduler.shouldDraw(now: Self.at(millisecond)) {
                    scheduler.didDraw(at: Self.at(millisecond))
                    frames += 1
                } else {
                    keyFramesDelayed += 1
                }
            }
            scheduler.noteChange(byKeys: false)
            if scheduler.shouldDraw(now: Self.at(millisecond)) {
                scheduler.didDraw(at: Self.at(millisecond))
                frames += 1
            }
        }
        #expect(keyFramesDelayed == 0)
        // 20 key frames on top of the coalesced stream, which they also serve.
        #expect(frames >= 30 && frames <= 51, "\(frames) frames")
    }

    @Test func nothingChangedMeansNoFrameAndSleepUntilTheTick() {
        var scheduler = Self.scheduler()
        scheduler.noteChange(byKeys: false)
        scheduler.didDraw(at: Self.at(10))
        #expect(!scheduler.shouldDraw(now: Self.at(500)))
        #expect(scheduler.wait(now: Self.at(100)) == .milliseconds(150))
        let early = scheduler.takeTick(now: Self.at(249))
        let due = scheduler.takeTick(now: Self.at(260))
        #expect(!early && due)
        #expect(scheduler.nextTick == Self.at(510))
        let again = scheduler.takeTick(now: Self.at(300))
        #expect(!again)
    }

    @Test func aLateLoopNeverWaitsANegativeTime() {
        var scheduler = Self.scheduler()
        #expect(scheduler.wait(now: Self.at(1_000)) == .zero)
        scheduler.noteChange(byKeys: false)
        scheduler.didDraw(at: Self.at(0))
        scheduler.noteChange(byKeys: false)
        #expect(scheduler.wait(now: Self.at(200)) == .zero)
    }
}
