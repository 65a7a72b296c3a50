/// Makes untrusted text (anything that came from an event, a file or a user)
/// safe to put on a terminal: what leaves here can never move the cursor,
/// change colors, retitle the window, write the clipboard or reorder text.
///
/// - Escape sequences are removed whole, parsed the way a VT500-style terminal
///   would (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC
///   `… ST`, two-character `ESC x`, and their C1 forms). An unterminated
///   string sequence swallows the rest of the text, as the terminal would.
/// - A lone ESC becomes `⎋`, other C0 controls the Control Pictures
///   U+2400+n (`␀`, `␇`, `␊`…), DEL `␡`, other C1 controls U+FFFD. They stay
///   visible on purpose: a security analyst should see that a field held them.
/// - Backspace is shown as `␈` rather than applied, so text that overstrikes
///   itself (`rm -rf /\b\b\b\b\b\b\bls`) shows what was really sent.
/// - Tabs become one space (cells are fixed-width; alignment is the view's job).
/// - Bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
///   U+2066–U+2069, U+200E, U+200F, U+061C) are removed: they can make
///   `evil.exe` read as `exe.live` ("Trojan Source").
/// - Line and paragraph separators (U+2028, U+2029) become a space.
///
/// Lnav's `mvwattrline` and ratatui's `set_stringn` do the same at their
/// buffer boundary (STYLE.md §3.12). `Canvas.put` runs this too, so a view
/// that forgets cannot leak a control character.
public enum TextSanitizer {
    /// The terminal-safe form of `text`.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars.
    public static func sanitize(_ text: String) -> String {
        guard needsSanitizing(text) else { return text }
        var output = String.UnicodeScalarView()
        var state = State.text
        for scalar in text.unicodeScalars {
            state = step(state, scalar, into: &output)
        }
        if state == .escape { output.append(escapeSymbol) }
        return String(output)
    }

    /// The terminal-safe form of raw bytes; invalid UTF-8 becomes U+FFFD.
    public static func sanitize(bytes: some Collection<UInt8>) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether `sanitize` would change `text`: lets hot paths skip the copy.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars, no allocation.
    public static func needsSanitizing(_ text: String) -> Bool {
        text.unicodeScalars.contains { isUnsafe($0.value) }
    }

    static func isUnsafe(_ value: UInt32) -> Bool {
        if value >= 0x20 && value < 0x7F { return false }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        return isBidiControl(value) || value == 0x2028 || value == 0x2029
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C
    }

    private static let escapeSymbol: Unicode.Scalar = "\u{238B}"  // ⎋
    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Where the parser is, following the DEC VT500 state diagram closely
    /// enough to know where each sequence ends.
    private enum State: Equatable {
        /// Ordinary text.
        case text
        /// Just after ESC.
        case escape
        /// `ESC` followed by intermediate bytes (0x20–0x2F), waiting for a final.
        case escapeIntermediate
        /// Inside a control sequence (`ESC [` or C1 CSI), waiting for a final byte.
        case controlSequence
        /// Inside an operating system command (`ESC ]`), ended by BEL or ST.
        case operatingSystemCommand
        /// Inside DCS, SOS, PM or APC, ended by ST only.
        case controlString
    }

    private static func step(
        _ state: State, _ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView
    ) -> State {
        let value = scalar.value
        // CAN and SUB abort any sequence, and are dropped.
        if state != .text, value == 0x18 || value == 0x1A { return .text }
        switch state {
        case .text:
            return text(scalar, into: &output)
        case .escape:
            switch value {
            case 0x5B: return .controlSequence  // [
            case 0x5D: return .operatingSystemCommand  // ]
            case 0x50, 0x58, 0x5E, 0x5F: return .controlString  // P X ^ _
            case 0x20...0x2F: return .escapeIntermediate
            case 0x30...0x7E: return .text  // a two-character sequence, e.g. ESC c (reset)
            case 0x1B:
                output.append(escapeSymbol)
                return .escape
            default:
                output.append(escapeSymbol)
                return text(scalar, into: &output)
            }
        case .escapeIntermediate:
            switch value {
            case 0x20...0x2F: return .escapeIntermediate
            case 0x30...0x7E: return .text
            case 0x1B: return .escape
            default: return text(scalar, into: &output)
            }
        case .controlSequence:
            switch value {
            case 0x20...0x3F: return .controlSequence  // parameters and intermediates
            case 0x40...0x7E: return .text  // the final byte
            case 0x1B: return .escape
            case 0x00...0x1F, 0x7F: return .controlSequence  // a terminal would execute these; drop
            default: return text(scalar, into: &output)  // not a sequence after all: keep the text
            }
        case .operatingSystemCommand:
            switch value {
            case 0x07, 0x9C: return .text
            case 0x1B: return .escape  // ESC \ (ST) is then removed as a two-character sequence
            default: return .operatingSystemCommand
            }
        case .controlString:
            switch value {
            case 0x9C: return .text
            case 0x1B: return .escape
            default: return .controlString
            }
        }
    }

    private static func text(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView) -> State {
        let value = scalar.value
        switch value {
        case 0x1B:
            return .escape
        case 0x09:
            output.append(" ")
        case 0x00...0x1F:
            output.append(Unicode.Scalar(0x2400 + value) ?? replacement)
        case 0x7F:
            output.append("\u{2421}")  // ␡
        case 0x9B:
            return .controlSequence
        case 0x9D:
            return .operatingSystemCommand
        case 0x90, 0x98, 0x9E, 0x9F:
            return .controlString
        case 0x9C:
            break  // a stray ST ends nothing
        case 0x80...0x9F:
            output.append(replacement)
        case 0x2028, 0x2029:
            output.append(" ")
        default:
            if !isBidiControl(value) { output.append(scalar) }
        }
        return .text
    }
}

extension String {
    /// This text as the terminal shows it (`TextSanitizer.sanitize`).
    ///
    /// Views take it of each untrusted value on its own, before they cut,
    /// split or join it with other text: cut raw, an escape sequence is cut
    /// in half, its width is miscounted, and one left unterminated swallows
    /// whatever follows it on the line (a region hiding the account after it).
    var sanitized: String { TextSanitizer.sanitize(self) }
}
