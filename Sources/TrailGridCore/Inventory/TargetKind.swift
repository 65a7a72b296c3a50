/// What a rule target is, read from its ARN: another event bus, where the
/// chain continues, or a sink, where it ends (DESIGN §2, "Delivery chains").
public enum TargetKind: Sendable, Equatable {
    case eventBus(BusKey)
    case sink(SinkKind)

    /// Classifies `arn` (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`);
    /// an ARN of another shape is a sink of kind `other`.
    public init(arn: String) {
        guard let parts = ARNParts(arn) else {
            self = .sink(.other)
            return
        }
        if parts.service == "events", parts.resource.hasPrefix("event-bus/"), !parts.region.isEmpty, !parts.account.isEmpty {
            self = .eventBus(BusKey(account: parts.account, region: parts.region, name: String(parts.resource.dropFirst("event-bus/".count))))
            return
        }
        self = .sink(SinkKind(service: parts.service, resource: parts.resource))
    }
}

/// The five fields of an ARN before its resource, and the resource.
public struct ARNParts: Sendable, Equatable {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init?(_ arn: String) {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[2].isEmpty else { return nil }
        partition = String(fields[1])
        service = String(fields[2])
        region = String(fields[3])
        account = String(fields[4])
        resource = String(fields[5])
    }
}

/// A target that ends a chain. What matters about each is whether
/// EventBridge needs an execution role to deliver to it, and whether it may
/// be in another account.
public enum SinkKind: String, Sendable, Equatable, CaseIterable {
    case kinesisStream = "Kinesis stream"
    case firehose = "Firehose stream"
    case lambda = "Lambda function"
    case sns = "SNS topic"
    case sqs = "SQS queue"
    case logs = "CloudWatch Logs group"
    case stepFunctions = "Step Functions state machine"
    case apiDestination = "API destination"
    case apiGateway = "API Gateway"
    case ecs = "ECS task"
    case batch = "Batch job queue"
    case codeBuild = "CodeBuild project"
    case codePipeline = "CodePipeline pipeline"
    case systemsManager = "Systems Manager"
    case incidentManager = "Incident Manager response plan"
    case redshift = "Redshift cluster"
    case sageMaker = "SageMaker pipeline"
    case inspector = "Inspector assessment"
    case glue = "Glue workflow"
    case builtIn = "EC2 built-in target"
    case other = "target"

    init(service: String, resource: String) {
        switch service {
        case "kinesis": self = .kinesisStream
        case "firehose": self = .firehose
        case "lambda": self = .lambda
        case "sns": self = .sns
        case "sqs": self = .sqs
        case "logs": self = .logs
        case "states": self = .stepFunctions
        case "events":
            if resource.hasPrefix("api-destination/") { self = .apiDestination }
            else if resource.hasPrefix("target/") { self = .builtIn }
            else { self = .other }
        case "execute-api": self = .apiGateway
        case "ecs": self = .ecs
        case "batch": self = .batch
        case "codebuild": self = .codeBuild
        case "codepipeline": self = .codePipeline
        case "ssm": self = .systemsManager
        case "ssm-incidents": self = .incidentManager
        case "redshift", "redshift-serverless": self = .redshift
        case "sagemaker": self = .sageMaker
        case "inspector": self = .inspector
        case "glue": self = .glue
        default: self = .other
        }
    }

    /// EventBridge reaches these through an IAM role it assumes (identity
    /// policies), not through a resource policy of the target: without a
    /// `RoleArn` nothing is delivered. Lambda, SNS, SQS and CloudWatch Logs
    /// use their resource policies; API Gateway may use either. (AWS:
    /// "IAM roles for sending events to targets", "Using resource-based
    /// policies for Amazon EventBridge"; DESIGN §2.)
    public var needsRole: Bool {
        switch self {
        case .kinesisStream, .firehose, .stepFunctions, .apiDestination, .ecs, .batch, .codeBuild, .codePipeline,
             .systemsManager, .incidentManager, .redshift, .sageMaker, .inspector, .glue, .builtIn:
            return true
        case .lambda, .sns, .sqs, .logs, .apiGateway, .other:
            return false
        }
    }

    /// The only targets EventBridge delivers to in another account, and then
    /// only within the rule's region and with a role ("Sending events to an
    /// AWS service in another account").
    public var reachableFromOtherAccounts: Bool {
        switch self {
        case .apiGateway, .kinesisStream, .lambda, .sns, .sqs: return true
        default: return false
        }
    }
}
