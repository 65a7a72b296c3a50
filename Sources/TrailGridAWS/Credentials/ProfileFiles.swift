import Foundation

/// `~/.aws/credentials` and `~/.aws/config` as the SDKs read them: INI
/// sections of `key = value`, `[name]` in the credentials file and
/// `[profile name]` (or `[default]`) in the config file; lines starting with
/// `#` or `;` are comments; indented lines continue a nested block (such as
/// `s3 =`), which no credential setting uses and so is skipped. A profile's
/// settings are the config file's, overridden key by key by the credentials
/// file's.
public struct ProfileFiles: Sendable, Equatable {
    public var credentials: [String: [String: String]]
    public var config: [String: [String: String]]

    public init(credentials: [String: [String: String]] = [:], config: [String: [String: String]] = [:]) {
        self.credentials = credentials
        self.config = config
    }

    /// Reads both files; a missing file is an empty one, as for the SDKs.
    public static func load(credentialsPath: String, configPath: String) -> ProfileFiles {
        func read(_ path: String) -> String {
            (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        return ProfileFiles(credentials: parse(read(credentialsPath), isConfig: false),
                            config: parse(read(configPath), isConfig: true))
    }

    /// The merged settings of a profile, or nil when neither file names it.
    public func profile(_ name: String) -> Profile? {
        let fromConfig = config[name]
        let fromCredentials = credentials[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        return Profile(name: name, config: fromConfig ?? [:], credentials: fromCredentials ?? [:])
    }

    public struct Profile: Sendable, Equatable {
        public var name: String
        public var config: [String: String]
        public var credentials: [String: String]

        /// A setting from either file, the credentials file's first.
        public subscript(key: String) -> String? {
            credentials[key] ?? config[key]
        }
    }

    static func parse(_ text: String, isConfig: Bool) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { current = nil; continue }
                var name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if isConfig {
                    if name.hasPrefix("profile ") || name.hasPrefix("profile\t") {
                        name = String(name.dropFirst("profile".count)).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" {
                        current = nil   // [sso-session …], [services …]: not profiles.
                        continue
                    }
                }
                current = name
                sections[name, default: [:]] = sections[name, default: [:]]
                continue
            }
            // A continuation of a nested block.
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            guard let name = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[name]?[key] = value
        }
        return sections
    }
}
