/// What a remediation template must create: in each listed account and
/// region, EventBridge rules on the default bus that forward the chosen
/// watches (or every CloudTrail management event) to one target.
public struct RemediationPlan: Sendable, Equatable {
    /// One rule to create in every deployment: a name and an EventBridge pattern.
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var description: String
        public var pattern: String
        /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` when read-only calls
        /// must be forwarded too, else `ENABLED` (mutating calls only).
        public var state: String
        /// Regions where the rule is needed; nil for every region. Global
        /// services record their events in us-east-1 only.
        public var onlyRegions: [String]?
    }

    public struct Deployment: Sendable, Equatable, Hashable {
        public var account: String
        public var region: String

        public init(account: String, region: String) {
            self.account = account
            self.region = region
        }
    }

    public var rules: [Rule]
    public var deployments: [Deployment]
    /// A central event bus, Kinesis stream or Lambda function ARN.
    public var targetArn: String

    public static let enabledWithReads = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

    /// Why a target ARN cannot receive EventBridge events.
    public struct TargetError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The kind of target, which decides whether EventBridge needs a role to
    /// deliver (Kinesis streams and other accounts' buses do; Lambda uses its
    /// resource policy).
    public enum TargetKind: String, Sendable { case eventBus = "event bus", kinesisStream = "Kinesis stream", lambda = "Lambda function" }

    public static func targetKind(of arn: String) throws(TargetError) -> TargetKind {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else {
            throw TargetError(description: "'\(arn)' is not an ARN (arn:partition:service:region:account:resource)")
        }
        switch (parts[2], parts[5]) {
        case ("events", let resource) where resource.hasPrefix("event-bus/"): return .eventBus
        case ("kinesis", let resource) where resource.hasPrefix("stream/"): return .kinesisStream
        case ("lambda", let resource) where resource.hasPrefix("function:"): return .lambda
        default:
            throw TargetError(description: "'\(arn)' is not an event bus, Kinesis stream or Lambda function ARN")
        }
    }

    /// A plan forwarding `watches` (one rule each) or, when `watches` is
    /// empty, every CloudTrail management event with one rule.
    public init(watches: [Watch], deployments: [Deployment], targetArn: String) throws(TargetError) {
        _ = try Self.targetKind(of: targetArn)
        self.targetArn = targetArn
        self.deployments = Array(Set(deployments)).sorted { ($0.account, $0.region) < ($1.account, $1.region) }
        if watches.isEmpty {
            rules = [Rule(
                name: "trailgrid-forward-cloudtrail",
                description: "Forward every CloudTrail management event (reads included) for real-time alerting",
                pattern: #"{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail","AWS Console Signin via CloudTrail"]}"#,
                state: Self.enabledWithReads,
                onlyRegions: nil
            )]
        } else {
            rules = watches.map { watch in
                Rule(
                    name: "trailgrid-\(watch.name)",
                    description: String(watch.description.prefix(480)),
                    pattern: watch.pattern.text,
                    state: watch.needsReadOnlyEvents ? Self.enabledWithReads : "ENABLED",
                    onlyRegions: {
                        if case .only(let regions) = watch.regions { return regions }
                        return nil
                    }()
                )
            }
        }
    }

    /// Regions grouped by the accounts that need them, for StackSet instances.
    public var accountsByRegionSet: [(regions: [String], accounts: [String])] {
        var regionsByAccount: [String: [String]] = [:]
        for deployment in deployments { regionsByAccount[deployment.account, default: []].append(deployment.region) }
        var groups: [[String]: [String]] = [:]
        for (account, regions) in regionsByAccount { groups[regions.sorted(), default: []].append(account) }
        return groups.map { (regions: $0.key, accounts: $0.value.sorted()) }
            .sorted { $0.accounts.first ?? "" < $1.accounts.first ?? "" }
    }
}
