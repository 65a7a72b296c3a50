import Foundation

/// STS (query protocol): who the caller is, and the role sessions the
/// credential chain and a collect's member accounts need.
public struct CallerIdentity: Sendable, Equatable {
    public var account: String
    public var arn: String
    public var userID: String
}

extension AWSContext {
    public func getCallerIdentity() async throws -> CallerIdentity {
        let tree = try await query(.sts, "GetCallerIdentity")
        guard let result = tree.first("GetCallerIdentityResult"), let account = result.child("Account")?.text else {
            throw AWSClientError.decoding("GetCallerIdentity: no Account in the answer")
        }
        return CallerIdentity(account: account, arn: result.child("Arn")?.text ?? "", userID: result.child("UserId")?.text ?? "")
    }

    /// AssumeRole; `externalID` when the role's trust policy requires one.
    public func assumeRole(roleARN: String, sessionName: String, externalID: String? = nil,
                           duration: Int? = nil) async throws -> AWSCredentials {
        var parameters: [AWSHTTPRequest.QueryItem] = [.init("RoleArn", roleARN), .init("RoleSessionName", sessionName)]
        if let externalID { parameters.append(.init("ExternalId", externalID)) }
        if let duration { parameters.append(.init("DurationSeconds", String(duration))) }
        let tree = try await query(.sts, "AssumeRole", parameters)
        return try Self.credentials(in: tree, operation: "AssumeRole")
    }

    /// AssumeRoleWithWebIdentity: the token is the proof, so the request is
    /// not signed (`credentials` may be nil).
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String) async throws -> AWSCredentials {
        let tree = try await query(.sts, "AssumeRoleWithWebIdentity",
                                   [.init("RoleArn", roleARN), .init("RoleSessionName", sessionName), .init("WebIdentityToken", token)])
        return try Self.credentials(in: tree, operation: "AssumeRoleWithWebIdentity")
    }

    static func credentials(in tree: XMLTree, operation: String) throws -> AWSCredentials {
        guard let node = tree.first("Credentials"), let key = node.child("AccessKeyId")?.text,
              let secret = node.child("SecretAccessKey")?.text else {
            throw AWSClientError.decoding("\(operation): no Credentials in the answer")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: node.child("SessionToken")?.text,
                              expiration: node.child("Expiration").flatMap { Timestamps.parseISO8601($0.text) })
    }
}
