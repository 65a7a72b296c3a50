#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CNcurses
import Synchronization

/// Makes sure the terminal is given back (`endwin`) however the process ends:
/// a quit signal only records itself and wakes the loop, whose `defer` then
/// restores the terminal; `atexit` covers `exit()`; a crash signal restores it
/// best-effort before the default action runs (htop's `CRT_handleSIGSEGV`).
///
/// Signal handlers may only touch lock-free atomics and call async-signal-safe
/// functions (`write`), so the state lives in static atomics initialised
/// before any handler is installed.
enum TerminalRestorer {
    /// Whether ncurses currently owns the terminal.
    private static let active = Atomic<Bool>(false)
    /// The last quit signal received, 0 if none.
    private static let receivedSignal = Atomic<Int32>(0)
    /// The write end of the loop's signal pipe, -1 when no loop runs.
    private static let wakeDescriptor = Atomic<Int32>(-1)
    private static let atexitInstalled = Atomic<Bool>(false)

    /// Signals that end the session cleanly.
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// Signals after which the process dies; the terminal is restored first.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Marks the terminal as taken over, installs the handlers (once for
    /// `atexit`), and directs quit signals to `wakeDescriptor`.
    /// - Returns: the handlers that were in place, for `deactivate`.
    static func activate(wakeDescriptor descriptor: Int32) -> [Int32: sigaction] {
        receivedSignal.store(0, ordering: .relaxed)
        wakeDescriptor.store(descriptor, ordering: .sequentiallyConsistent)
        active.store(true, ordering: .sequentiallyConsistent)
        if !atexitInstalled.exchange(true, ordering: .relaxed) {
            atexit { TerminalRestorer.restoreIfActive() }
        }
        var previous: [Int32: sigaction] = [:]
        for signal in quitSignals {
            previous[signal] = install(signal, flags: 0) { number in
                TerminalRestorer.receivedSignal.store(number, ordering: .relaxed)
                var byte: UInt8 = 1
                _ = write(TerminalRestorer.wakeDescriptor.load(ordering: .relaxed), &byte, 1)
            }
        }
        for signal in crashSignals {
            // SA_RESETHAND: the default action is back when the handler re-raises.
            previous[signal] = install(signal, flags: Int32(truncatingIfNeeded: SA_RESETHAND)) { number in
                TerminalRestorer.restoreIfActive()
                raise(number)
            }
        }
        return previous
    }

    /// Restores the previous handlers and forgets the wake descriptor.
    static func deactivate(restoring previous: [Int32: sigaction]) {
        for (signal, action) in previous {
            var old = action
            sigaction(signal, &old, nil)
        }
        wakeDescriptor.store(-1, ordering: .sequentiallyConsistent)
    }

    /// The quit signal received since `activate`, if any.
    static var pendingSignal: Int32? {
        let number = receivedSignal.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Calls `endwin` if ncurses still owns the terminal. Safe to call twice.
    static func restoreIfActive() {
        if active.exchange(false, ordering: .sequentiallyConsistent) {
            endwin()
        }
    }

    private static func install(
        _ signal: Int32, flags: Int32, _ handler: @convention(c) (Int32) -> Void
    ) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handler
        #else
            action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }
}
