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
    public var target: Target
    /// Where the rules deliver: an event bus or a sink ARN.
    public var targetArn: String { target.arn }
    public var context: Context

    public static let enabledWithReads = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

    /// What the inventory and the user add to a plan beyond the cells.
    public struct Context: Sendable, Equatable {
        /// A role EventBridge assumes to deliver (`--target-role`); without
        /// one, a template creates a role where the target needs it.
        public var targetRoleArn: String?
        /// Where the central bus's own rules send the events (`--bus-sink`);
        /// without it the bus side is its policy only.
        public var busSinkArn: String?
        public var busSinkRoleArn: String?
        /// From `accounts.json`: the bus policy admits the organization, and
        /// Terraform deploys into the management account without assuming
        /// a member role there.
        public var organizationID: String?
        public var managementAccount: String?

        public init(targetRoleArn: String? = nil, busSinkArn: String? = nil, busSinkRoleArn: String? = nil,
                    organizationID: String? = nil, managementAccount: String? = nil) {
            self.targetRoleArn = targetRoleArn
            self.busSinkArn = busSinkArn
            self.busSinkRoleArn = busSinkRoleArn
            self.organizationID = organizationID
            self.managementAccount = managementAccount
        }
    }

    /// Why a target ARN cannot receive EventBridge events.
    public struct TargetError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A remediation target: an event bus, where the chain continues, or a
    /// sink whose delivery needs the IAM action `action`.
    public struct Target: Sendable, Equatable {
        public var arn: String
        public var account: String
        public var region: String
        /// The bus, when the target is one.
        public var bus: BusKey?
        public var sink: SinkKind?

        /// The action a role must allow for EventBridge to deliver.
        public var actions: [String] {
            if bus != nil { return ["events:PutEvents"] }
            switch sink {
            case .kinesisStream: return ["kinesis:PutRecord", "kinesis:PutRecords"]
            case .firehose: return ["firehose:PutRecord", "firehose:PutRecordBatch"]
            case .lambda: return ["lambda:InvokeFunction"]
            case .sns: return ["sns:Publish"]
            case .sqs: return ["sqs:SendMessage"]
            case .stepFunctions: return ["states:StartExecution"]
            default: return []
            }
        }

        public var kindName: String { bus != nil ? "event bus" : sink?.rawValue ?? "target" }

        /// Buses (AWS recommends a role for every bus target and requires
        /// one across regions and organizations) and role-only sinks need a
        /// role from every account.
        public var alwaysNeedsRole: Bool { bus != nil || sink?.needsRole == true }

        /// Whether a rule in `account` needs a role to deliver here: always,
        /// or for a resource-policy sink from another account (DESIGN §2).
        public func needsRole(from account: String) -> Bool {
            alwaysNeedsRole || (sink != nil && account != self.account)
        }
    }

    /// The kinds remediation accepts: what `check` follows to a sink and a
    /// rule can deliver to with one IAM action.
    static let acceptedSinks: [SinkKind] = [.kinesisStream, .firehose, .lambda, .sns, .sqs, .logs, .stepFunctions]

    public static func target(of arn: String) throws(TargetError) -> Target {
        guard let parts = ARNParts(arn) else {
            throw TargetError(description: "'\(arn)' is not an ARN (arn:partition:service:region:account:resource)")
        }
        switch TargetKind(arn: arn) {
        case .eventBus(let bus) where !parts.region.isEmpty && !parts.account.isEmpty:
            return Target(arn: arn, account: parts.account, region: parts.region, bus: bus, sink: nil)
        case .sink(let sink) where acceptedSinks.contains(sink) && !parts.region.isEmpty && !parts.account.isEmpty:
            return Target(arn: arn, account: parts.account, region: parts.region, bus: nil, sink: sink)
        default:
            throw TargetError(description: "'\(arn)' is not an event bus, Kinesis stream, Firehose stream, Lambda function, SNS topic, SQS queue, CloudWatch Logs group or Step Functions state machine ARN")
        }
    }

    /// A plan forwarding `watches` (one rule each) or, when `watches` is
    /// empty, every CloudTrail management event with one rule. A sink is
    /// reached only from its own region (only a bus crosses regions), and
    /// from other accounts only if it is one of the kinds EventBridge
    /// delivers to across accounts: a plan that could not deliver is refused.
    public init(watches: [Watch], deployments: [Deployment], targetArn: String, context: Context = Context()) throws(TargetError) {
        let target = try Self.target(of: targetArn)
        let deployments = Array(Set(deployments)).sorted { ($0.account, $0.region) < ($1.account, $1.region) }
        self.target = target
        self.context = context
        self.deployments = deployments
        if let sink = target.sink {
            let elsewhere = deployments.filter { $0.region != target.region }
            if !elsewhere.isEmpty {
                let regions = AWSRegions.sorted(Set(elsewhere.map(\.region)))
                throw TargetError(description: "a \(sink.rawValue) receives events only from rules in its own region (\(target.region)): "
                    + "\(elsewhere.count) cell(s) in \(regions.prefix(6).joined(separator: ", "))\(regions.count > 6 ? ", …" : "") need an event bus target (or narrow with --region \(target.region))")
            }
            if !sink.reachableFromOtherAccounts, let other = deployments.first(where: { $0.account != target.account }) {
                throw TargetError(description: "EventBridge does not deliver to a \(sink.rawValue) in another account (\(other.account) → \(target.account)): use an event bus target")
            }
        }
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

    /// The rules a deployment in `region` gets (a global service's only in
    /// the region where its events land).
    public func rules(in region: String) -> [Rule] {
        rules.filter { $0.onlyRegions?.contains(region) ?? true }
    }

    /// The rule count per cell, exactly: "16 rules each" when every cell
    /// gets the same, else each count with the regions it holds in.
    public var ruleCountText: String {
        var regionsByCount: [Int: Set<String>] = [:]
        for deployment in deployments { regionsByCount[rules(in: deployment.region).count, default: []].insert(deployment.region) }
        let total = deployments.reduce(0) { $0 + rules(in: $1.region).count }
        if regionsByCount.count <= 1 {
            let each = regionsByCount.keys.first ?? rules.count
            return "\(each) \(each == 1 ? "rule" : "rules") each"
        }
        let parts = regionsByCount.sorted { $0.key > $1.key }.map { count, regions in
            let names = AWSRegions.sorted(regions)
            let listed = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
            return "\(count) per cell in \(listed)"
        }
        return "\(total) rules: " + parts.joined(separator: "; ")
    }

    /// The central bus's home, when the target is a bus: its policy must
    /// admit the senders, and its own rules must send the events on.
    public var busHome: Deployment? {
        target.bus.map { Deployment(account: $0.cell.account, region: $0.cell.region) }
    }

    /// A central bus that is its home account's default bus already holds
    /// that account's events there: a default-bus rule forwarding to it
    /// would be a loop, so the home gets only the bus side.
    public var targetIsHomeDefaultBus: Bool { target.bus?.name == "default" }

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
