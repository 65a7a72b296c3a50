/// Where each pane goes for a screen size: a pure function of the size, so
/// it is tested on its own (lazygit's window arrangement).
public struct DashboardLayout: Sendable, Equatable {
    public var header: Rect
    /// Column headers of the grid.
    public var gridHeader: Rect
    public var gridBody: Rect
    /// The feed's title line.
    public var feedTitle: Rect
    public var feedBody: Rect
    /// Prompt or message line.
    public var status: Rect
    public var hints: Rect

    /// - Parameter gridRows: rows the grid has; the grid takes no more than
    ///   it needs, leaving the rest to the feed.
    public init(size: TerminalSize, gridRows: Int = .max) {
        let width = size.columns
        let height = max(0, size.rows)
        header = Rect(x: 0, y: 0, width: width, height: min(1, height))
        let middle = max(0, height - 5)
        let gridRows = max(1, min(gridRows, (middle * 11) / 20))
        gridHeader = Rect(x: 0, y: 1, width: width, height: height > 1 ? 1 : 0)
        gridBody = Rect(x: 0, y: 2, width: width, height: min(gridRows, max(0, height - 2)))
        feedTitle = Rect(x: 0, y: gridBody.maxY, width: width, height: 1)
        feedBody = Rect(x: 0, y: feedTitle.maxY, width: width, height: max(0, height - 2 - feedTitle.maxY))
        status = Rect(x: 0, y: max(0, height - 2), width: width, height: height > 3 ? 1 : 0)
        hints = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 2 ? 1 : 0)
    }
}
