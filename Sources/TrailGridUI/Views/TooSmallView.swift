/// The screen shown instead of the dashboard when the terminal is smaller
/// than it can lay out (btop's min-size screen): it says what size there is,
/// what size is needed, and how to get out.
public enum TooSmallView {
    /// A canvas of `size` explaining that it is below `minimum`. Lines that do
    /// not fit are cut, so any size down to 0×0 works.
    public static func render(
        size: TerminalSize, minimum: TerminalSize = .minimum, theme: Theme = .builtInDefault
    ) -> Canvas {
        var canvas = Canvas(width: size.columns, height: size.rows, style: theme[.base])
        render(size: size, minimum: minimum, theme: theme, into: &canvas, area: canvas.bounds)
        return canvas
    }

    /// Draws the message centred in `area` of `canvas`.
    public static func render(
        size: TerminalSize, minimum: TerminalSize, theme: Theme, into canvas: inout Canvas, area: Rect
    ) {
        let visible = area.intersection(canvas.bounds)
        guard !visible.isEmpty else { return }
        canvas.fill(visible, style: theme[.base])
        let lines: [(String, ThemeRole)] = [
            ("Terminal too small", .error),
            ("\(size.columns)×\(size.rows), needs \(minimum.columns)×\(minimum.rows)", .base),
            ("Enlarge the window, or press q to quit", .muted),
        ]
        let top = visible.y + max(0, (visible.height - lines.count) / 2)
        for (offset, (text, role)) in lines.enumerated() where top + offset < visible.maxY {
            let shown = DisplayWidth.truncate(text, to: visible.width)
            let left = visible.x + max(0, (visible.width - DisplayWidth.of(shown)) / 2)
            canvas.put(shown, x: left, y: top + offset, style: theme[role], maxWidth: visible.maxX - left)
        }
    }
}
