import Synchronization

/// Counts of what a client did, for a progress line (calls/s, errors) and
/// for the tests of retries.
public final class AWSClientMetrics: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var attempts = 0
        public var retries = 0
        public var throttles = 0
        public var failures = 0
    }

    private let counts = Mutex(Snapshot())

    public var snapshot: Snapshot { counts.withLock { $0 } }

    func sent() { counts.withLock { $0.attempts += 1 } }
    func failed() { counts.withLock { $0.failures += 1 } }
    func retried(_ reason: RetryPolicy.Reason) {
        counts.withLock {
            $0.retries += 1
            if reason == .throttling { $0.throttles += 1 }
        }
    }
}
