/// Where AWS records (and delivers to EventBridge) the CloudTrail event of a
/// call, as AWS documents it: a probe is demanded only in the cells where
/// its event can occur, so a rule is not missed where the event never comes.
///
/// - Global services (IAM, Organizations, Account Management, CloudFront,
///   Route 53) record their calls in us-east-1 ("events created by Amazon
///   CloudFront, AWS Identity and Access Management, and AWS STS are
///   recorded in … us-east-1"), and EventBridge delivers them only to
///   us-east-1's default bus:
///   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail-by-using-the-aws-cli-update-trail.html
///   https://repost.aws/knowledge-center/eventbridge-rule-triggers-iam-single-region
///   https://repost.aws/knowledge-center/use-eventbridge-rule-across-regions
/// - A root user's console sign-in is recorded in us-east-1; an IAM or
///   federated user's in us-east-1, us-east-2, eu-north-1, ap-southeast-2 or
///   the region of the regional sign-in endpoint used — any region:
///   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
/// - STS calls to a regional endpoint are recorded in that region (the
///   global endpoint's in us-east-1), so STS stays regional:
///   https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html
/// - Every other service records a call in the region it was made in.
public enum EventRecordingRegions {
    /// Event sources recorded in us-east-1 only.
    public static let usEast1Only: Set<String> = [
        "iam.amazonaws.com", "organizations.amazonaws.com", "account.amazonaws.com",
        "cloudfront.amazonaws.com", "route53.amazonaws.com",
    ]

    /// The regions where an event of `eventSource` by a principal of
    /// `identityType` (`Root`, `IAMUser`, `AssumedRole`…) is recorded.
    public static func regions(eventSource: String, eventName: String, identityType: String?) -> WatchRegions {
        if usEast1Only.contains(eventSource) { return .only([AWSRegions.globalEventRegion]) }
        if eventSource == "signin.amazonaws.com" && eventName == "ConsoleLogin" && identityType == "Root" {
            return .only([AWSRegions.globalEventRegion])
        }
        return .every
    }
}
