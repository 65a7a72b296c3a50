import TrailGridCore

/// `?`: every key, from the same table that drives dispatch, and the legend.
enum HelpView {
    static func lines(_ state: DashboardState) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = [("Keys", .title)]
        let width = KeyMap.bindings.map { DisplayWidth.of($0.keysLabel) }.max() ?? 0
        for binding in KeyMap.bindings {
            let pad = String(repeating: " ", count: width - DisplayWidth.of(binding.keysLabel))
            lines.append(("  \(binding.keysLabel)\(pad)  \(binding.help)", .base))
        }
        lines.append(("", .base))
        lines.append(("Verdicts", .title))
        for verdict in KeyMap.verdictKeys {
            lines.append(("  \(verdict.glyph(state.glyphs)) \(verdict.rawValue.padding(7))  \(verdict.meaning)", verdict.themeRole))
        }
        lines.append(("", .base))
        lines.append(("Feed marks: ◆ seen on both channels   ▸ real-time only (EventBridge)   · trail only (log files, CloudWatch Logs)   ! changed coverage", .muted))
        lines.append(("j/k ↑↓ PgUp/PgDn g/G scroll; Esc, q or ? closes this help.", .muted))
        return lines
    }

    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        OverlayFrame.render(title: "help", lines: lines(state), scroll: state.overlayScroll, state: state, in: area, into: &canvas)
    }
}

/// A full-screen panel with a title and scrollable lines.
enum OverlayFrame {
    static func render(title: String, lines: [(String, ThemeRole)], scroll: Int, state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        canvas.fill(area, style: theme[.base])
        canvas.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: "─", style: theme[.border])
        canvas.put(" \(title) ", x: area.x + 2, y: area.y, style: theme[.title].adding(.bold))
        let bodyHeight = max(0, area.height - 1)
        let lines = wrapped(lines, width: area.width - 2)
        let first = min(max(0, scroll), max(0, lines.count - bodyHeight))
        for (offset, line) in lines.dropFirst(first).prefix(bodyHeight).enumerated() {
            canvas.put(line.0, x: area.x + 1, y: area.y + 1 + offset, style: theme[line.1], maxWidth: area.width - 2)
        }
        if lines.count > bodyHeight {
            let position = " \(first + 1)–\(min(lines.count, first + bodyHeight)) of \(lines.count) "
            canvas.put(position, x: area.maxX - DisplayWidth.of(position) - 2, y: area.y, style: theme[.muted])
        }
    }
}

extension OverlayFrame {
    /// Long lines (a reason, a pattern, an ARN list) wrap at spaces, each
    /// continuation indented under its line, instead of being cut mid-word
    /// at the edge; a word longer than the width ends in "…".
    static func wrapped(_ lines: [(String, ThemeRole)], width: Int) -> [(String, ThemeRole)] {
        guard width > 12 else { return lines }
        var out: [(String, ThemeRole)] = []
        for (text, role) in lines {
            guard DisplayWidth.of(text) > width else {
                out.append((text, role))
                continue
            }
            let indent = String(text.prefix { $0 == " " })
            var lead = indent
            var line = ""
            for word in text.dropFirst(indent.count).split(separator: " ") {
                if line.isEmpty {
                    line = lead + word
                } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) <= width {
                    line += " " + word
                } else {
                    out.append((DisplayWidth.truncate(line, to: width), role))
                    lead = indent + "    "
                    line = lead + word
                }
            }
            if !line.isEmpty { out.append((DisplayWidth.truncate(line, to: width), role)) }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
    }
}
