import Foundation
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

/// What the terminal turned out to be, fixed for the session: lets the caller
/// pick glyphs and, for a monochrome terminal, the monochrome theme.
public struct TerminalContext: Sendable, Hashable {
    public var size: TerminalSize
    public var colorDepth: ColorDepth
    /// `.ascii` when the locale's codeset is not UTF-8.
    public var glyphSet: GlyphSet

    public init(size: TerminalSize, colorDepth: ColorDepth, glyphSet: GlyphSet) {
        self.size = size
        self.colorDepth = colorDepth
        self.glyphSet = glyphSet
    }
}

/// Settings for a terminal session.
public struct TerminalOptions: Sendable {
    /// `--no-color`: attributes only, whatever the terminal supports.
    public var forceMonochrome: Bool
    /// How often the update closure runs with no input (`isTick`).
    public var tickInterval: Duration
    /// The most frames drawn per second; extra updates are coalesced.
    public var maxFramesPerSecond: Int
    /// Where `NO_COLOR` and `TERM` are read.
    public var environment: [String: String]

    public init(
        forceMonochrome: Bool = false,
        tickInterval: Duration = .seconds(1),
        maxFramesPerSecond: Int = 30,
        environment: [String: String]? = nil
    ) {
        self.forceMonochrome = forceMonochrome
        self.tickInterval = tickInterval
        self.maxFramesPerSecond = max(1, maxFramesPerSecond)
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }
}

/// How a session ended.
public enum TerminalExit: Sendable, Equatable {
    /// The update closure returned `nil`.
    case quit
    /// SIGINT, SIGTERM or SIGHUP arrived; the terminal was restored.
    case signal(Int32)
}
