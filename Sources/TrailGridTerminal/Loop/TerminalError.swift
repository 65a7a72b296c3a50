/// Why the terminal could not be used; each says what to do about it.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or run from cron).
    case notATerminal
    /// ncurses could not set up this terminal type.
    case cannotInitialize(term: String)
    /// A system call failed with this errno.
    case systemCall(String, Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "trailgrid's dashboard needs a terminal: stdin and stdout must both be a TTY "
                + "(use `trailgrid check` or `trailgrid scan` for headless output)"
        case .cannotInitialize(let term):
            return "cannot open the terminal with TERM=\(term.isEmpty ? "(unset)" : term); "
                + "set TERM to a type this system's terminfo knows, e.g. xterm-256color"
        case .systemCall(let name, let code):
            return "\(name) failed (errno \(code))"
        }
    }
}
