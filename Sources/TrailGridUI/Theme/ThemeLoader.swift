import Foundation
import Yams

/// Reads theme files, tolerantly (btop's `loadFile`, STYLE.md §3.10): an
/// unknown key is ignored with a warning, a bad value falls back to the
/// default for that field, a missing role falls back to the built-in default
/// theme's style, and a file that is not a theme yields the built-in default
/// theme with a message. It never throws and never crashes.
///
/// The format:
/// ```yaml
/// name: default
/// description: Dark background.      # optional, ignored
/// palette:                           # optional names for colors
///   accent: "#5fafff"
/// styles:
///   cursor: { fg: "#000000", bg: accent, bold: true }
///   verdict.ok: green                # a bare value is the foreground
/// ```
/// Colors are `#rrggbb`, `#rgb`, `0`–`255`, a color name, a palette name or
/// `default`; attributes are `bold`, `dim`, `underline`, `reverse` (booleans)
/// or a list under `attributes`. Inside a role, an unset field means the
/// terminal default, not the built-in theme's value, so a role reads whole.
public enum ThemeLoader {
    /// Loads the theme file at `path`.
    public static func load(path: String) -> ThemeLoadResult {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return fallback(source: path, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return fallback(source: path, reason: "is not UTF-8 text")
        }
        return load(yaml: text, defaultName: stem, source: path)
    }

    /// Loads a theme from YAML text.
    ///
    /// - Parameters:
    ///   - defaultName: the theme's name when the text has no `name:`.
    ///   - source: how warnings name the text (a path or "built-in light").
    public static func load(yaml: String, defaultName: String, source: String) -> ThemeLoadResult {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return fallback(source: source, reason: "is not valid YAML (\(firstLine(of: error)))")
        }
        guard let mapping = root?.mapping else {
            return fallback(source: source, reason: "is not a mapping of theme keys")
        }
        var warnings: [String] = []
        var name = defaultName
        var palette: [String: Color] = [:]
        var styleNodes: Node.Mapping?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            switch key {
            case "name":
                if let text = value.string, !text.isEmpty { name = text }
            case "description":
                break
            case "palette":
                palette = readPalette(value, source: source, warnings: &warnings)
            case "styles":
                styleNodes = value.mapping
                if styleNodes == nil { warnings.append("\(source): 'styles' is not a mapping; ignored") }
            default:
                warnings.append("\(source): unknown key '\(key)' ignored")
            }
        }
        var styles = Theme.builtInDefault.styles
        for (keyNode, value) in styleNodes ?? [:] {
            let key = keyNode.string ?? "?"
            guard let role = ThemeRole(rawValue: key) else {
                warnings.append("\(source): unknown role '\(key)' ignored")
                continue
            }
            styles[role] = readStyle(value, role: key, palette: palette, source: source, warnings: &warnings)
        }
        return ThemeLoadResult(theme: Theme(name: name, styles: styles), warnings: warnings)
    }

    private static func fallback(source: String, reason: String) -> ThemeLoadResult {
        ThemeLoadResult(
            theme: .builtInDefault,
            warnings: ["\(source) \(reason); using the built-in default theme"]
        )
    }

    private static func firstLine(of error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }

    private static func readPalette(_ node: Node, source: String, warnings: inout [String]) -> [String: Color] {
        guard let mapping = node.mapping else {
            warnings.append("\(source): 'palette' is not a mapping; ignored")
            return [:]
        }
        var palette: [String: Color] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            if let text = value.string, let color = Color(parsing: text) {
                palette[key.lowercased()] = color
            } else {
                warnings.append("\(source): palette color '\(key)' has a bad value; ignored")
            }
        }
        return palette
    }

    private static func readStyle(
        _ node: Node, role: String, palette: [String: Color], source: String, warnings: inout [String]
    ) -> Style {
        var style = Style()
        func color(_ value: Node, field: String) -> Color {
            if let text = value.string {
                if let named = palette[text.lowercased()] { return named }
                if let parsed = Color(parsing: text) { return parsed }
            }
            warnings.append("\(source): \(role).\(field) has a bad color '\(value.string ?? "?")'; using default")
            return .default
        }
        if node.scalar != nil {
            style.foreground = color(node, field: "fg")
            return style
        }
        guard let mapping = node.mapping else {
            warnings.append("\(source): role '\(role)' is neither a color nor a mapping; using the default")
            return Theme.builtInDefault[ThemeRole(rawValue: role) ?? .base]
        }
        for (keyNode, value) in mapping {
            let field = keyNode.string ?? "?"
            switch field {
            case "fg", "foreground":
                style.foreground = color(value, field: field)
            case "bg", "background":
                style.background = color(value, field: field)
            case "attributes", "attrs":
                let names = value.sequence?.compactMap(\.string)
                    ?? (value.string ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                for name in names {
                    if let attribute = TextAttributes.named.first(where: { $0.name == name.lowercased() }) {
                        style.attributes.insert(attribute.attribute)
                    } else {
                        warnings.append("\(source): \(role) has unknown attribute '\(name)' ignored")
                    }
                }
            default:
                if let attribute = TextAttributes.named.first(where: { $0.name == field }) {
                    if let on = value.bool {
                        if on { style.attributes.insert(attribute.attribute) }
                    } else {
                        warnings.append("\(source): \(role).\(field) is not true or false; ignored")
                    }
                } else {
                    warnings.append("\(source): \(role) has unknown field '\(field)' ignored")
                }
            }
        }
        return style
    }
}
