/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (or its
/// old name AWS_SECURITY_TOKEN).
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Whether the environment names any key at all (so that the chain stops here).
    public var isPresent: Bool {
        !(environment["AWS_ACCESS_KEY_ID"] ?? "").isEmpty || !(environment["AWS_SECRET_ACCESS_KEY"] ?? "").isEmpty
    }

    public func credentials() async throws -> AWSCredentials {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty else {
            throw AWSClientError.credentials("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSClientError.credentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        let token = [environment["AWS_SESSION_TOKEN"], environment["AWS_SECURITY_TOKEN"]].compactMap { $0 }.first { !$0.isEmpty }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }
}
