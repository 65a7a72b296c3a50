/// The terminal's size in columns and rows.
public struct TerminalSize: Sendable, Hashable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
    }

    /// The smallest screen the dashboard lays out for (DESIGN.md §5); below
    /// it the caller shows `TooSmallView`.
    public static let minimum = TerminalSize(columns: 80, rows: 24)

    /// Whether this size is at least `minimum` in both directions.
    public func fits(_ minimum: TerminalSize) -> Bool {
        columns >= minimum.columns && rows >= minimum.rows
    }
}
