import Foundation

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
