import TrailGridCore
import Foundation
import Testing
@testable import TrailGridUI

/// The package's `Themes/` directory, found from this file's path.
private let themesDirectory: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path

@Suite struct ThemeTests {
    @Test func parsesEveryColorSpelling() {
        #expect(Color(parsing: "#ff0000") == .rgb(red: 255, green: 0, blue: 0))
        #expect(Color(parsing: "#F00") == .rgb(red: 255, green: 0, blue: 0))
        #expect(Color(parsing: "196") == .indexed(196))
        #expect(Color(parsing: "red") == .ansi(1))
        #expect(Color(parsing: "bright-red") == .ansi(9))
        #expect(Color(parsing: "BrightBlue") == .ansi(12))
        #expect(Color(parsing: "light_cyan") == .ansi(14))
        #expect(Color(parsing: "grey") == .ansi(8))
        #expect(Color(parsing: "default") == .default)
        #expect(Color(parsing: "256") == nil)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "#gggggg") == nil)
        #expect(Color(parsing: "chartreuse") == nil)
        for color: Color in [.default, .ansi(3), .ansi(11), .indexed(200), .rgb(red: 1, green: 2, blue: 254)] {
            #expect(Color(parsing: color.description) == color)
        }
    }

    @Test func loadsAGoodFile() {
        let result = ThemeLoader.load(
            yaml: """
                name: mine
                palette:
                  accent: "#00ff00"
                styles:
                  cursor: { fg: accent, bg: 17, bold: true, reverse: true }
                  verdict.ok: bright-green
                  error: { attributes: [underline, dim] }
                """,
            defaultName: "file", source: "mine.yaml")
        #expect(result.warnings.isEmpty)
        #expect(result.theme.name == "mine")
        #expect(result.theme[.cursor] == Style(
            foreground: .rgb(red: 0, green: 255, blue: 0), background: .indexed(17),
            attributes: [.bold, .reverse]))
        #expect(result.theme[.verdictOK] == Style(foreground: .ansi(10)))
        #expect(result.theme[.error] == Style(attributes: [.underline, .dim]))
    }

    @Test func unknownKeysAreIgnoredWithAWarning() {
        let result = ThemeLoader.load(
            yaml: """
                name: odd
                colour-scheme: x
                styles:
                  cursor: { fg: red, blink: true }
                  verdict.purple: { fg: red }
                """,
            defaultName: "odd", source: "odd.yaml")
        #expect(result.warnings.count == 3)
        #expect(result.warnings.contains { $0.contains("unknown key 'colour-scheme'") })
        #expect(result.warnings.contains { $0.contains("unknown field 'blink'") })
        #expect(result.warnings.contains { $0.contains("unknown role 'verdict.purple'") })
        #expect(result.theme[.cursor] == Style(foreground: .ansi(1)))
    }

    @Test func missingRolesFallBackToTheBuiltInDefault() {
        let result = ThemeLoader.load(
            yaml: "styles:\n  header: { fg: blue }\n", defaultName: "partial", source: "partial.yaml")
        #expect(result.warnings.isEmpty)
        #expect(result.theme.name == "partial")
        #expect(result.theme[.header] == Style(foreground: .ansi(4)))
        #expect(result.theme[.cursor] == Theme.builtInDefault[.cursor])
        #expect(result.theme[.verdictStopped] == Theme.builtInDefault[.verdictStopped])
    }

    @Test func badValuesFallBackPerField() {
        let result = ThemeLoader.load(
            yaml: "styles:\n  header: { fg: \"#zzzzzz\", bg: blue, bold: maybe }\n  title: [1, 2]\n",
            defaultName: "bad", source: "bad.yaml")
        #expect(result.warnings.count == 3)
        #expect(result.theme[.header] == Style(foreground: .default, background: .ansi(4)))
        #expect(result.theme[.title] == Theme.builtInDefault[.title])
    }

    @Test(arguments: ["styles: {cursor: [", "- just\n- a list\n", "plain words", "\t\u{0}garbage: : :"])
    func brokenFilesGiveTheDefaultThemeAndAMessage(yaml: String) {
        let result = ThemeLoader.load(yaml: yaml, defaultName: "broken", source: "broken.yaml")
        #expect(result.theme == Theme.builtInDefault)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("broken.yaml") == true)
        #expect(result.warnings.first?.contains("built-in default") == true)
    }

    @Test func anUnreadableFileGivesTheDefaultTheme() {
        let result = ThemeLoader.load(path: "/nonexistent/theme.yaml")
        #expect(result.theme == Theme.builtInDefault)
        #expect(result.warnings.count == 1)
    }

    @Test(arguments: ["default", "light", "high-contrast", "solarized-dark", "monochrome"])
    func everyShippedThemeLoadsWithoutWarnings(name: String) throws {
        let path = themesDirectory + "/\(name).yaml"
        let result = ThemeLoader.load(path: path)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.theme.name == name)
        // Every role is spelled out, so no theme silently inherits dark colors.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for role in ThemeRole.allCases {
            #expect(text.contains("  \(role.rawValue):"), "\(name) lacks \(role.rawValue)")
        }
    }

    @Test func defaultYamlMatchesTheCompiledInDefault() {
        let result = ThemeLoader.load(path: themesDirectory + "/default.yaml")
        #expect(result.theme == Theme.builtInDefault)
    }

    @Test func embeddedThemesMatchTheFiles() throws {
        #expect(BuiltInThemeFiles.all.map(\.name) == ["default", "light", "high-contrast", "solarized-dark", "monochrome"])
        for (name, yaml) in BuiltInThemeFiles.all {
            let file = try String(contentsOfFile: themesDirectory + "/\(name).yaml", encoding: .utf8)
            #expect(yaml + "\n" == file, "run Scripts/embed-themes.sh after editing Themes/\(name).yaml")
        }
    }

    @Test func monochromeUsesNoColors() {
        let theme = ThemeCatalog(directories: []).load("monochrome").theme
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default)
        }
    }

    @Test func catalogResolvesNamesPathsAndBuiltIns() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trailgrid-themes-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name: custom\nstyles:\n  header: red\n".write(
            to: directory.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        try "name: light\nstyles:\n  header: green\n".write(
            to: directory.appendingPathComponent("light.yaml"), atomically: true, encoding: .utf8)

        let catalog = ThemeCatalog(directories: [directory.path])
        #expect(catalog.names == ["default", "light", "high-contrast", "solarized-dark", "monochrome", "custom"])
        #expect(catalog.load("custom").theme[.header] == Style(foreground: .ansi(1)))
        // A file in the directory wins over the built-in of the same name.
        #expect(catalog.load("light").theme[.header] == Style(foreground: .ansi(2)))
        // Without a file, the compiled-in theme is used.
        let solarized = catalog.load("solarized-dark")
        #expect(solarized.warnings.isEmpty && solarized.theme.name == "solarized-dark")
        // A path is loaded as a file.
        #expect(catalog.load(directory.appendingPathComponent("custom.yaml").path).theme.name == "custom")
        let unknown = catalog.load("nope")
        #expect(unknown.theme == Theme.builtInDefault)
        #expect(unknown.warnings.first?.contains("available: default, light") == true)
    }

    @Test func nextCyclesThroughTheCatalog() {
        let catalog = ThemeCatalog(directories: [])
        var name = "default"
        var seen: [String] = []
        for _ in 0..<5 {
            name = catalog.next(after: name).theme.name
            seen.append(name)
        }
        #expect(seen == ["light", "high-contrast", "solarized-dark", "monochrome", "default"])
        #expect(catalog.next(after: "from-a-path").theme.name == "default")
    }

    @Test func standardCatalogFindsEnvironmentAndPackageThemes() {
        let catalog = ThemeCatalog.standard(
            environment: ["TRAILGRID_THEMES": "/custom/themes"],
            executablePath: themesDirectory + "/../.build/debug/trailgrid")
        #expect(catalog.directories.first == "/custom/themes")
        #expect(catalog.directories.count == 2)
        #expect(catalog.directories.last.map { $0.hasSuffix("/Themes") } == true)
    }

    @Test func verdictGlyphsAreDistinctInBothSets() {
        for set in [GlyphSet.unicode, .ascii] {
            let glyphs = Verdict.allCases.map { $0.glyph(set) }
            #expect(Set(glyphs).count == Verdict.allCases.count)
            for glyph in glyphs { #expect(DisplayWidth.of(glyph) == 1) }
        }
        for glyph in Verdict.allCases.map({ $0.glyph(.ascii) }) {
            #expect(glyph.isASCII)
        }
        // One ASCII table for the dashboard and `check`: "." is OK in both.
        #expect(Verdict.allCases.map { $0.glyph(.ascii) } == Verdict.allCases.map(\.glyph))
    }
}
