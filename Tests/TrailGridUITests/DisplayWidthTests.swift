import Testing
@testable import TrailGridUI

@Suite struct DisplayWidthTests {
    @Test func measuresCommonScripts() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ＡＢ") == 4)  // fullwidth Latin
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("●◐○■◇·?") == 7)
        #expect(DisplayWidth.of("🇩🇪") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
    }

    @Test func truncatesByDisplayWidth() {
        #expect(DisplayWidth.truncate("hello world", to: 6) == "hello…")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abcdef", to: 1) == "…")
    }

    /// Truncation measures what the terminal shows: escape sequences take no
    /// room and are never cut in half (a cut one swallowed the rest).
    @Test func truncatesTheSanitizedText() {
        #expect(DisplayWidth.truncate("ab\u{1B}[31mcdef", to: 5) == "abcd…")
        #expect(DisplayWidth.truncate("\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\", to: 6) == "link")
        #expect(DisplayWidth.truncate("x\u{202E}yz", to: 3) == "xyz")
    }
}
