import Foundation

/// What the default chain reads: the environment, an explicit profile
/// (`--profile`), and where the shared files are. Passed in rather than read
/// from the process, so that tests (and a dashboard refreshing in the
/// background) control every input.
public struct CredentialChainSettings: Sendable {
    public var environment: [String: String]
    /// `--profile`: unlike AWS_PROFILE, it also sets aside the environment's
    /// keys, as botocore does for an explicit profile.
    public var explicitProfile: String?
    public var homeDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, explicitProfile: String? = nil,
                homeDirectory: String? = nil) {
        self.environment = environment
        self.explicitProfile = explicitProfile
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    func nonEmpty(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var profileName: String {
        explicitProfile ?? nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
    }

    /// Whether the profile was asked for by name (so that its absence is an error).
    var profileIsNamed: Bool { profileName != "default" || explicitProfile != nil }

    func expand(_ path: String) -> String {
        path == "~" ? homeDirectory : path.hasPrefix("~/") ? homeDirectory + path.dropFirst() : path
    }

    public var credentialsPath: String { expand(nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials") }
    public var configPath: String { expand(nonEmpty("AWS_CONFIG_FILE") ?? "~/.aws/config") }
}
