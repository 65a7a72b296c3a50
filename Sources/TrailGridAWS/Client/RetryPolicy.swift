import Foundation

/// The SDKs' "standard" retry mode: up to 3 attempts, exponential backoff
/// with full jitter (a random wait in [0, min(cap, base·2^attempt)]), retries
/// only for throttling and transient errors, and a shared retry quota so that
/// an outage does not turn every call into three.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
    }

    public enum Reason: Sendable, Equatable {
        /// The service asked us to slow down.
        case throttling
        /// A 5xx or a transient error code: the same call may well succeed.
        case transient
        /// No answer at all (connection refused, reset, closed, timed out);
        /// costs more quota, as the SDKs charge timeouts more.
        case connection
    }

    /// Error codes botocore's standard mode treats as throttling.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Error codes that mean "try again" whatever the status.
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable"]

    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Why an error is worth another attempt, or nil if it is not.
    public static func reason(for error: any Error) -> Reason? {
        switch error {
        case let error as AWSServiceError:
            if throttlingCodes.contains(error.code) || error.status == 429 { return .throttling }
            if transientCodes.contains(error.code) || transientStatuses.contains(error.status) { return .transient }
            return nil
        case AWSClientError.transport:
            return .connection
        default:
            return nil
        }
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given
    /// a uniform random number in [0, 1).
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(baseDelay * (1 << exponent), maxBackoff)
        return ceiling * random
    }

    /// A `Retry-After` header in seconds, capped at the maximum backoff so
    /// that a confused server cannot park a collect.
    public func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return min(.milliseconds(Int64(seconds * 1000)), maxBackoff)
    }
}
