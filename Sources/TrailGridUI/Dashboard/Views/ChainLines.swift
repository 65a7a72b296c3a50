import TrailGridCore

/// The cell detail's watches with their delivery chains (DESIGN §2): each
/// watch's word, then the hops from the cell's rule to a sink, each with its
/// state and why. Watches whose chains run the same hops share one listing
/// (an organization forwarding everything to one bus has one chain for all).
enum ChainLines {
    static func lines(_ report: CellReport?, watches: [Watch], glyphs: GlyphSet) -> [(String, ThemeRole)] {
        guard let report else { return [] }
        var groups: [(hops: [ChainHop], watches: [(name: String, word: RuleCoverage)])] = []
        for watch in watches {
            guard let word = report.rules[watch.name] else { continue }
            let hops = report.chains[watch.name]?.hops ?? []
            if let index = groups.firstIndex(where: { $0.hops == hops }) {
                groups[index].watches.append((watch.name, word))
            } else {
                groups.append((hops, [(watch.name, word)]))
            }
        }
        var lines: [(String, ThemeRole)] = []
        for group in groups {
            for watch in group.watches {
                lines.append(("  \(watch.word.rawValue.padding(13)) \(watch.name.sanitized)", role(of: watch.word)))
            }
            for hop in group.hops {
                lines.append(("      \(glyph(hop.state, glyphs)) \(hop.step.label.sanitized)", role(of: hop.state)))
                lines.append(("          \(hop.note.sanitized)", hop.state == .holds ? .muted : role(of: hop.state)))
            }
        }
        return lines
    }

    static func glyph(_ state: ChainHop.State, _ set: GlyphSet) -> String {
        switch (state, set) {
        case (.holds, .unicode): return "✓"
        case (.holds, .ascii): return "+"
        case (.breaks, .unicode): return "✗"
        case (.breaks, .ascii): return "x"
        case (.unverified, _), (.unknown, _): return "?"
        }
    }

    static func role(of word: RuleCoverage) -> ThemeRole {
        if word == .forwarding { return .verdictOK }
        return word.isFailing ? .verdictBlind : .verdictUnknown
    }

    static func role(of state: ChainHop.State) -> ThemeRole {
        switch state {
        case .holds: return .verdictOK
        case .breaks: return .verdictBlind
        case .unverified, .unknown: return .verdictUnknown
        }
    }
}
