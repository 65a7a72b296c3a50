/// Who calls, where: a client, the credentials of one account (nil for the
/// few unsigned calls, such as AssumeRoleWithWebIdentity), a region, and the
/// account id the limiter keys on. A collect makes one per account and region;
/// the operations in Services/ are methods on it.
public struct AWSContext: Sendable {
    public var client: AWSClient
    public var credentials: (any CredentialProvider)?
    public var region: String
    /// The limiter's key with the region; nil shares one key per region.
    public var account: String?

    public init(client: AWSClient, credentials: (any CredentialProvider)?, region: String, account: String? = nil) {
        self.client = client
        self.credentials = credentials
        self.region = region
        self.account = account
    }

    public func with(region: String) -> AWSContext {
        var copy = self
        copy.region = region
        return copy
    }

    /// A JSON 1.1 call with a Codable input and output.
    public func json11<Output: Decodable>(_ service: AWSService, _ operation: String, _ input: some Encodable,
                                          as output: Output.Type = Output.self) async throws -> Output {
        try ProtocolCodec.decodeJSON(output, from: try await json11Body(service, operation, input), operation: operation)
    }

    /// A JSON 1.1 call whose answer is kept as the service's own bytes, for
    /// a caller that stores the document whole.
    public func json11Body(_ service: AWSService, _ operation: String, _ input: some Encodable) async throws -> [UInt8] {
        guard case .json11(let prefix) = service.wireProtocol else {
            throw AWSClientError.invalidConfiguration("\(service.endpointPrefix) does not speak JSON 1.1")
        }
        let request = ProtocolCodec.json11(targetPrefix: prefix, operation: operation, body: try ProtocolCodec.encodeJSON(input))
        return try await client.send(request, service: service, operation: operation, region: region,
                                     credentials: credentials, limitKey: account).body
    }

    /// A query call; the answer's XML document.
    public func query(_ service: AWSService, _ operation: String, _ parameters: [AWSHTTPRequest.QueryItem] = []) async throws -> XMLTree {
        guard case .query(let version) = service.wireProtocol else {
            throw AWSClientError.invalidConfiguration("\(service.endpointPrefix) does not speak the query protocol")
        }
        let request = ProtocolCodec.query(version: version, operation: operation, parameters: parameters)
        let response = try await client.send(request, service: service, operation: operation, region: region,
                                             credentials: credentials, limitKey: account)
        return try XMLTree.parse(response.body)
    }

    /// A REST call (JSON or XML); the raw answer.
    public func rest(_ service: AWSService, _ operation: String, _ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        try await client.send(request, service: service, operation: operation, region: region,
                              credentials: credentials, limitKey: account)
    }
}

/// JSON inputs with no members.
public struct EmptyInput: Encodable, Sendable {
    public init() {}
}
