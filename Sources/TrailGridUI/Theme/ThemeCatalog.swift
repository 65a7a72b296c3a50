import Foundation

/// Finds themes by name or path, for `--theme NAME|PATH` and for cycling
/// with `t`.
///
/// A name is looked up, in order, in each of `directories` (as
/// `NAME.yaml`/`NAME.yml`), then among the five built-in themes compiled into
/// the binary, so the binary works without any `Themes/` directory.
public struct ThemeCatalog: Sendable {
    /// Directories searched for `NAME.yaml`, first match wins.
    public let directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The built-in themes, in cycling order.
    public static let builtInNames: [String] = BuiltInThemeFiles.all.map(\.name)

    /// The catalog a user expects: `$TRAILGRID_THEMES` first, then a `Themes/`
    /// directory beside the executable or in one of its parent directories
    /// (which finds the package's `Themes/` for `.build/debug/trailgrid`).
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first
    ) -> ThemeCatalog {
        var directories: [String] = []
        if let fromEnvironment = environment["TRAILGRID_THEMES"], !fromEnvironment.isEmpty {
            directories.append(fromEnvironment)
        }
        if let executablePath, let found = themesDirectory(near: executablePath) {
            directories.append(found)
        }
        return ThemeCatalog(directories: directories)
    }

    /// Every theme name available: the built-ins in order, then others found
    /// in the directories, sorted.
    public var names: [String] {
        var extra = Set<String>()
        for directory in directories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                extra.insert(URL(fileURLWithPath: entry).deletingPathExtension().lastPathComponent)
            }
        }
        return Self.builtInNames + extra.subtracting(Self.builtInNames).sorted()
    }

    /// Loads the theme `nameOrPath` names. Something with a `/` or a `.yaml`/
    /// `.yml` ending is a path; anything else a name. An unknown name gives the
    /// built-in default with a warning listing the names there are.
    public func load(_ nameOrPath: String) -> ThemeLoadResult {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            return ThemeLoader.load(path: nameOrPath)
        }
        for directory in directories {
            for ending in [".yaml", ".yml"] {
                let path = (directory as NSString).appendingPathComponent(nameOrPath + ending)
                if FileManager.default.fileExists(atPath: path) {
                    return ThemeLoader.load(path: path)
                }
            }
        }
        if let builtIn = BuiltInThemeFiles.all.first(where: { $0.name == nameOrPath }) {
            return ThemeLoader.load(yaml: builtIn.yaml, defaultName: builtIn.name, source: "built-in theme \(builtIn.name)")
        }
        let available = names.joined(separator: ", ")
        return ThemeLoadResult(
            theme: .builtInDefault,
            warnings: ["unknown theme '\(nameOrPath)' (available: \(available)); using the built-in default theme"]
        )
    }

    /// The theme after `name` in `names`, wrapping around; the first theme if
    /// `name` is not in the catalog (e.g. it was loaded from a path).
    public func next(after name: String) -> ThemeLoadResult {
        let all = names
        guard let first = all.first else { return ThemeLoadResult(theme: .builtInDefault) }
        guard let index = all.firstIndex(of: name) else { return load(first) }
        return load(all[(index + 1) % all.count])
    }

    /// A `Themes` directory holding `default.yaml` beside the executable or up
    /// to five directories above it, symlinks resolved.
    static func themesDirectory(near executablePath: String) -> String? {
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }
}
