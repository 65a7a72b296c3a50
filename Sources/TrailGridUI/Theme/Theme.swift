import TrailGridCore

/// A complete set of styles, one per `ThemeRole`. Views ask the theme, never
/// hard-code colors, so `t` can cycle themes at run time.
public struct Theme: Sendable, Equatable {
    /// The name shown to the user and used by `ThemeCatalog.next(after:)`.
    public var name: String
    /// The styles this theme sets; roles it lacks use `Theme.builtInDefault`.
    public var styles: [ThemeRole: Style]

    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role`, falling back to the built-in default theme.
    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? Theme.builtInDefault.styles[role] ?? .plain
    }

    /// The style for a verdict's glyph.
    public func style(for verdict: Verdict) -> Style {
        self[verdict.themeRole]
    }

    /// The dark default theme, compiled in so the binary works (and a broken
    /// theme file degrades) without any file on disk. `Themes/default.yaml`
    /// holds the same values; a test keeps them equal.
    public static let builtInDefault: Theme = {
        func style(_ foreground: String, _ background: String = "default", _ attributes: TextAttributes = [])
            -> Style
        {
            Style(
                foreground: Color(parsing: foreground) ?? .default,
                background: Color(parsing: background) ?? .default,
                attributes: attributes
            )
        }
        let styles: [ThemeRole: Style] = [
            .base: style("default"),
            .verdictOK: style("#5fd75f"),
            .verdictBlind: style("#ffaf00", "default", .bold),
            .verdictDark: style("#ff5f5f", "default", .bold),
            .verdictStopped: style("#ffffff", "#d70000", .bold),
            .verdictSilent: style("#af87ff", "default", .bold),
            .verdictOff: style("#585858"),
            .verdictUnknown: style("#8a8a8a"),
            .header: style("#ffffff", "#303030", .bold),
            .headerAccent: style("#5fafff", "#303030", .bold),
            .gridHeader: style("#87afd7", "default", .bold),
            .gridRowHeader: style("#d0d0d0"),
            .cursor: style("#000000", "#5fafff", .bold),
            .marked: style("#ffd75f", "default", .bold),
            .selection: style("#000000", "#ffd75f"),
            .feedRow: style("default"),
            .feedRowAlternate: style("default", "#262626"),
            .feedFlagged: style("#ff875f", "default", .bold),
            .severityInfo: style("#87afd7"),
            .severityLow: style("#5fd75f"),
            .severityMedium: style("#ffd75f"),
            .severityHigh: style("#ff875f", "default", .bold),
            .severityCritical: style("#ffffff", "#d70000", .bold),
            .hintKey: style("#000000", "#5fafff", .bold),
            .hintText: style("#bcbcbc"),
            .prompt: style("#ffffff", "#303030"),
            .error: style("#ff5f5f", "default", .bold),
            .border: style("#4e4e4e"),
            .title: style("#ffffff", "default", .bold),
            .muted: style("#808080"),
        ]
        return Theme(name: "default", styles: styles)
    }()
}
