import TrailGridCore

/// What a key does in the dashboard's normal mode.
public enum DashboardCommand: Sendable, Equatable {
    case up, down, left, right, pageUp, pageDown, top, bottom, firstColumn, lastColumn, nextMatch, previousMatch
    case switchFocus, open, regionFilter, accountFilter, search
    case verdictFilter(Int)
    case clearFilters, mark, markVisible, unmarkAll, export, pause, cycleTheme, transpose, incidents, probe, help, quit
}

/// One key binding: the keys, the command, and how help and the hint bar
/// describe it. A single table drives dispatch, the hint bar and `?` help
/// (STYLE §3.8), so they cannot disagree.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: DashboardCommand
    /// For the help screen: the keys as written and what they do.
    public var keysLabel: String
    public var help: String
    /// For the hint bar, when the binding is shown there.
    public var hint: String?
}

public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("k"), .up], command: .up, keysLabel: "k ↑", help: "move up", hint: nil),
        KeyBinding(keys: [.char("j"), .down], command: .down, keysLabel: "j ↓", help: "move down", hint: nil),
        KeyBinding(keys: [.char("h"), .left], command: .left, keysLabel: "h ←", help: "move left", hint: nil),
        KeyBinding(keys: [.char("l"), .right], command: .right, keysLabel: "l →", help: "move right", hint: nil),
        KeyBinding(keys: [.pageUp, .ctrl("u")], command: .pageUp, keysLabel: "PgUp Ctrl-u", help: "page up", hint: nil),
        KeyBinding(keys: [.pageDown, .ctrl("d")], command: .pageDown, keysLabel: "PgDn Ctrl-d", help: "page down", hint: nil),
        KeyBinding(keys: [.char("g"), .home], command: .top, keysLabel: "g Home", help: "first row", hint: nil),
        KeyBinding(keys: [.char("G"), .end], command: .bottom, keysLabel: "G End", help: "last row", hint: nil),
        KeyBinding(keys: [.char("0")], command: .firstColumn, keysLabel: "0", help: "first column", hint: nil),
        KeyBinding(keys: [.char("$")], command: .lastColumn, keysLabel: "$", help: "last column", hint: nil),
        KeyBinding(keys: [.tab, .backTab], command: .switchFocus, keysLabel: "Tab", help: "switch between grid and feed", hint: "grid/feed"),
        KeyBinding(keys: [.enter], command: .open, keysLabel: "Enter", help: "open the cell or event detail", hint: "detail"),
        KeyBinding(keys: [.char("r")], command: .regionFilter, keysLabel: "r", help: "filter regions: glob (eu-*), list (us-east-1,eu-west-1) or geography (us, eu, ap…)", hint: "region"),
        KeyBinding(keys: [.char("a")], command: .accountFilter, keysLabel: "a", help: "filter accounts by name or id", hint: "account"),
        KeyBinding(keys: [.char("/")], command: .search, keysLabel: "/", help: "search the feed (the feed then has focus and shows the matches only)", hint: "search"),
        KeyBinding(keys: [.char("n")], command: .nextMatch, keysLabel: "n", help: "next search match in the feed", hint: nil),
        KeyBinding(keys: [.char("N")], command: .previousMatch, keysLabel: "N", help: "previous search match in the feed", hint: nil),
        KeyBinding(keys: (1...7).map { .char(Character(String($0))) }, command: .verdictFilter(0), keysLabel: "1–7",
                   help: "only cells with one verdict: 1 OK 2 BLIND 3 DARK 4 STOPPED 5 SILENT 6 OFF 7 UNKNOWN", hint: "verdict"),
        KeyBinding(keys: [.char("w")], command: .probe, keysLabel: "w",
                   help: "would this event alert? (Name, source:Name or JSON): ✓ reaches, ✗ stops, ? not verified",
                   hint: "alert?"),
        KeyBinding(keys: [.escape], command: .clearFilters, keysLabel: "Esc", help: "back from w to the verdicts; else clear filters (marks stay)", hint: nil),
        KeyBinding(keys: [.char(" ")], command: .mark, keysLabel: "Space", help: "mark or unmark the cell (then move right) or event (then move down)", hint: "mark"),
        KeyBinding(keys: [.char("V")], command: .markVisible, keysLabel: "V", help: "mark everything visible; again: unmark it", hint: nil),
        KeyBinding(keys: [.char("U")], command: .unmarkAll, keysLabel: "U", help: "unmark every cell and event", hint: nil),
        KeyBinding(keys: [.char("e")], command: .export, keysLabel: "e", help: "export marks (events, coverage report, remediation)", hint: "export"),
        KeyBinding(keys: [.char("p")], command: .pause, keysLabel: "p", help: "pause or resume the feed", hint: "pause"),
        KeyBinding(keys: [.char("I")], command: .incidents, keysLabel: "I",
                   help: "incidents, newest first (Enter opens one, A acknowledges it)", hint: nil),
        KeyBinding(keys: [.char("t")], command: .cycleTheme, keysLabel: "t", help: "next theme", hint: nil),
        KeyBinding(keys: [.char("x")], command: .transpose, keysLabel: "x", help: "transpose the grid (regions down, accounts across)", hint: nil),
        KeyBinding(keys: [.char("?"), .function(1)], command: .help, keysLabel: "? F1", help: "this help", hint: "help"),
        KeyBinding(keys: [.char("q")], command: .quit, keysLabel: "q", help: "quit", hint: "quit"),
    ]

    /// The command for `key` in normal mode.
    public static func command(for key: Key) -> DashboardCommand? {
        if case .char(let character) = key, let digit = character.wholeNumberValue, (1...7).contains(digit) {
            return .verdictFilter(digit)
        }
        return bindings.first { $0.keys.contains(key) }?.command
    }

    /// Verdicts in the order of the `1`–`7` keys.
    public static let verdictKeys: [Verdict] = [.ok, .blind, .dark, .stopped, .silent, .off, .unknown]
}
