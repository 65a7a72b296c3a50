#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CNcurses
import Foundation
import Synchronization
import TrailGridUI

/// Runs the dashboard's terminal loop on one dedicated OS thread (not an
/// actor: an actor does not pin work to a thread, and a blocking `poll` would
/// hold a cooperative-pool thread; STYLE.md §2.1).
///
/// Each pass `poll`s stdin, the mailbox's pipe and a signal pipe, then hands
/// the program the keys (drawn at once) and then every message (drawn at most
/// `maxFramesPerSecond` times a second): `TerminalLoopPass` and
/// `FrameScheduler`. The terminal is restored on every way
/// out: normal quit, a quit signal, a thrown error, `exit()`, or a crash.
public enum TerminalSession {
    /// Runs a session and returns when it ends, without blocking the caller's
    /// executor.
    ///
    /// - Parameters:
    ///   - mailbox: where background work posts messages for the program.
    ///   - makeProgram: called once, on the UI thread, with what the terminal
    ///     turned out to be; returns the program, which lives and runs only
    ///     on that thread.
    /// - Throws: `TerminalError` when there is no usable terminal, or what
    ///   the program threw.
    public static func run<Program: TerminalProgram>(
        mailbox: Mailbox<Program.Message>,
        options: TerminalOptions = TerminalOptions(),
        makeProgram: @escaping @Sendable (TerminalContext) -> Program
    ) async throws -> TerminalExit {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                // Foundation on Linux does not name the OS thread, which kept the name
                // of the pool thread that started it: name it for top, perf and gdb.
                tg_name_this_thread("trailgrid-ui")
                continuation.resume(with: Result {
                    try runOnCurrentThread(mailbox: mailbox, options: options, makeProgram: makeProgram)
                })
            }
            thread.name = "trailgrid-ui"
            thread.start()
        }
    }

    /// Runs a session on the calling thread, which becomes the UI thread until
    /// it returns. For callers that already own a dedicated thread.
    public static func runOnCurrentThread<Program: TerminalProgram>(
        mailbox: Mailbox<Program.Message>,
        options: TerminalOptions = TerminalOptions(),
        makeProgram: (TerminalContext) -> Program
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
        return try runLoop(backend: backend, mailbox: mailbox, signalDescriptor: signalPipe.read,
                           options: options, program: makeProgram(backend.context))
    }

    private static func runLoop<Program: TerminalProgram>(
        backend: NcursesBackend,
        mailbox: Mailbox<Program.Message>,
        signalDescriptor: Int32,
        options: TerminalOptions,
        program: Program
    ) throws -> TerminalExit {
        let clock = ContinuousClock()
        var loop = TerminalLoopPass(program: program, options: options, now: clock.now)
        var descriptors = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            if let signal = TerminalRestorer.pendingSignal { return .signal(signal) }
            let keys = backend.readKeys()
            guard try loop.run(keys: keys, drain: mailbox.drain, size: backend.size, now: { clock.now },
                               draw: backend.draw) else { return .quit }
            // Keys left in ncurses' own buffer do not make stdin readable.
            let wait = backend.hasBufferedKeys ? .zero : loop.scheduler.wait(now: clock.now)
            // Rounded up: a wait rounded down to 0 ms would spin until the frame is due.
            let milliseconds = Int32(clamping: wait.components.seconds * 1000
                + (wait.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            for index in descriptors.indices { descriptors[index].revents = 0 }
            // EINTR (SIGWINCH, a quit signal) just ends the wait early.
            _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            drainWakePipe(signalDescriptor)
        }
    }
}
