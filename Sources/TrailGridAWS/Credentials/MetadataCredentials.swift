import Foundation

/// The JSON document the container and instance metadata endpoints serve.
struct MetadataCredentialDocument: Decodable {
    var Code: String?
    var Message: String?
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var Expiration: String?

    func credentials(from source: String) throws -> AWSCredentials {
        if let code = Code, code != "Success" {
            throw AWSClientError.credentials("\(source) answered \(code)\(Message.map { ": \($0)" } ?? "")")
        }
        guard let key = AccessKeyId, let secret = SecretAccessKey else {
            throw AWSClientError.credentials("\(source) answered without AccessKeyId or SecretAccessKey")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: Token,
                              expiration: Expiration.flatMap(Timestamps.parseISO8601))
    }

    static func decode(_ response: AWSHTTPResponse, from source: String) throws -> AWSCredentials {
        guard response.isSuccess else {
            throw AWSClientError.credentials("\(source) answered HTTP \(response.status): \(ErrorText.plain(response.body, limit: 300))")
        }
        guard let document = try? JSONDecoder().decode(MetadataCredentialDocument.self, from: Data(response.body)) else {
            throw AWSClientError.credentials("\(source) answered something that is not a credentials document")
        }
        return try document.credentials(from: source)
    }
}

/// ECS and EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// (on 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the
/// authorization token from `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`.
/// A full URI over plain http must point at a loopback or the container
/// agent's own address, as the SDKs require, so that credentials are never
/// sent in clear over a network.
public struct ContainerCredentialProvider: CredentialProvider {
    public let transport: any HTTPTransport
    public let url: URLComponents
    let authorizationToken: String?
    let authorizationTokenFile: String?

    public static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    public init(transport: any HTTPTransport, environment: [String: String]) throws {
        self.transport = transport
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            guard let url = URLComponents(string: "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)) else {
                throw AWSClientError.credentials("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a path")
            }
            self.url = url
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            guard let url = URLComponents(string: full), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
                throw AWSClientError.credentials("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
            }
            guard scheme == "https" || (scheme == "http" && (Self.allowedHTTPHosts.contains(host) || host.hasPrefix("127.") || host == "::1" || host == "[::1]")) else {
                throw AWSClientError.credentials("AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or container agent address (got host \(host))")
            }
            self.url = url
        } else {
            throw AWSClientError.credentials("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
        }
        authorizationToken = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        authorizationTokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func isConfigured(_ environment: [String: String]) -> Bool {
        !(environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] ?? "").isEmpty || !(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] ?? "").isEmpty
    }

    public func credentials() async throws -> AWSCredentials {
        var request = AWSHTTPRequest(method: "GET", scheme: url.scheme ?? "http", host: url.host ?? "", port: url.port,
                                     path: url.path.isEmpty ? "/" : url.path,
                                     query: (url.queryItems ?? []).map { .init($0.name, $0.value ?? "") })
        request.headers.append(.init("Accept", "application/json"))
        if let file = authorizationTokenFile {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw AWSClientError.credentials("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file) cannot be read")
            }
            request.headers.append(.init("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = authorizationToken {
            request.headers.append(.init("Authorization", token))
        }
        let source = "the container credentials endpoint \(request.hostHeader)"
        let response: AWSHTTPResponse
        do {
            response = try await transport.send(request, timeout: .seconds(2))
        } catch {
            throw AWSClientError.credentials("\(source) cannot be reached: \(error)")
        }
        return try MetadataCredentialDocument.decode(response, from: source)
    }
}

/// EC2 instance metadata, version 2 only: a session token by PUT, then the
/// role name and its credentials by GET with that token. IMDSv1 (GETs
/// without a token) is not used, as AWS recommends turning it off.
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it (tests use a local fake).
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public let transport: any HTTPTransport
    public let endpoint: URLComponents

    public init(transport: any HTTPTransport, environment: [String: String]) throws {
        self.transport = transport
        let text = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        guard let endpoint = URLComponents(string: text), endpoint.host != nil else {
            throw AWSClientError.credentials("AWS_EC2_METADATA_SERVICE_ENDPOINT \(text) is not a URL")
        }
        self.endpoint = endpoint
    }

    public static func isDisabled(_ environment: [String: String]) -> Bool {
        environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
    }

    func request(_ method: String, _ path: String, headers: [AWSHTTPRequest.Header]) -> AWSHTTPRequest {
        AWSHTTPRequest(method: method, scheme: endpoint.scheme ?? "http", host: endpoint.host ?? "", port: endpoint.port,
                       path: path, headers: headers)
    }

    public func credentials() async throws -> AWSCredentials {
        let source = "the instance metadata service"
        // A 1 s attempt, as the SDKs make, tried three times: a busy host
        // or a connection closed under the client costs one attempt, not
        // the credentials (the SDKs retry IMDS calls the same way).
        func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
            var lastError: (any Error)?
            for _ in 0..<3 {
                do {
                    return try await transport.send(request, timeout: .seconds(1))
                } catch {
                    lastError = error
                }
            }
            throw AWSClientError.credentials("\(source) cannot be reached: \(lastError.map { "\($0)" } ?? "no answer")")
        }
        let tokenResponse = try await send(request("PUT", "/latest/api/token", headers: [.init("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
        guard tokenResponse.isSuccess else {
            throw AWSClientError.credentials("\(source) refused a session token (HTTP \(tokenResponse.status))")
        }
        let token = [AWSHTTPRequest.Header("X-aws-ec2-metadata-token", String(decoding: tokenResponse.body, as: UTF8.self))]
        let base = "/latest/meta-data/iam/security-credentials/"
        let roles = try await send(request("GET", base, headers: token))
        guard roles.isSuccess, let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first else {
            throw AWSClientError.credentials("\(source) has no instance role (HTTP \(roles.status))")
        }
        return try MetadataCredentialDocument.decode(try await send(request("GET", base + role, headers: token)), from: source)
    }
}
