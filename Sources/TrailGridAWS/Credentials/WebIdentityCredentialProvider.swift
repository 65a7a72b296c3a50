import Foundation

/// Web identity (EKS service accounts, GitHub OIDC): the token in
/// `AWS_WEB_IDENTITY_TOKEN_FILE` (or a profile's `web_identity_token_file`)
/// is exchanged for a role session with AssumeRoleWithWebIdentity, which is
/// not signed. The file is read at every refresh, since the issuer rotates
/// it; an expired or rejected token is an error with STS's code and message.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let client: AWSClient
    public let tokenFile: String
    public let roleARN: String
    public let sessionName: String
    public let region: String

    public init(client: AWSClient, tokenFile: String, roleARN: String, sessionName: String? = nil, region: String = "us-east-1") {
        self.client = client
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "trailgrid-\(Int(Date().timeIntervalSince1970))"
        self.region = region
    }

    public func credentials() async throws -> AWSCredentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw AWSClientError.credentials("web identity token file \(tokenFile) cannot be read: \(error.localizedDescription)")
        }
        guard !token.isEmpty else { throw AWSClientError.credentials("web identity token file \(tokenFile) is empty") }
        let context = AWSContext(client: client, credentials: nil, region: region)
        do {
            return try await context.assumeRoleWithWebIdentity(roleARN: roleARN, sessionName: sessionName, token: token)
        } catch let error as AWSServiceError {
            throw AWSClientError.credentials("AssumeRoleWithWebIdentity \(roleARN) with the token in \(tokenFile) failed: \(error.code): \(error.message)")
        }
    }
}
