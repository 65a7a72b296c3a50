import Foundation

/// The SDKs' default credential chain, in botocore's order:
/// 1. the environment's keys (skipped for an explicit `--profile`);
/// 2. the profile's `role_arn` (with `source_profile` or `credential_source`) → AssumeRole;
/// 3. web identity: the profile's `web_identity_token_file`, or
///    AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN → AssumeRoleWithWebIdentity;
/// 4. the profile's keys in the credentials file;
/// 5. the profile's `credential_process`;
/// 6. the profile's keys in the config file;
/// 7. container credentials (ECS, EKS Pod Identity);
/// 8. EC2 instance metadata (IMDSv2), unless AWS_EC2_METADATA_DISABLED=true.
///
/// The first source that is configured is used, and its failure is the
/// chain's failure (a broken `credential_process` is reported, not skipped
/// over to an instance role). Temporary credentials are cached and refreshed
/// before they expire; the chain resolves its source once.
public actor DefaultCredentialChain: CredentialProvider {
    public let settings: CredentialChainSettings
    private let client: AWSClient
    private var resolved: (provider: any CredentialProvider, source: String)?

    public init(settings: CredentialChainSettings = CredentialChainSettings(), client: AWSClient) {
        self.settings = settings
        self.client = client
    }

    public func credentials() async throws -> AWSCredentials {
        let provider = try resolvedProvider().provider
        return try await provider.credentials()
    }

    /// Which source the chain chose ("environment", "profile dev: role_arn …").
    public func source() throws -> String {
        try resolvedProvider().source
    }

    private func resolvedProvider() throws -> (provider: any CredentialProvider, source: String) {
        if let resolved { return resolved }
        let chosen = try CredentialChainResolver(settings: settings, client: client).resolve()
        resolved = chosen
        return chosen
    }
}

/// Builds the provider the chain's order picks; reads files, makes no call.
struct CredentialChainResolver {
    let settings: CredentialChainSettings
    let client: AWSClient

    /// The region whose STS the chain's own calls use.
    func stsRegion(_ profile: ProfileFiles.Profile?) -> String {
        settings.nonEmpty("AWS_REGION") ?? settings.nonEmpty("AWS_DEFAULT_REGION") ?? profile?["region"] ?? "us-east-1"
    }

