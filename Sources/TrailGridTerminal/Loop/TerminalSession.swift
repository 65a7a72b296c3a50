#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Synchronization
import TrailGridUI

/// Runs the dashboard's terminal loop on one dedicated OS thread (not an
/// actor: an actor does not pin work to a thread, and a blocking `poll` would
/// hold a cooperative-pool thread; STYLE.md §2.1).
///
/// Each pass `poll`s stdin, the mailbox's pipe and a signal pipe; drains all
/// keys and all messages; hands them to the caller's update closure in one
/// batch; and draws the canvas it returns, at most `maxFramesPerSecond` times a
/// second. The terminal is restored on every way out: normal quit, a quit
/// signal, a thrown error, `exit()`, or a crash.
public enum TerminalSession {
    /// Runs a session and returns when it ends, without blocking the caller's
    /// executor.
    ///
    /// - Parameters:
    ///   - mailbox: where background work posts messages for `update`.
    ///   - makeUpdate: called once, on the UI thread, with what the terminal
    ///     turned out to be; returns the update closure, which lives and runs
    ///     only on that thread (so it may own non-Sendable state). The closure
    ///     returns the next canvas, or `nil` to quit; an error it throws ends
    ///     the session and is rethrown after the terminal is restored.
    /// - Throws: `TerminalError` when there is no usable terminal, or what
    ///   the update closure threw.
    public static func run<Message: Sendable>(
        mailbox: Mailbox<Message>,
        options: TerminalOptions = TerminalOptions(),
        makeUpdate: @escaping @Sendable (TerminalContext) -> (TerminalInput<Message>) throws -> Canvas?
    ) async throws -> TerminalExit {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try runOnCurrentThread(mailbox: mailbox, options: options, makeUpdate: makeUpdate)
                })
            }
            thread.name = "trailgrid-ui"
            thread.start()
        }
    }

    /// Runs a session on the calling thread, which becomes the UI thread until
    /// it returns. For callers that already own a dedicated thread.
    public static func runOnCurrentThread<Message: Sendable>(
        mailbox: Mailbox<Message>,
        options: TerminalOptions = TerminalOptions(),
        makeUpdate: (TerminalContext) -> (TerminalInput<Message>) throws -> Canvas?
    ) throws -> TerminalExit {
        let signalPipe = try makeWakePipe()
        defer {
            close(signalPipe.read)
            close(signalPipe.write)
        }
        let backend = try NcursesBackend(options: options)
        let previousHandlers = TerminalRestorer.activate(wakeDescriptor: signalPipe.write)
        defer {
            backend.shutdown()
            TerminalRestorer.deactivate(restoring: previousHandlers)
        }
        let update = makeUpdate(backend.context)
        return try runLoop(backend: backend, mailbox: mailbox, signalDescriptor: signalPipe.read,
                       options: options, update: update)
    }

    private static func runLoop<Message: Sendable>(
        backend: NcursesBackend,
        mailbox: Mailbox<Message>,
        signalDescriptor: Int32,
        options: TerminalOptions,
        update: (TerminalInput<Message>) throws -> Canvas?
    ) throws -> TerminalExit {
        let clock = ContinuousClock()
        let frameInterval = Duration.seconds(1) / options.maxFramesPerSecond
        var lastDraw: ContinuousClock.Instant?
        var nextTick = clock.now + options.tickInterval
        var pending: Canvas?
        var isFirstPass = true
        var descriptors = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            if let signal = TerminalRestorer.pendingSignal { return .signal(signal) }
            let keys = backend.readKeys()
            let messages = mailbox.drain()
            var now = clock.now
            let isTick = now >= nextTick
            if isTick { nextTick = now + options.tickInterval }
            if isFirstPass || isTick || !keys.isEmpty || !messages.isEmpty {
                isFirstPass = false
                let input = TerminalInput(keys: keys, messages: messages, size: backend.size, isTick: isTick)
                guard let canvas = try update(input) else { return .quit }
                pending = canvas
            }
            now = clock.now
            if let canvas = pending, lastDraw.map({ now - $0 >= frameInterval }) ?? true {
                backend.draw(canvas)
                lastDraw = clock.now
                pending = nil
            }
            var wait = nextTick - clock.now
            if pending != nil, let lastDraw {
                wait = min(wait, lastDraw + frameInterval - clock.now)
            }
            // Keys left in ncurses' own buffer do not make stdin readable.
            if backend.hasBufferedKeys { wait = .zero }
            let milliseconds = max(0, Int32(clamping: wait.components.seconds * 1000
                + wait.components.attoseconds / 1_000_000_000_000_000))
            for index in descriptors.indices { descriptors[index].revents = 0 }
            // EINTR (SIGWINCH, a quit signal) just ends the wait early.
            _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            drainWakePipe(signalDescriptor)
        }
    }
}
