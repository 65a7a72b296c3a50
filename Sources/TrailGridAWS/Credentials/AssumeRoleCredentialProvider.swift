import Foundation

/// STS AssumeRole with another source's credentials: a profile's `role_arn`
/// with `source_profile`, and a collect's role in each member account. Wrap
/// it in `CachedCredentialProvider` so that the session is reused until it
/// is about to expire.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let client: AWSClient
    public let source: any CredentialProvider
    public let roleARN: String
    public let sessionName: String
    public let externalID: String?
    public let duration: Int?
    /// The region whose STS endpoint is called.
    public let region: String

    public init(client: AWSClient, source: any CredentialProvider, roleARN: String, sessionName: String = "trailgrid",
                externalID: String? = nil, duration: Int? = nil, region: String = "us-east-1") {
        self.client = client
        self.source = source
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.duration = duration
        self.region = region
    }

    public func credentials() async throws -> AWSCredentials {
        let context = AWSContext(client: client, credentials: source, region: region)
        do {
            return try await context.assumeRole(roleARN: roleARN, sessionName: sessionName, externalID: externalID, duration: duration)
        } catch let error as AWSServiceError {
            throw AWSClientError.credentials("AssumeRole \(roleARN) failed: \(error.code): \(error.message)")
        }
    }
}
