/// Renders the whole dashboard for its state: the one entry point the
/// terminal loop and the tests call.
public enum DashboardView {
    public static let minimumSize = TerminalSize(columns: 80, rows: 24)

    public static func render(_ state: DashboardState) -> Canvas {
        guard state.size.fits(minimumSize) else {
            return TooSmallView.render(size: state.size, minimum: minimumSize, theme: state.theme)
        }
        var canvas = Canvas(width: state.size.columns, height: state.size.rows, style: state.theme[.base])
        let layout = state.layout
        HeaderView.render(state, in: layout.header, into: &canvas)
        let body = Rect(x: 0, y: layout.gridHeader.y, width: state.size.columns, height: layout.status.y - layout.gridHeader.y)
        switch state.overlay {
        case .help?: HelpView.render(state, in: body, into: &canvas)
        case .cell(let cell)?: CellDetailView.render(cell, state, in: body, into: &canvas)
        case .event(let id)?: EventDetailView.render(id, state, in: body, into: &canvas)
        case .export(let dialog)?: ExportDialogView.render(dialog, state, in: body, into: &canvas)
        case .incidents?: IncidentListView.render(state, in: body, into: &canvas)
        case .incident(let id)?: IncidentDetailView.render(id, state, in: body, into: &canvas)
        case nil:
            GridView.render(state, header: layout.gridHeader, body: layout.gridBody, into: &canvas)
            FeedView.render(state, title: layout.feedTitle, body: layout.feedBody, into: &canvas)
        }
        StatusLineView.render(state, in: layout.status, into: &canvas)
        HintBarView.render(state, in: layout.hints, into: &canvas)
        return canvas
    }
}
