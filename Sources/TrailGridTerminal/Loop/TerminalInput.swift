import TrailGridUI

/// Everything that happened since the previous loop pass, handed to the
/// caller's update closure in one batch (render once after draining all
/// events, STYLE.md §2.3).
public struct TerminalInput<Message: Sendable> {
    /// Keys in the order typed; `.resize` appears when the size changed.
    public var keys: [Key]
    /// Mailbox messages in the order posted.
    public var messages: [Message]
    /// The terminal's size now; render a canvas of this size.
    public var size: TerminalSize
    /// Whether the tick interval elapsed (drives clocks and rates).
    public var isTick: Bool

    public init(keys: [Key], messages: [Message], size: TerminalSize, isTick: Bool) {
        self.keys = keys
        self.messages = messages
        self.size = size
        self.isTick = isTick
    }
}
