import TrailGridCore

/// The grid: accounts down (name and id), regions across (short codes), a
/// frozen header row and first column, scrolling both ways, and a cursor.
/// Transposed, regions run down and accounts across.
enum GridView {
    /// Five characters and a gap: every region's short code (`apse2`,
    /// `usgw1`) fits whole, so no two columns read alike.
    static let cellWidth = 6

    static func rowHeaderWidth(_ state: DashboardState, total: Int) -> Int {
        min(state.transposed ? 16 : 30, max(10, total / 3))
    }

    /// A region's short column label (`use1`), taken of the sanitized name:
    /// split raw, an escape sequence in a hostile region is cut in half.
    static func regionCode(_ region: String) -> String {
        AWSRegions.shortCode(region.sanitized)
    }

    /// Columns that fit; when not all do, room is kept for the "+N →" that says so.
    static func visibleColumnCount(state: DashboardState, width: Int) -> Int {
        visibleColumnCount(state: state, width: width, columnWidth: columnWidth(state, width: width))
    }

    static func visibleColumnCount(state: DashboardState, width: Int, columnWidth column: Int) -> Int {
        let room = width - rowHeaderWidth(state, total: width) - 1
        let all = max(0, room / column)
        return all >= state.gridAxes.columns.count ? all : max(0, (room - moreWidth) / column)
    }

    /// A region column is a code wide; transposed, an account column is as
    /// wide as its name (up to 18) where the width leaves room, so
    /// `prod-payments` and `prod-web` do not both read `prod`.
    static func columnWidth(_ state: DashboardState, width: Int) -> Int {
        guard state.transposed else { return cellWidth }
        let columns = state.gridAxes.columns
        guard !columns.isEmpty else { return cellWidth }
        let widest = columns.map { DisplayWidth.of(accountLabel($0, state)) }.max() ?? 0
        let room = width - rowHeaderWidth(state, total: width) - 1
        return max(cellWidth, min(widest + 1, 19, room / columns.count))
    }

    static func accountLabel(_ account: String, _ state: DashboardState) -> String {
        (state.accountName(account) ?? account).sanitized
    }

    static let moreWidth = 6

    static func render(_ state: DashboardState, header: Rect, body: Rect, into canvas: inout Canvas) {
        guard !header.isEmpty || !body.isEmpty else { return }
        let theme = state.theme
        let axes = state.gridAxes
        let headerWidth = rowHeaderWidth(state, total: body.width)
        // Transposed, the width comes from every account's name: measured once a frame.
        let cellWidth = columnWidth(state, width: body.width)
        let columnCount = visibleColumnCount(state: state, width: body.width, columnWidth: cellWidth)
        let columns = Array(axes.columns.dropFirst(state.gridLeftColumn).prefix(columnCount))
        let rows = Array(axes.rows.dropFirst(state.gridTopRow).prefix(body.height))
        let focused = state.focus == .grid

        // Frozen header row.
        canvas.fill(header, style: theme[.gridHeader])
        // Rows below the fold are said in the corner ("accounts 1–10 of 12 ↓"),
        // columns beyond the edge at the header's end ("+26 →").
        var corner = state.transposed ? "region\\acct" : "account \\ region"
        if axes.rows.count > rows.count {
            let first = state.gridTopRow + 1
            let noun = state.transposed ? "regions" : "accounts"
            let arrow = first + rows.count - 1 < axes.rows.count ? (first > 1 ? "↕" : "↓") : "↑"
            corner = "\(noun) \(first)–\(first + rows.count - 1) of \(axes.rows.count) \(arrow)"
        }
        canvas.put(corner, x: header.x + 1, y: header.y, style: theme[.gridHeader], maxWidth: headerWidth - 1)
        let hiddenColumns = axes.columns.count - columns.count
        if hiddenColumns > 0 {
            let more = state.gridLeftColumn + columns.count < axes.columns.count
                ? "+\(axes.columns.count - state.gridLeftColumn - columns.count) →" : "← \(state.gridLeftColumn)"
            let x = header.x + headerWidth + 1 + columns.count * cellWidth
            if x + DisplayWidth.of(more) <= header.maxX { canvas.put(more, x: x, y: header.y, style: theme[.muted]) }
        }
        for (index, column) in columns.enumerated() {
            let label = state.transposed
                ? DisplayWidth.truncate(accountLabel(column, state), to: cellWidth - 1)
                : regionCode(column)
            let isCursorColumn = state.gridLeftColumn + index == state.gridColumn
            canvas.put(label, x: header.x + headerWidth + 1 + index * cellWidth, y: header.y,
                       style: isCursorColumn && focused ? theme[.gridHeader].adding(.bold).adding(.underline) : theme[.gridHeader],
                       maxWidth: cellWidth - 1)
        }
        if axes.rows.isEmpty || axes.columns.isEmpty {
            canvas.put("no cells match the filters (Esc clears them)", x: body.x + 2, y: body.y, style: theme[.muted])
            return
        }
        let counts = state.eventCounts
        for (offset, row) in rows.enumerated() {
            let y = body.y + offset
            let rowIndex = state.gridTopRow + offset
            let label: String
            if state.transposed {
                label = row.sanitized
            } else {
                label = (state.accountName(row).map { "\($0.sanitized) " } ?? "") + row.sanitized
            }
            let isCursorRow = rowIndex == state.gridRow
            canvas.fill(Rect(x: body.x, y: y, width: headerWidth, height: 1), style: theme[.gridRowHeader])
            canvas.put(DisplayWidth.truncate(label, to: headerWidth - 1), x: body.x + 1, y: y,
                       style: isCursorRow && focused ? theme[.gridRowHeader].adding(.bold) : theme[.gridRowHeader])
            for (index, column) in columns.enumerated() {
                let cell = state.cell(row: row, column: column)
                let x = body.x + headerWidth + 1 + index * cellWidth
                guard state.isShown(cell) else { continue }
                let verdict = state.verdict(cell)
                let isCursor = isCursorRow && state.gridLeftColumn + index == state.gridColumn
                // With `w`, the cell says whether the event would reach a sink from there.
                let probed = state.probe.map { probe in probe.cells[cell]?.reach }
                let glyph: Character
                var style: Style
                switch probed {
                case .some(.some(let reach)):
                    glyph = reach.glyph(state.glyphs)
                    style = theme[reach.themeRole]
                case .some(.none):
                    // Not judged: the call cannot be made or is not recorded here.
                    glyph = Verdict.off.glyph(state.glyphs)
                    style = theme[.verdictOff]
                case .none:
                    glyph = verdict.glyph(state.glyphs)
                    style = theme.style(for: verdict)
                }
                // A mark keeps the verdict's colour and glyph: it adds "*" and an underline.
                let marked = state.markedCells.contains(cell)
                if marked { style = style.adding(.underline) }
                if isCursor && focused { style = theme[.cursor] }
                let count = counts[cell] ?? 0
                let countText = count == 0 ? "" : (count > 99 ? "+" : String(count))
                // "!" until the incident that changed the cell is acknowledged.
                let flag = state.incidentCells.contains(cell) ? "!" : ""
                var text = String(glyph) + (marked ? "*" : "") + flag + countText
                text += String(repeating: " ", count: max(0, cellWidth - 1 - DisplayWidth.of(text)))
                canvas.put(text, x: x, y: y, style: style, maxWidth: cellWidth - 1)
            }
        }
    }
}
