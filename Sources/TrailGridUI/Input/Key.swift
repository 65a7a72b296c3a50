/// A key press as the UI understands it, decoded by the terminal backend from
/// whatever the terminal sent; key maps and tests use only this.
public enum Key: Sendable, Hashable {
    /// A printable character (after decoding UTF-8), e.g. `.char("q")`.
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete
    /// The terminal changed size; the backend has already re-read it.
    case resize
    /// Control plus a letter, lower-cased (`.ctrl("d")`), or `.ctrl(" ")` for
    /// Ctrl-Space. Ctrl-H, -I, -J and -M arrive as backspace, tab and enter,
    /// because terminals send the same bytes for both.
    case ctrl(Character)
    /// F1 is `.function(1)`.
    case function(Int)
}

extension Key: CustomStringConvertible {
    /// The name shown in the hint bar and help (`q`, `↑`, `PgDn`, `Ctrl-d`, `F1`).
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .resize: return "Resize"
        case .ctrl(" "): return "Ctrl-Space"
        case .ctrl(let character): return "Ctrl-\(character)"
        case .function(let number): return "F\(number)"
        }
    }
}