    func resolve() throws -> (provider: any CredentialProvider, source: String) {
        let environment = EnvironmentCredentialProvider(environment: settings.environment)
        if settings.explicitProfile == nil, environment.isPresent {
            return (environment, "environment")
        }
        let files = ProfileFiles.load(credentialsPath: settings.credentialsPath, configPath: settings.configPath)
        let profile = files.profile(settings.profileName)
        if profile == nil, settings.profileIsNamed {
            throw AWSClientError.credentials("profile \(settings.profileName) is in neither \(settings.credentialsPath) nor \(settings.configPath)")
        }
        if let profile, let found = try fromProfile(profile, files: files, visited: [], allowEnvironmentWebIdentity: true) {
            return found
        }
        if let webIdentity = environmentWebIdentity(profile) {
            return (webIdentity, "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
        }
        if ContainerCredentialProvider.isConfigured(settings.environment) {
            let container = try ContainerCredentialProvider(transport: client.transport, environment: settings.environment)
            return (CachedCredentialProvider(container), "container credentials")
        }
        if !InstanceMetadataCredentialProvider.isDisabled(settings.environment) {
            let imds = try InstanceMetadataCredentialProvider(transport: client.transport, environment: settings.environment)
            return (CachedCredentialProvider(imds), "instance metadata (IMDSv2)")
        }
        throw AWSClientError.credentials("""
            no credentials found: not in the environment (AWS_ACCESS_KEY_ID), nor in profile \(settings.profileName) \
            of \(settings.credentialsPath) or \(settings.configPath), no web identity, container or instance metadata
            """)
    }

    func environmentWebIdentity(_ profile: ProfileFiles.Profile?) -> (any CredentialProvider)? {
        guard let file = settings.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE"), let role = settings.nonEmpty("AWS_ROLE_ARN") else { return nil }
        return CachedCredentialProvider(WebIdentityCredentialProvider(
            client: client, tokenFile: file, roleARN: role, sessionName: settings.nonEmpty("AWS_ROLE_SESSION_NAME"), region: stsRegion(profile)))
    }

    /// The provider a profile's settings name, or nil when it names none
    /// (then the chain goes on to the environment-wide sources).
    func fromProfile(_ profile: ProfileFiles.Profile, files: ProfileFiles, visited: Set<String>,
                     allowEnvironmentWebIdentity: Bool) throws -> (provider: any CredentialProvider, source: String)? {
        let name = profile.name
        if let role = profile["role_arn"], profile["web_identity_token_file"] == nil {
            return (try assumeRole(role, profile: profile, files: files, visited: visited.union([name])), "profile \(name): role_arn \(role)")
        }
        if let file = profile["web_identity_token_file"] {
            guard let role = profile["role_arn"] else {
                throw AWSClientError.credentials("profile \(name) has web_identity_token_file but no role_arn")
            }
            let provider = WebIdentityCredentialProvider(client: client, tokenFile: settings.expand(file), roleARN: role,
                                                         sessionName: profile["role_session_name"], region: stsRegion(profile))
            return (CachedCredentialProvider(provider), "profile \(name): web_identity_token_file")
        }
        if allowEnvironmentWebIdentity, let webIdentity = environmentWebIdentity(profile) {
            return (webIdentity, "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
        }
        if let keys = try Self.keys(profile.credentials, profile: name, file: settings.credentialsPath) {
            return (StaticCredentialProvider(keys), "profile \(name) in \(settings.credentialsPath)")
        }
        if let command = profile["credential_process"] {
            return (CachedCredentialProvider(ProcessCredentialProvider(command: command, profile: name)), "profile \(name): credential_process")
        }
        if let keys = try Self.keys(profile.config, profile: name, file: settings.configPath) {
            return (StaticCredentialProvider(keys), "profile \(name) in \(settings.configPath)")
        }
        if profile["sso_session"] != nil || profile["sso_start_url"] != nil {
            throw AWSClientError.credentials("profile \(name) uses IAM Identity Center (SSO), which trailgrid does not read yet: export the session's keys (aws configure export-credentials --profile \(name) --format env)")
        }
        return nil
    }

    static func keys(_ settings: [String: String], profile: String, file: String) throws -> AWSCredentials? {
        let key = settings["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = settings["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil):
            return nil
        case let (key?, secret?):
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret,
                                  sessionToken: settings["aws_session_token"] ?? settings["aws_security_token"])
        default:
            throw AWSClientError.credentials("profile \(profile) in \(file) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }

    func assumeRole(_ role: String, profile: ProfileFiles.Profile, files: ProfileFiles, visited: Set<String>) throws -> any CredentialProvider {
        let name = profile.name
        if let mfa = profile["mfa_serial"] {
            throw AWSClientError.credentials("""
                profile \(name) assumes \(role) with MFA (mfa_serial \(mfa)); trailgrid runs unattended and cannot ask for a code: \
                use a role without MFA, or a session from `aws sts get-session-token` in the environment
                """)
        }
        let source: any CredentialProvider
        if let sourceName = profile["source_profile"] {
            if sourceName == name {
                // A profile may assume a role with its own keys.
                guard let keys = try Self.keys(profile.credentials, profile: name, file: settings.credentialsPath)
                        ?? Self.keys(profile.config, profile: name, file: settings.configPath) else {
                    throw AWSClientError.credentials("profile \(name) is its own source_profile but has no keys")
                }
                source = StaticCredentialProvider(keys)
            } else {
                guard !visited.contains(sourceName) else {
                    throw AWSClientError.credentials("profile \(name): source_profile \(sourceName) leads back to itself")
                }
                guard let sourceProfile = files.profile(sourceName) else {
                    throw AWSClientError.credentials("profile \(name): source_profile \(sourceName) is in neither file")
                }
                guard let found = try fromProfile(sourceProfile, files: files, visited: visited, allowEnvironmentWebIdentity: false) else {
                    throw AWSClientError.credentials("profile \(name): source_profile \(sourceName) has no credentials")
                }
                source = found.provider
            }
        } else if let credentialSource = profile["credential_source"] {
            switch credentialSource {
            case "Environment":
                source = EnvironmentCredentialProvider(environment: settings.environment)
            case "EcsContainer":
                source = CachedCredentialProvider(try ContainerCredentialProvider(transport: client.transport, environment: settings.environment))
            case "Ec2InstanceMetadata":
                source = CachedCredentialProvider(try InstanceMetadataCredentialProvider(transport: client.transport, environment: settings.environment))
            default:
                throw AWSClientError.credentials("profile \(name): credential_source \(credentialSource) is not Environment, EcsContainer or Ec2InstanceMetadata")
            }
        } else {
            throw AWSClientError.credentials("profile \(name) has role_arn but neither source_profile nor credential_source")
        }
        let provider = AssumeRoleCredentialProvider(
            client: client, source: source, roleARN: role,
            sessionName: profile["role_session_name"] ?? "trailgrid-\(Int(Date().timeIntervalSince1970))",
            externalID: profile["external_id"], duration: profile["duration_seconds"].flatMap { Int($0) },
            region: stsRegion(profile))
        return CachedCredentialProvider(provider)
    }
}
