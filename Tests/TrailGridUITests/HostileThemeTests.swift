import Foundation
import Testing
@testable import TrailGridUI

/// Theme files may come from anywhere: every corruption yields a theme and
/// a message, never a crash or a hang.
@Suite struct HostileThemeTests {
    func load(_ text: String) -> ThemeLoadResult {
        ThemeLoader.load(yaml: text, defaultName: "hostile", source: "test")
    }

    @Test(.timeLimit(.minutes(1))) func corruptThemes() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...30 {
            laughs += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        laughs += "styles:\n  cursor: *a30\n"
        let digits = String(repeating: "9", count: 10_000)
        for text in ["styles: " + deep, laughs, "\u{0}\u{0}", "styles:\n  cursor: {fg: \(digits), bg: \"#\(digits)\"}",
                     "name: \"\u{1B}]0;owned\u{07}\"\nstyles: {cursor: {fg: \"\u{202E}red\"}}", ": : :", "---\n...\n---"] {
            let result = load(text)
            #expect(!result.theme.name.isEmpty)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).yaml")
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: file)
        #expect(!ThemeLoader.load(path: file.path).warnings.isEmpty)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(!ThemeLoader.load(path: file.path).warnings.isEmpty)
    }
}
