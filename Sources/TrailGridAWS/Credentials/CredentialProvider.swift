/// A source of credentials. Providers that fetch temporary credentials are
/// wrapped in `CachedCredentialProvider`, so that each call does not fetch
/// anew.
public protocol CredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Credentials fixed in advance (tests, and the result of another source).
public struct StaticCredentialProvider: CredentialProvider {
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws -> AWSCredentials { value }
}
