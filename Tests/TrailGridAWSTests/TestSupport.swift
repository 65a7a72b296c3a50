import Foundation
@testable import TrailGridAWS

enum TestSupport {
    /// A fresh directory under the system's temporary one.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-aws-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A client for a local endpoint whose retries do not wait.
    static func client(_ endpoint: String?, retry: RetryPolicy = RetryPolicy(), attemptTimeout: Duration = .seconds(5),
                       jobs: Int = 32, perKey: Int = 8, sleeps: SleepLog? = nil) -> AWSClient {
        AWSClient(configuration: .init(endpointOverride: endpoint, retry: retry, attemptTimeout: attemptTimeout, jobs: jobs, jobsPerAccountRegion: perKey),
                  sleep: { duration in sleeps?.append(duration) },
                  random: { 0.5 })
    }

    /// Runs `body` with a client and shuts its connections down after,
    /// whether `body` threw or not.
    static func withClient<T>(_ endpoint: String?, retry: RetryPolicy = RetryPolicy(), attemptTimeout: Duration = .seconds(5),
                              sleeps: SleepLog? = nil, _ body: (AWSClient) async throws -> T) async throws -> T {
        let client = client(endpoint, retry: retry, attemptTimeout: attemptTimeout, sleeps: sleeps)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static let testCredentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "testsecret"))

    /// Form fields of a query request body.
    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    static func stsCredentialsXML(_ operation: String, key: String, expiration: String = "2099-01-01T00:00:00Z") -> String {
        """
        <\(operation)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(operation)Result><Credentials>
        <AccessKeyId>\(key)</AccessKeyId><SecretAccessKey>secret-of-\(key)</SecretAccessKey>
        <SessionToken>token-of-\(key)</SessionToken><Expiration>\(expiration)</Expiration>
        </Credentials></\(operation)Result></\(operation)Response>
        """
    }
}

/// The waits a client asked for, in order.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [Duration] = []
    func append(_ duration: Duration) { lock.withLock { log.append(duration) } }
    var durations: [Duration] { lock.withLock { log } }
}

/// A transport for values that are built but never send (and so need no shutdown).
struct UnusedTransport: HTTPTransport {
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        throw AWSClientError.transport("this test sends nothing")
    }
}
