/// Sends one request and reads the whole answer. The client's retries,
/// signing and limits sit above this, so tests can put a fake here and the
/// real one is a thin layer over async-http-client.
public protocol HTTPTransport: Sendable {
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse
}
