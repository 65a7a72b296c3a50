/// What came back from an endpoint: enough to decode a result or an error,
/// and to decide on a retry (status, `Retry-After`).
public struct AWSHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [AWSHTTPRequest.Header]
    public var body: [UInt8]

    public init(status: Int, headers: [AWSHTTPRequest.Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}
