import TrailGridCore

/// What `w` shows over the grid: whether one event, made in each cell,
/// would reach a sink (issue 15 part 6), until `Esc` returns to verdicts.
public struct ProbeGrid: Sendable {
    public var event: ProbeEvent
    public private(set) var cells: [CellKey: EventProbeCell] = [:]
    /// Cells the event is not judged in, with why (region off, recorded elsewhere).
    public private(set) var notJudged: [CellKey: String] = [:]
    public private(set) var counts: [EventProbeCell.Reach: Int] = [:]

    /// Follows `event` through `coverage` now; built again when the coverage changes.
    public init(_ event: ProbeEvent, coverage: CoverageModel) {
        self.event = event
        let result = coverage.probe(event)
        for outcome in result.outcomes {
            cells[CellKey(account: outcome.account, region: outcome.region)] = outcome
            counts[outcome.reach, default: 0] += 1
        }
        for entry in result.notJudged { notJudged[entry.cell] = entry.why }
    }

    /// Whether `text` starts a JSON object that is not closed yet (strings
    /// and escapes skipped), so that Enter inside a paste does not end it.
    static func isUnfinishedJSON(_ text: String) -> Bool {
        guard text.first(where: { !$0.isWhitespace }) == "{" else { return false }
        var depth = 0
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        return depth > 0
    }

    /// One line for the bottom message and the header.
    public var summary: String {
        let judged = cells.count
        return "\(event.label): reaches \(counts[.reaches] ?? 0) of \(judged) cells, \(counts[.stops] ?? 0) stop, \(counts[.unverified] ?? 0) not verified"
    }
}

extension EventProbeCell.Reach {
    /// ✓ reaches, ✗ stops, ? not verified; ASCII `+`, `x`, `?` (as the chain hops draw them).
    public func glyph(_ set: GlyphSet) -> Character {
        switch (self, set) {
        case (.reaches, .unicode): return "✓"
        case (.reaches, .ascii): return "+"
        case (.stops, .unicode): return "✗"
        case (.stops, .ascii): return "x"
        case (.unverified, _): return "?"
        }
    }

    var themeRole: ThemeRole {
        switch self {
        case .reaches: return .verdictOK
        case .stops: return .verdictBlind
        case .unverified: return .verdictUnknown
        }
    }
}
