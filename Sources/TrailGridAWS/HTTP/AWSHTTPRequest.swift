/// A request to an AWS endpoint before and after signing: the parts SigV4
/// reads, kept apart (raw path, raw query items, headers in order, body bytes)
/// so that the signer encodes each exactly once, as the service expects,
/// instead of re-parsing a URL string whose encoding is ambiguous.
public struct AWSHTTPRequest: Sendable, Equatable {
    public var method: String
    /// "https", or "http" for a local emulator behind `--endpoint-url`.
    public var scheme: String
    public var host: String
    public var port: Int?
    /// The path as the service names it, not percent-encoded ("/my bucket/ü").
    public var path: String
    /// Query parameters, not percent-encoded, in the order they are sent.
    public var query: [QueryItem]
    public var headers: [Header]
    public var body: [UInt8]

    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, scheme: String = "https", host: String, port: Int? = nil, path: String = "/",
                query: [QueryItem] = [], headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header of that name, compared without case.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// Replaces every header of that name (any case) with one.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append(Header(name, value))
    }

    public mutating func removeHeader(_ name: String) {
        let lowered = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lowered }
    }

    /// The Host header's value: lowercased, with the port only when it is
    /// not the scheme's default (what botocore and the SDKs sign).
    public var hostHeader: String {
        let name = host.lowercased()
        guard let port else { return name }
        let defaultPort = scheme.lowercased() == "http" ? 80 : 443
        return port == defaultPort ? name : "\(name):\(port)"
    }

    /// The path as sent on the wire: each byte outside the unreserved set
    /// and "/" percent-encoded once.
    public var encodedPath: String {
        URIEncoding.encode(path.isEmpty ? "/" : path, keepingSlash: true)
    }

    /// The query as sent on the wire, in the order given.
    public var encodedQuery: String {
        query.map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// The whole URL for the HTTP client.
    public var url: String {
        var text = "\(scheme)://\(hostHeader)\(encodedPath)"
        if !query.isEmpty { text += "?" + encodedQuery }
        return text
    }
}
