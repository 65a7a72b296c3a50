import Testing
@testable import TrailGridUI

/// A sanitizer input and its expected output. Its test description escapes
/// the input, so running the tests never sends the sequences to the terminal
/// that shows the test log.
struct SanitizerCase: CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String
    var testDescription: String { input.debugDescription }
}

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        // OSC retitle, ended by BEL and by ST
        ("aws-cli/2 \u{1b}]0;owned\u{07}ok", "aws-cli/2 ok"),
        ("a\u{1b}]2;owned\u{1b}\\b", "ab"),
        // OSC 52 clipboard write and OSC 8 hyperlink
        ("x\u{1b}]52;c;cm0gLXJmIH4=\u{07}y", "xy"),
        ("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\", "link"),
        // CSI: colors, clear screen, cursor movement, private modes
        ("\u{1b}[31mred\u{1b}[0m", "red"),
        ("a\u{1b}[2J\u{1b}[H\u{1b}[?1049hb", "ab"),
        ("\u{1b}[38;2;255;0;0mx", "x"),
        // DCS, SOS, PM, APC up to ST
        ("a\u{1b}P1$r0m\u{1b}\\b", "ab"),
        ("a\u{1b}Xsos\u{1b}\\b\u{1b}^pm\u{1b}\\c\u{1b}_apc\u{1b}\\d", "abcd"),
        // Two-character escapes: full reset, charset switch
        ("a\u{1b}cb\u{1b}(0c", "abc"),
        // C1 forms of CSI and OSC, and other C1 controls
        ("a\u{9b}31mb", "ab"),
        ("a\u{9d}0;owned\u{9c}b", "ab"),
        ("a\u{85}b", "a\u{FFFD}b"),
        // A lone ESC stays visible
        ("a\u{1b}", "a⎋"),
        ("\u{1b}\u{1b}[1mx", "⎋x"),
        ("\u{1b}é", "⎋é"),
        // C0 controls become control pictures; DEL too
        ("nul\u{0}bel\u{7}", "nul␀bel␇"),
        ("line1\nline2\r", "line1␊line2␍"),
        ("\r\n", "␍␊"),
        ("a\u{7f}", "a␡"),
        // Backspace is shown, not applied
        ("rm -rf /\u{8}\u{8}ls", "rm -rf /␈␈ls"),
        // Tabs become a space
        ("a\tb", "a b"),
        // Bidi controls disappear (Trojan Source)
        ("evil\u{202E}exe.txt", "evilexe.txt"),
        ("\u{2066}a\u{2069}\u{200E}\u{200F}\u{061C}b\u{202A}\u{202B}\u{202C}\u{202D}", "ab"),
        // Line separators become spaces
        ("a\u{2028}b\u{2029}c", "a b c"),
        // CAN aborts a sequence
        ("a\u{1b}[31\u{18}b", "ab"),
        // A CSI interrupted by non-ASCII keeps the text
        ("\u{1b}[1é", "é"),
        // Plain and international text is untouched
        ("Ünïcödé 日本 🔥", "Ünïcödé 日本 🔥"),
        ("", ""),
    ].map { SanitizerCase(input: $0.0, expected: $0.1) })
    func sanitizes(_ example: SanitizerCase) {
        #expect(TextSanitizer.sanitize(example.input) == example.expected)
    }

    @Test func anUnterminatedStringSequenceSwallowsTheRest() {
        #expect(TextSanitizer.sanitize("ua\u{1b}]0;owned and more") == "ua")
        #expect(TextSanitizer.sanitize("x\u{1b}Pq#0;2;0;0;0") == "x")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x1B, 0x5B, 0x32, 0x4A]
        #expect(TextSanitizer.sanitize(bytes: bytes) == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func outputNeverHoldsAControlCharacter() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["\u{1b}", "[", "]", "P", "\\", "\u{7}", "\u{9b}", "\u{9c}", "\u{9d}",
                                          "a", "0", ";", "m", "\u{0}", "\u{7f}", "\u{202e}", "\u{18}", "日"]
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let clean = TextSanitizer.sanitize(String(text))
            #expect(!TextSanitizer.needsSanitizing(clean), "\(String(text).debugDescription)")
        }
    }

    @Test func needsSanitizingIsFalseForPlainText() {
        #expect(!TextSanitizer.needsSanitizing("ConsoleLogin arn:aws:iam::123:user/ana 日本"))
        #expect(TextSanitizer.needsSanitizing("a\u{1b}"))
        #expect(TextSanitizer.needsSanitizing("a\u{202e}"))
    }
}
