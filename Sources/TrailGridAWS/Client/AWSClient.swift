import Foundation

/// The machinery every call shares: the HTTP transport, the retry policy and
/// its quota, the concurrency limits and the endpoint override. One client
/// serves a whole collect; an `AWSContext` names the credentials, region and
/// account of each call. Call `shutdown()` when done: async-http-client
/// stops a debug build whose client is released while still open.
public final class AWSClient: Sendable {
    public struct Configuration: Sendable {
        /// `--endpoint-url`: every service at this URL (a local emulator).
        public var endpointOverride: String?
        public var retry: RetryPolicy
        /// Each attempt's limit, connection and answer together.
        public var attemptTimeout: Duration
        /// Calls in flight at once (`--jobs`).
        public var jobs: Int
        /// Calls in flight at once for one account in one region.
        public var jobsPerAccountRegion: Int

        public init(endpointOverride: String? = nil, retry: RetryPolicy = RetryPolicy(), attemptTimeout: Duration = .seconds(30),
                    jobs: Int = 32, jobsPerAccountRegion: Int = 8) {
            self.endpointOverride = endpointOverride
            self.retry = retry
            self.attemptTimeout = attemptTimeout
            self.jobs = jobs
            self.jobsPerAccountRegion = jobsPerAccountRegion
        }
    }

    public let configuration: Configuration
    public let transport: any HTTPTransport
    public let quota: RetryQuota
    public let limiter: ConcurrencyLimiter
    public let metrics = AWSClientMetrics()
    private let sleep: @Sendable (Duration) async throws -> Void
    private let random: @Sendable () -> Double
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - sleep, random, now: injected so that tests run retries without
    ///     waiting and sign at a fixed time.
    public init(configuration: Configuration = Configuration(), transport: (any HTTPTransport)? = nil,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.transport = transport ?? AsyncHTTPClientTransport(connectionsPerHost: max(configuration.jobs, 8), readTimeout: configuration.attemptTimeout)
        quota = RetryQuota()
        limiter = ConcurrencyLimiter(overall: configuration.jobs, perKey: configuration.jobsPerAccountRegion)
        self.sleep = sleep
        self.random = random
        self.now = now
    }

    /// Closes the transport's connections when it is the client's own.
    public func shutdown() async throws {
        if let own = transport as? AsyncHTTPClientTransport { try await own.shutdown() }
    }

    /// One operation, retried as the standard mode says: signed afresh each
    /// attempt (a new time, and credentials that may have been refreshed),
    /// each attempt inside the limiter so that backoff waits hold no permit.
    /// A non-2xx answer is thrown as the service's `AWSServiceError`.
    public func send(_ request: AWSHTTPRequest, service: AWSService, operation: String, region: String,
                     credentials: (any CredentialProvider)?, limitKey: String? = nil) async throws -> AWSHTTPResponse {
        let endpoint = try Endpoint.resolve(service, region: region, override: configuration.endpointOverride)
        let routed = endpoint.apply(to: request)
        // REST-XML is S3's protocol, and S3 has its own signing rules.
        let isS3 = service.wireProtocol == .restXML
        var signer = isS3 ? SigV4Signer.s3(region: endpoint.signingRegion)
                          : SigV4Signer(service: service.signingName, region: endpoint.signingRegion)
        if isS3, endpoint.scheme == "https", !request.body.isEmpty { signer.payload = .unsigned }
        let key = "\(limitKey ?? "-")/\(endpoint.signingRegion)"
        var attempt = 1
        var lastCost: Int?
        while true {
            try Task.checkCancellation()
            var retryAfter: Duration?
            do {
                var outgoing = routed
                if let credentials {
                    outgoing = signer.sign(routed, with: try await credentials.credentials(), at: now())
                }
                let transport = self.transport
                let timeout = configuration.attemptTimeout
                metrics.sent()
                let response = try await limiter.run(key: key) { [outgoing] in try await transport.send(outgoing, timeout: timeout) }
                if response.isSuccess {
                    quota.succeeded(refunding: lastCost)
                    return response
                }
                retryAfter = configuration.retry.retryAfter(response.header("Retry-After"))
                throw ProtocolCodec.error(from: response, service: service, operation: operation)
            } catch {
                guard let reason = RetryPolicy.reason(for: error), attempt < configuration.retry.maxAttempts,
                      let cost = quota.acquire(for: reason) else {
                    metrics.failed()
                    throw error
                }
                metrics.retried(reason)
                lastCost = cost
                let backoff = configuration.retry.backoff(afterAttempt: attempt, random: random())
                try await sleep(max(backoff, retryAfter ?? .zero))
                attempt += 1
            }
        }
    }
}
