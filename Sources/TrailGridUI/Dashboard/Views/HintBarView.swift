/// The bottom line: "desc key" pairs from the key map, cut to the width.
enum HintBarView {
    static func render(_ state: DashboardState, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        canvas.fill(area, style: theme[.hintText])
        let hinted = KeyMap.bindings.filter { $0.hint != nil }
        // The way to help and the way out are never cut: they go last, and
        // the others give way to them.
        let kept = hinted.filter { $0.command == .help || $0.command == .quit }
        let others = hinted.filter { $0.command != .help && $0.command != .quit }
        func width(_ binding: KeyBinding) -> Int { DisplayWidth.of(binding.keysLabel) + DisplayWidth.of(binding.hint ?? "") + 3 }
        let reserved = kept.reduce(0) { $0 + width($1) }
        var x = area.x + 1
        var shown: [KeyBinding] = []
        var cut = false
        for binding in others {
            guard x + width(binding) + reserved + 2 <= area.maxX else {
                cut = true
                break
            }
            shown.append(binding)
            x += width(binding)
        }
        x = area.x + 1
        func draw(_ binding: KeyBinding) {
            x = canvas.put(binding.keysLabel, x: x, y: area.y, style: theme[.hintKey])
            x = canvas.put(" \(binding.hint ?? "")  ", x: x, y: area.y, style: theme[.hintText])
        }
        shown.forEach(draw)
        if cut { x = canvas.put("… ", x: x, y: area.y, style: theme[.hintText]) }
        kept.forEach(draw)
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
            // Offered text is shown selected: typing replaces it.
            let offered = prompt.replacesOnType && !prompt.text.isEmpty
            let end = canvas.put(prompt.text, x: x, y: area.y, style: offered ? theme[.prompt].adding(.reverse) : theme[.prompt])
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
