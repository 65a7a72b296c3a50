import Crypto
import Foundation

/// Signature Version 4 over an `AWSHTTPRequest`, matching botocore's
/// `SigV4Auth` and `S3SigV4Auth` byte for byte (the tests compare the two).
///
/// Two service families differ, and the differences are options here rather
/// than subclasses:
/// - Every service but S3 signs a *normalized, doubly encoded* path: the
///   path as sent (encoded once) is encoded again, after dot segments and
///   empty segments are removed. S3 signs the path as sent, encoded once.
/// - S3 always sends `X-Amz-Content-SHA256` (the payload hash, or
///   `UNSIGNED-PAYLOAD` when the body is not hashed); other services send it
///   only when the payload is unsigned.
public struct SigV4Signer: Sendable {
    /// The signing name ("sts", "events", "s3"…), not always the endpoint prefix.
    public var service: String
    public var region: String
    public var pathEncoding: PathEncoding
    public var payload: PayloadSigning
    public var alwaysSendsContentSHA256: Bool

    public enum PathEncoding: Sendable {
        /// Normalized and encoded twice (all services but S3).
        case normalizedDouble
        /// As sent, encoded once (S3).
        case single
    }

    public enum PayloadSigning: Sendable {
        case signed
        /// `UNSIGNED-PAYLOAD` in place of the body's hash: S3 over HTTPS can
        /// skip hashing a large body; TLS already protects it.
        case unsigned
    }

    public static let algorithm = "AWS4-HMAC-SHA256"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    static let contentSHA256 = "X-Amz-Content-SHA256"

    /// Headers botocore leaves out of the signature: hop-by-hop headers a
    /// proxy may rewrite, and the user agent and trace id, which other layers
    /// change after signing.
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public init(service: String, region: String, pathEncoding: PathEncoding = .normalizedDouble,
                payload: PayloadSigning = .signed, alwaysSendsContentSHA256: Bool = false) {
        self.service = service
        self.region = region
        self.pathEncoding = pathEncoding
        self.payload = payload
        self.alwaysSendsContentSHA256 = alwaysSendsContentSHA256
    }

    /// S3's rules: single-encoded path, and X-Amz-Content-SHA256 always.
    public static func s3(region: String, payload: PayloadSigning = .signed) -> SigV4Signer {
        SigV4Signer(service: "s3", region: region, pathEncoding: .single, payload: payload, alwaysSendsContentSHA256: true)
    }

    /// The request with X-Amz-Date, the security token, the content hash
    /// where needed and Authorization set; any earlier ones are replaced, so
    /// that a retried request can be signed again.
    public func sign(_ request: AWSHTTPRequest, with credentials: AWSCredentials, at date: Date) -> AWSHTTPRequest {
        var signed = prepared(request, with: credentials, at: date)
        let parts = signatureParts(of: signed, with: credentials)
        signed.setHeader("Authorization",
                         "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(parts.scope), SignedHeaders=\(parts.signedHeaders), Signature=\(parts.signature)")
        return signed
    }

    /// The canonical request of a prepared request (for tests and debugging).
    public func canonicalRequest(of request: AWSHTTPRequest) -> String {
        canonical(request).text
    }

    func prepared(_ request: AWSHTTPRequest, with credentials: AWSCredentials, at date: Date) -> AWSHTTPRequest {
        var request = request
        request.removeHeader("Authorization")
        request.removeHeader("Date")
        request.setHeader("X-Amz-Date", AmzDate(date).timestamp)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        if payload == .unsigned {
            request.setHeader(Self.contentSHA256, Self.unsignedPayload)
        } else if alwaysSendsContentSHA256 {
            request.setHeader(Self.contentSHA256, Hex.sha256(request.body))
        }
        return request
    }

    private func canonical(_ request: AWSHTTPRequest) -> (text: String, signedHeaders: String) {
        var headers: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            guard !Self.unsignedHeaders.contains(name) else { continue }
            headers[name, default: []].append(Self.trimmed(header.value))
        }
        if headers["host"] == nil { headers["host"] = [request.hostHeader] }
        let names = headers.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")

        let path: String
        switch pathEncoding {
        case .single:
            path = request.encodedPath
        case .normalizedDouble:
            path = URIEncoding.encode(URIEncoding.normalizePath(request.encodedPath), keepingSlash: true)
        }

        let bodyHash = request.header(Self.contentSHA256) ?? Hex.sha256(request.body)
        let text = [request.method.uppercased(), path, Self.canonicalQuery(request.query), canonicalHeaders, signedHeaders, bodyHash]
            .joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// Parameters encoded, then sorted by encoded name and, for a repeated
    /// name, by encoded value — byte order, as botocore's `sorted` on ASCII.
    static func canonicalQuery(_ items: [AWSHTTPRequest.QueryItem]) -> String {
        items.map { (Array(URIEncoding.encode($0.name).utf8), Array(URIEncoding.encode($0.value).utf8)) }
            .sorted { $0.0 == $1.0 ? $0.1.lexicographicallyPrecedes($1.1) : $0.0.lexicographicallyPrecedes($1.0) }
            .map { String(decoding: $0.0, as: UTF8.self) + "=" + String(decoding: $0.1, as: UTF8.self) }
            .joined(separator: "&")
    }

    /// SigV4's Trimall: no leading or trailing space, inner runs of
    /// whitespace as one space.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    private func signatureParts(of request: AWSHTTPRequest, with credentials: AWSCredentials)
        -> (scope: String, signedHeaders: String, signature: String) {
        let timestamp = request.header("X-Amz-Date") ?? ""
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let (canonicalText, signedHeaders) = canonical(request)
        let stringToSign = [Self.algorithm, timestamp, scope, Hex.sha256(Array(canonicalText.utf8))].joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: day)
        let signature = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return (scope, signedHeaders, Hex.encode(signature))
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
    func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }
}
