/// A theme plus what was wrong with its file. Loading never fails: the worst
/// case is the built-in default with a message the caller can show.
public struct ThemeLoadResult: Sendable, Equatable {
    public var theme: Theme
    /// Human-readable problems ("unknown role 'x' ignored"), empty if none.
    public var warnings: [String]

    public init(theme: Theme, warnings: [String] = []) {
        self.theme = theme
        self.warnings = warnings
    }
}
