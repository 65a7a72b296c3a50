import Synchronization

/// The standard mode's retry quota: a bucket of 500 tokens shared by every
/// call of a client. A retry takes 5 (10 after a connection error or
/// timeout); a retried call that then succeeds gives its cost back, and a
/// call that succeeds first time adds one. When the bucket runs dry,
/// failures are returned at once instead of retried — during an outage the
/// client stops multiplying its own load.
public final class RetryQuota: Sendable {
    public static let capacity = 500
    public static let retryCost = 5
    public static let connectionRetryCost = 10
    public static let successIncrement = 1

    private let tokens: Mutex<Int>
    private let capacity: Int

    public init(capacity: Int = RetryQuota.capacity) {
        self.capacity = capacity
        tokens = Mutex(capacity)
    }

    public var available: Int { tokens.withLock { $0 } }

    /// Takes the cost of one retry for that reason; nil when the quota cannot pay.
    public func acquire(for reason: RetryPolicy.Reason) -> Int? {
        let cost = reason == .connection ? Self.connectionRetryCost : Self.retryCost
        return tokens.withLock { tokens in
            guard tokens >= cost else { return nil }
            tokens -= cost
            return cost
        }
    }

    /// A call succeeded: give back what its last retry took, or add the
    /// increment for a first-time success.
    public func succeeded(refunding cost: Int?) {
        tokens.withLock { tokens in
            tokens = min(capacity, tokens + (cost ?? Self.successIncrement))
        }
    }
}
