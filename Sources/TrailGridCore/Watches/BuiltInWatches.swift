/// The watches trailgrid ships: the CIS AWS Foundations Benchmark
/// "monitoring" controls (CloudWatch metric filters there, EventBridge
/// patterns here), plus coverage tampering — an attacker's first moves.
///
/// Each watch has one probe per event name it covers, so a rule that
/// forwards only some of them is not counted as forwarding the watch.
///
/// Beside each watch: where AWS records its events, with the source. A
/// probe is asked only of the cells where its event is recorded
/// (`EventRecordingRegions`); a watch scoped to us-east-1 is a global
/// service's. CloudTrail delivers an event to the default bus of the region
/// it is recorded in, and a rule sees only its own region's events:
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html
/// https://repost.aws/knowledge-center/use-eventbridge-rule-across-regions
public enum BuiltInWatches {
    public static let all: [Watch] = specs.map(\.watch)

    static let apiCall = DetailType.apiCall
    static let global: WatchRegions = .only(["us-east-1"])

    static let specs: [Spec] = [
        // Every region: a refused call is recorded where it was made (its probes are regional EC2 and
        // S3 calls; an IAM refusal would be us-east-1's). The read-only probe needs
        // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
        Spec(
            name: "unauthorized-api-calls", severity: .medium,
            description: "API calls refused for lack of permission (CIS 4.1): reconnaissance with stolen credentials",
            pattern: #"{"detail-type":["AWS API Call via CloudTrail"],"detail":{"errorCode":[{"suffix":"UnauthorizedOperation"},{"prefix":"AccessDenied"}]}}"#,
            probes: [
                Probe("ec2", "RunInstances", extra: #""errorCode":"Client.UnauthorizedOperation""#),
                Probe("s3", "ListBuckets", readOnly: true, extra: #""errorCode":"AccessDenied""#),
            ]
        ),
        // Every region: an IAM or federated user's ConsoleLogin is recorded in us-east-1, us-east-2,
        // eu-north-1, ap-southeast-2 or the region of the regional sign-in endpoint used:
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
        Spec(
            name: "console-signin-without-mfa", severity: .high,
            description: "Successful console sign-in without MFA (CIS 4.2)",
            pattern: #"{"detail-type":["AWS Console Sign In via CloudTrail","AWS Console Signin via CloudTrail"],"detail":{"eventName":["ConsoleLogin"],"additionalEventData":{"MFAUsed":["No"]},"responseElements":{"ConsoleLogin":["Success"]}}}"#,
            probes: [
                Probe("signin", "ConsoleLogin", detailType: DetailType.consoleSignIn,
                      extra: #""additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Success"}"#),
            ]
        ),
        // Root's sign-in is recorded in us-east-1 only, so its probe is asked of us-east-1 only:
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
        // Root's calls are recorded where they are made (every region), reads included: a root
        // DescribeInstances is reconnaissance too, and reaches only rules in state
        // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, so a plain ENABLED rule is reads-missed:
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
        Spec(
            name: "root-account-usage", severity: .critical,
            description: "The root user signed in or made a call, reads included (CIS 4.3)",
            pattern: #"{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail","AWS Console Signin via CloudTrail"],"detail":{"userIdentity":{"type":["Root"],"invokedBy":[{"exists":false}]}}}"#,
            probes: [
                Probe("signin", "ConsoleLogin", detailType: DetailType.consoleSignIn, identity: rootIdentity),
                Probe("ec2", "RunInstances", identity: rootIdentity),
                Probe("ec2", "DescribeInstances", readOnly: true, identity: rootIdentity),
            ]
        ),
        // us-east-1 only: IAM is a global service, its events are recorded and delivered to EventBridge there:
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail-by-using-the-aws-cli-update-trail.html
        // https://repost.aws/knowledge-center/eventbridge-rule-triggers-iam-single-region
        Spec(
            name: "iam-policy-changes", severity: .high,
            description: "IAM policies created, changed, attached or detached (CIS 4.4)",
            source: "iam",
            eventNames: ["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
                         "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
                         "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
                         "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"],
            regions: global
        ),
        // Every region: CloudTrail's API is regional (a trail is changed in its home region, which may be any):
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail-by-using-the-aws-cli-update-trail.html
        Spec(
            name: "cloudtrail-changes", severity: .critical,
            description: "CloudTrail trails created, changed, stopped or deleted (CIS 4.5)",
            source: "cloudtrail",
            eventNames: ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors"]
        ),
        // Every region: as console-signin-without-mfa (a failed sign-in is recorded where the endpoint is):
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
        Spec(
            name: "console-auth-failures", severity: .medium,
            description: "Failed console sign-ins (CIS 4.6): password guessing",
            pattern: #"{"detail-type":["AWS Console Sign In via CloudTrail","AWS Console Signin via CloudTrail"],"detail":{"eventName":["ConsoleLogin"],"responseElements":{"ConsoleLogin":["Failure"]}}}"#,
            probes: [
                Probe("signin", "ConsoleLogin", detailType: DetailType.consoleSignIn,
                      extra: #""errorMessage":"Failed authentication","responseElements":{"ConsoleLogin":"Failure"}"#),
            ]
        ),
        // Every region: KMS keys are regional and their calls recorded in the key's region:
        // https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
        Spec(
            name: "kms-key-disable-or-deletion", severity: .high,
            description: "Customer-managed KMS keys disabled or scheduled for deletion (CIS 4.7)",
            source: "kms", eventNames: ["DisableKey", "ScheduleKeyDeletion"]
        ),
        // Every region: S3 bucket-level calls are regional management events:
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
        Spec(
            name: "s3-bucket-policy-changes", severity: .high,
            description: "S3 bucket policies, ACLs, CORS, lifecycle or replication changed (CIS 4.8)",
            source: "s3",
            eventNames: ["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
                         "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication",
                         "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock"]
        ),
        // Every region: a Config recorder and delivery channel are per region:
        // https://docs.aws.amazon.com/config/latest/developerguide/log-api-calls.html
        Spec(
            name: "config-changes", severity: .high,
            description: "AWS Config recorder or delivery channel changed or stopped (CIS 4.9)",
            source: "config",
            eventNames: ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder",
                         "DeleteConfigurationRecorder"]
        ),
        // Every region, as the EC2 watches below: an EC2 resource's events reach only its own region's rules:
        // https://repost.aws/knowledge-center/use-eventbridge-rule-across-regions
        Spec(
            name: "security-group-changes", severity: .medium,
            description: "Security groups created, deleted or their rules changed (CIS 4.10)",
            source: "ec2",
            eventNames: ["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
                         "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup",
                         "ModifySecurityGroupRules"]
        ),
        Spec(
            name: "nacl-changes", severity: .medium,
            description: "Network ACLs or their entries changed (CIS 4.11)",
            source: "ec2",
            eventNames: ["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
                         "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"]
        ),
        Spec(
            name: "network-gateway-changes", severity: .medium,
            description: "Internet or customer gateways created, attached, detached or deleted (CIS 4.12)",
            source: "ec2",
            eventNames: ["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
                         "DeleteInternetGateway", "DetachInternetGateway"]
        ),
        Spec(
            name: "route-table-changes", severity: .medium,
            description: "Route tables or routes changed (CIS 4.13)",
            source: "ec2",
            eventNames: ["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
                         "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"]
        ),
        Spec(
            name: "vpc-changes", severity: .medium,
            description: "VPCs or peering connections changed (CIS 4.14)",
            source: "ec2",
            eventNames: ["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                         "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
                         "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"]
        ),
        // us-east-1 only: Organizations' endpoint is in us-east-1 and its events are delivered there,
        // in the management account and in members (which may leave or accept handshakes):
        // https://docs.aws.amazon.com/cli/v1/reference/organizations/index.html
        // https://repost.aws/knowledge-center/use-eventbridge-rule-across-regions
        Spec(
            name: "organizations-changes", severity: .high,
            description: "AWS Organizations structure, accounts or policies changed (CIS 4.15)",
            source: "organizations",
            eventNames: ["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
                         "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy",
                         "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization",
                         "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy",
                         "UpdateOrganizationalUnit"],
            regions: global
        ),
        // Every region: CloudTrail and EventBridge calls are regional (each region's rules and trails):
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/logging-using-cloudtrail.html
        Spec(
            name: "coverage-tampering", severity: .critical,
            description: "Trail logging stopped or narrowed, or an alerting rule deleted, disabled or stripped of targets",
            pattern: #"{"detail-type":["AWS API Call via CloudTrail"],"$or":[{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging","DeleteTrail","PutEventSelectors"]}},{"source":["aws.events"],"detail":{"eventName":["DeleteRule","DisableRule","RemoveTargets"]}}]}"#,
            probes: ["StopLogging", "DeleteTrail", "PutEventSelectors"].map { Probe("cloudtrail", $0) }
                + ["DeleteRule", "DisableRule", "RemoveTargets"].map { Probe("events", $0) }
        ),
    ]

    static let rootIdentity = #"{"type":"Root","arn":"arn:aws:iam::111122223333:root"}"#

    /// A probe event: a minimal EventBridge envelope of one CloudTrail call.
    struct Probe {
        var text: String

        init(_ service: String, _ eventName: String, detailType: String = DetailType.apiCall, readOnly: Bool = false,
             identity: String = #"{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Admin/probe"}"#,
             extra: String? = nil) {
            let eventType = detailType == DetailType.apiCall ? "AwsApiCall" : "AwsConsoleSignIn"
            text = #"{"version":"0","source":"aws.\#(service)","detail-type":"\#(detailType)","account":"111122223333","region":"us-east-1","detail":{"eventSource":"\#(service).amazonaws.com","eventName":"\#(eventName)","eventType":"\#(eventType)","readOnly":\#(readOnly),"userIdentity":\#(identity),"awsRegion":"us-east-1","recipientAccountId":"111122223333"\#(extra.map { "," + $0 } ?? "")}}"#
        }
    }

    struct Spec {
        var name: String
        var severity: Severity
        var description: String
        var pattern: String
        var probes: [Probe]
        var regions: WatchRegions

        init(name: String, severity: Severity, description: String, pattern: String, probes: [Probe], regions: WatchRegions = .every) {
            self.name = name
            self.severity = severity
            self.description = description
            self.pattern = pattern
            self.probes = probes
            self.regions = regions
        }

        /// A watch on mutating calls to `source` with these event names.
        init(name: String, severity: Severity, description: String, source: String, eventNames: [String], regions: WatchRegions = .every) {
            let names = eventNames.map(JSONWriter.quoted).joined(separator: ",")
            self.init(
                name: name, severity: severity, description: description,
                pattern: #"{"source":["aws.\#(source)"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["\#(source).amazonaws.com"],"eventName":[\#(names)]}}"#,
                probes: eventNames.map { Probe(source, $0) },
                regions: regions
            )
        }

        /// Built-ins are compiled from literals checked by the test suite; a
        /// failure here is a programming error caught before release.
        var watch: Watch {
            let compiled: EventPattern
            do {
                compiled = try EventPattern(json: pattern)
            } catch {
                preconditionFailure("built-in watch \(name) has an invalid pattern: \(error)")
            }
            let documents = probes.map { probe -> JSONValue in
                do {
                    return try JSONParser.parse(probe.text)
                } catch {
                    preconditionFailure("built-in watch \(name) has an invalid probe: \(error)")
                }
            }
            return Watch(name: name, severity: severity, description: description, pattern: compiled, probes: documents,
                         regions: regions, isBuiltIn: true)
        }
    }
}
