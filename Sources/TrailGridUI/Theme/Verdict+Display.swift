import TrailGridCore

/// How the UI draws the seven cell verdicts of DESIGN.md §2: a glyph and a
/// theme role each.
///
/// The glyphs differ in shape, not just color, so a verdict stays readable
/// with `NO_COLOR`, on `TERM=dumb`, or for a color-blind reader.
extension Verdict {
    /// The glyph for this verdict in `set`.
    public func glyph(_ set: GlyphSet) -> Character {
        switch set {
        case .unicode:
            switch self {
            case .ok: return "●"
            case .blind: return "◐"
            case .dark: return "○"
            case .stopped: return "■"
            case .silent: return "◇"
            case .off: return "·"
            case .unknown: return "?"
            }
        case .ascii:
            // The one ASCII table, `check`'s: a grid read on a terminal and
            // one printed by a cron job must not give "." two meanings.
            return glyph
        }
    }

    /// The theme role that colors this verdict.
    public var themeRole: ThemeRole {
        switch self {
        case .ok: return .verdictOK
        case .blind: return .verdictBlind
        case .dark: return .verdictDark
        case .stopped: return .verdictStopped
        case .silent: return .verdictSilent
        case .off: return .verdictOff
        case .unknown: return .verdictUnknown
        }
    }
}
