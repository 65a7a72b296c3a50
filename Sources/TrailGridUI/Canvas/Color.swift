import Foundation

/// A terminal color as a theme or view asks for it, before the backend maps it
/// to what the terminal can show (see the color-depth ladder in STYLE.md §3.11).
///
/// Views and themes speak in this vocabulary only; they never know how many
/// colors the terminal has.
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background (`use_default_colors`).
    case `default`
    /// One of the 16 ANSI colors (0–7 normal, 8–15 bright); the user's
    /// terminal palette decides what they look like.
    case ansi(UInt8)
    /// An entry of the xterm 256-color palette.
    case indexed(UInt8)
    /// An exact color; the backend picks the nearest one the terminal has.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The ANSI color names a theme may use, in palette order.
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ]

    /// Parses a theme value: `default` (or `-`), `#rrggbb`, `#rgb`, a palette
    /// index `0`–`255`, or a color name (`red`, `bright-red`, `brightred`,
    /// `light-red`, `gray`/`grey` for bright black).
    ///
    /// - Returns: `nil` when the text is none of those, so the caller can warn
    ///   and fall back instead of guessing.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: [" ", "\t"]).lowercased()
        if value == "default" || value == "-" || value == "none" {
            self = .default
            return
        }
        if value.hasPrefix("#") {
            guard let rgb = Self.parseHex(value.dropFirst()) else { return nil }
            self = .rgb(red: rgb.0, green: rgb.1, blue: rgb.2)
            return
        }
        if let index = Int(value) {
            guard (0...255).contains(index) else { return nil }
            self = .indexed(UInt8(index))
            return
        }
        var name = value.replacingOccurrences(of: "_", with: "-")
        var bright = false
        for prefix in ["bright-", "bright", "light-", "light"] where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
            bright = true
            break
        }
        if !bright, name == "gray" || name == "grey" {
            self = .ansi(8)
            return
        }
        guard let index = Self.ansiNames.firstIndex(of: name) else { return nil }
        self = .ansi(UInt8(index + (bright ? 8 : 0)))
    }

    private static func parseHex(_ digits: Substring) -> (UInt8, UInt8, UInt8)? {
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        switch digits.count {
        case 6:
            guard let packed = UInt32(digits, radix: 16) else { return nil }
            return (UInt8(packed >> 16 & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF))
        case 3:
            guard let packed = UInt32(digits, radix: 16) else { return nil }
            let r = UInt8(packed >> 8 & 0xF), g = UInt8(packed >> 4 & 0xF), b = UInt8(packed & 0xF)
            return (r * 17, g * 17, b * 17)
        default:
            return nil
        }
    }
}

extension Color: CustomStringConvertible {
    /// The theme-file spelling of this color, so a parsed color prints back as
    /// something `init(parsing:)` accepts.
    public var description: String {
        switch self {
        case .default:
            return "default"
        case .ansi(let index) where index < 8:
            return Self.ansiNames[Int(index)]
        case .ansi(let index) where index < 16:
            return "bright-" + Self.ansiNames[Int(index) - 8]
        case .ansi(let index), .indexed(let index):
            return String(index)
        case .rgb(let red, let green, let blue):
            let hex = [red, green, blue].map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }
            return "#" + hex.joined()
        }
    }
}
