/// EventBridge detail-types of CloudTrail-based events.
public enum DetailType {
    public static let apiCall = "AWS API Call via CloudTrail"
    /// The spelling EventBridge delivers in practice.
    public static let consoleSignIn = "AWS Console Sign In via CloudTrail"
    /// The spelling in AWS documentation; some producers use it, so both are accepted.
    public static let consoleSignInDocumented = "AWS Console Signin via CloudTrail"
    public static let serviceEvent = "AWS Service Event via CloudTrail"
    public static let insight = "AWS Insight via CloudTrail"
    public static let consoleAction = "AWS Console Action via CloudTrail"

    /// Every detail-type that carries a CloudTrail record in `detail`.
    public static let all: Set<String> = [apiCall, consoleSignIn, consoleSignInDocumented, serviceEvent, insight, consoleAction]

    /// Whether the UTF-8 `bytes` spell one of `all` (read from a record
    /// without making a String of it).
    static func isCloudTrail(_ bytes: UnsafeRawBufferPointer) -> Bool {
        all.contains { ExactText.equals(bytes, $0) }
    }

    /// The detail-type EventBridge gives a CloudTrail record of `eventType`.
    public static func forEventType(_ eventType: String?) -> String {
        switch eventType {
        case "AwsConsoleSignIn": return consoleSignIn
        case "AwsServiceEvent": return serviceEvent
        case "AwsCloudTrailInsight": return insight
        case "AwsConsoleAction": return consoleAction
        default: return apiCall
        }
    }

    /// The EventBridge `source` of an event from `eventSource` (`ec2.amazonaws.com` → `aws.ec2`).
    public static func source(forEventSource eventSource: String) -> String {
        let service = eventSource.hasSuffix(".amazonaws.com")
            ? String(eventSource.dropLast(".amazonaws.com".count)) : eventSource
        return "aws." + service
    }
}
