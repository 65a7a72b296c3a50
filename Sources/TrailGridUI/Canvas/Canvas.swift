/// The in-memory screen that every view renders into and the terminal backend
/// draws; tests read it back as text (ratatui's `Buffer`, STYLE.md §3.1).
///
/// It knows nothing about terminals: it is a `width × height` grid of
/// `CanvasCell`s. Writing never goes outside the grid, never leaves half of a
/// wide glyph behind, and never stores a control character.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major cells: row `y` is `cells[y * width ..< (y + 1) * width]`.
    public private(set) var cells: [CanvasCell]

    /// A blank canvas; negative sizes are treated as 0.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// A canvas holding `lines`, one per row, for test expectations.
    ///
    /// - Parameter width: the canvas width; by default the widest line's
    ///   display width. Shorter lines are padded with blanks.
    public init(lines: [String], width: Int? = nil, style: Style = .plain) {
        let widest = lines.map { DisplayWidth.of(TextSanitizer.sanitize($0)) }.max() ?? 0
        self.init(width: width ?? widest, height: lines.count, style: style)
        for (row, line) in lines.enumerated() {
            put(line, x: 0, y: row, style: style)
        }
    }

    /// The size as a rectangle at the origin: the area a root view gets.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; `nil` outside the canvas.
    public subscript(x: Int, y: Int) -> CanvasCell? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return cells[y * width + x]
    }

    /// The cells of row `y` (which must be inside the canvas).
    public func row(_ y: Int) -> ArraySlice<CanvasCell> {
        precondition(y >= 0 && y < height, "row \(y) outside a canvas of height \(height)")
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Writes `text` from column `x` of row `y`, one grapheme per cell.
    ///
    /// The text is sanitized first (`TextSanitizer`), so control characters
    /// and escape sequences never reach a cell. Wide glyphs take two cells; one
    /// that would not fit whole is not written. A combining mark at the start
    /// of `text` joins the previous written cell or is dropped; zero-width
    /// characters are dropped. Anything left of column 0 or right of the limit
    /// is clipped; a row outside the canvas writes nothing.
    ///
    /// - Parameters:
    ///   - maxWidth: at most this many columns are written (besides the
    ///     canvas edge).
    /// - Returns: the column after the last one written (`x` if none), so
    ///   callers can continue a line.
    /// - Complexity: O(n) in the length of `text`.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
    ) -> Int {
        guard y >= 0, y < height, width > 0 else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        let safe = TextSanitizer.sanitize(text)
        var column = x
        var lastWritten: Int?
        for character in safe {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                if DisplayWidth.isCombiningMark(character), let index = lastWritten {
                    cells[index].symbol.append(character)
                }
                continue
            }
            if column + columns > limit { break }
            if column < 0 {
                if column + columns > 0 {
                    // A wide glyph straddling the left edge: show its visible half as blank.
                    setCell(x: 0, y: y, .blank(style))
                }
                column += columns
                continue
            }
            let cell = CanvasCell(symbol: String(character), style: style, width: UInt8(columns))
            setCell(x: column, y: y, cell)
            lastWritten = y * width + column
            column += columns
        }
        return max(column, x)
    }

    /// Fills `rect` (clipped to the canvas) with `symbol` in `style`; a
    /// symbol that is not one column wide is replaced by a space.
    public mutating func fill(_ rect: Rect, with symbol: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let safe = TextSanitizer.sanitize(String(symbol))
        let glyph = safe.count == 1 && DisplayWidth.of(safe) == 1 ? safe : " "
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                setCell(x: x, y: y, CanvasCell(symbol: glyph, style: style, width: 1))
            }
        }
    }

    /// Replaces the style of every cell in `rect` (clipped), keeping the
    /// symbols: how a view highlights a cursor row after drawing it.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * width + x].style = style
            }
        }
    }

    /// The screen as lines of text, trailing spaces kept; a wide glyph
    /// appears once (its continuation cell adds nothing).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) { line += cell.symbol }
            return line
        }
    }

    /// The rows that differ from `previous`, as runs of consecutive rows.
    /// A canvas of another size differs everywhere.
    ///
    /// - Complexity: O(width × height).
    public func diff(from previous: Canvas) -> [Range<Int>] {
        guard previous.width == width, previous.height == height else {
            return height > 0 ? [0..<height] : []
        }
        var runs: [Range<Int>] = []
        var start: Int?
        for y in 0..<height {
            let changed = row(y) != previous.row(y)
            if changed, start == nil { start = y }
            if !changed, let first = start {
                runs.append(first..<y)
                start = nil
            }
        }
        if let first = start { runs.append(first..<height) }
        return runs
    }

    /// Stores `cell` at (`x`, `y`), first blanking whatever wide glyph the
    /// write would cut in half, so no orphan half-glyph is ever left.
    private mutating func setCell(x: Int, y: Int, _ cell: CanvasCell) {
        let index = y * width + x
        breakWideGlyph(at: index, rowStart: y * width)
        if cell.width == 2 {
            guard x + 1 < width else { return }
            breakWideGlyph(at: index + 1, rowStart: y * width)
            cells[index] = cell
            cells[index + 1] = .continuation(cell.style)
        } else {
            cells[index] = cell
        }
    }

    /// If the cell at `index` is half of a wide glyph, blanks the other half.
    private mutating func breakWideGlyph(at index: Int, rowStart: Int) {
        let cell = cells[index]
        if cell.isContinuation, index > rowStart {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if cell.width == 2, index + 1 < rowStart + width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }
}
