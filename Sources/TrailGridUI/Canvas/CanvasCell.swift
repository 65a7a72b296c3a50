/// One column of one row of the screen.
///
/// A wide glyph (CJK, emoji) takes two columns: its own cell with `width` 2,
/// followed by a *continuation* cell (`width` 0, empty symbol) that the backend
/// skips when drawing. Cells are only built by `Canvas`, which guarantees the
/// symbol is a single sanitized grapheme.
public struct CanvasCell: Sendable, Hashable {
    /// One grapheme (a base character plus its combining marks), or "" for a
    /// continuation cell.
    public internal(set) var symbol: String
    public var style: Style
    /// Columns this cell's symbol takes: 1, 2, or 0 for a continuation.
    public internal(set) var width: UInt8

    init(symbol: String, style: Style, width: UInt8) {
        self.symbol = symbol
        self.style = style
        self.width = width
    }

    /// A space in `style`.
    public static func blank(_ style: Style = .plain) -> CanvasCell {
        CanvasCell(symbol: " ", style: style, width: 1)
    }

    static func continuation(_ style: Style) -> CanvasCell {
        CanvasCell(symbol: "", style: style, width: 0)
    }

    /// Whether this is the second column of a wide glyph to its left.
    public var isContinuation: Bool { width == 0 }
}
