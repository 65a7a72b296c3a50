/// The bottom line: "desc key" pairs from the key map, cut to the width.
enum HintBarView {
    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        canvas.fill(area, style: theme[.hintText])
        var x = area.x + 1
        for binding in KeyMap.bindings {
            guard let hint = binding.hint else { continue }
            let key = binding.keysLabel
            let width = DisplayWidth.of(key) + DisplayWidth.of(hint) + 3
            guard x + width <= area.maxX else {
                canvas.put("…", x: x, y: area.y, style: theme[.hintText])
                break
            }
            x = canvas.put(key, x: x, y: area.y, style: theme[.hintKey])
            x = canvas.put(" \(hint)  ", x: x, y: area.y, style: theme[.hintText])
        }
    }
}

/// The line above the hints: the prompt being typed, or the last message.
enum StatusLineView {
    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        if let prompt = state.prompt {
            canvas.fill(area, style: theme[.prompt])
            let x = canvas.put(prompt.label, x: area.x, y: area.y, style: theme[.prompt].adding(.bold))
            let end = canvas.put(prompt.text, x: x, y: area.y, style: theme[.prompt])
            canvas.put("█", x: end, y: area.y, style: theme[.prompt])
        } else if let message = state.message {
            canvas.put(message.text, x: area.x + 1, y: area.y, style: message.isError ? theme[.error] : theme[.muted])
        } else {
            var counters = "read \(state.counters.read)  accepted \(state.counters.accepted)  duplicate \(state.counters.duplicate)  skipped \(state.counters.skipped)  rejected \(state.counters.rejected)"
            if !state.counters.rejectedByKind.isEmpty { counters += " (\(state.counters.rejectionBreakdown))" }
            canvas.put(counters, x: area.x + 1, y: area.y, style: theme[.muted])
        }
    }
}
