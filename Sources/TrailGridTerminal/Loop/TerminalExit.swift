/// How a session ended.
public enum TerminalExit: Sendable, Equatable {
    /// The update closure returned `nil`.
    case quit
    /// SIGINT, SIGTERM or SIGHUP arrived; the terminal was restored.
    case signal(Int32)
}
