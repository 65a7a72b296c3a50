import TrailGridUI

/// What the terminal loop runs: state that input changes, and the frame that
/// shows it. Updating and rendering are separate so the loop renders only the
/// frames it draws: a fast feed may update the state many times between two
/// frames, and rendering each of those would be wasted work on the thread
/// that also answers the keyboard.
///
/// A program lives on the UI thread only, so it may own non-`Sendable` state.
public protocol TerminalProgram<Message> {
    associatedtype Message: Sendable

    /// Takes what happened since the previous call (keys, or mailbox
    /// messages and ticks). Returns `false` to end the session; an error it
    /// throws ends the session and is rethrown after the terminal is restored.
    mutating func update(_ input: TerminalInput<Message>) throws -> Bool

    /// The frame to draw now, at the size of the last input.
    mutating func render() -> Canvas
}
