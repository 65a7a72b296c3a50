import AsyncHTTPClient

/// `HTTPTransport` over async-http-client: one pooled client, keep-alive
/// connections per host (a collect calls the same few endpoints thousands of
/// times), no redirects (a signed request must not be replayed elsewhere).
///
/// Every failure to get an answer — refused, reset, closed mid-answer, timed
/// out — becomes `AWSClientError.transport`, which the retry policy treats
/// as transient.
public final class AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest answer read; AWS list pages are far below it.
    private let maxBodyBytes: Int

    /// `readTimeout`: the longest silence of a connection waiting for an
    /// answer. The request's own deadline alone did not always end an
    /// attempt: on a loaded CI machine an attempt with a 500 ms deadline
    /// waited 120 s for a slow answer (and 264 s once), as if the deadline
    /// had been set while the request was still queued for its connection
    /// and then forgotten; the read timeout is enforced by the connection
    /// itself.
    public init(connectionsPerHost: Int = 64, connectTimeout: Duration = .seconds(10), readTimeout: Duration? = nil,
                maxBodyBytes: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .nanoseconds(Self.nanoseconds(connectTimeout)),
                                      read: readTimeout.map { .nanoseconds(Self.nanoseconds($0)) })
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        // A refused or failed connection fails the attempt at once, for the
        // retry policy to judge and count, instead of the pool retrying it
        // quietly until the attempt's deadline (a refused --endpoint-url took
        // 3 × 5 s to fail with the pool's retries on). The cost: a failed
        // connection also fails the requests queued for it, and each of
        // those takes its own retry (10 from the quota).
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
    }

    /// Closes the pool's connections; the transport is unusable after it.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        outgoing.headers.add(name: "Host", value: request.hostHeader)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        outgoing.headers.add(name: "User-Agent", value: "trailgrid")
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(request.body)
        }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return AWSHTTPResponse(status: Int(response.status.code),
                                   headers: response.headers.map { .init($0.name, $0.value) },
                                   body: Array(body.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AWSClientError.transport("\(request.method) \(request.hostHeader): \(error)")
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
