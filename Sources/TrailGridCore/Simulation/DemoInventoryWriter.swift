#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a `DemoOrganization` as the inventory layout of DESIGN §3, in the
/// exact JSON shapes the aws CLI prints, so the demo's grid comes from the
/// same reader and coverage engine as a real organization's.
public enum DemoInventoryWriter {
    /// 2025-11-24T00:00:00Z: before any event the simulator writes (it dates
    /// them by the clock, or by the fixed times tests give it), so that its
    /// staged StopLogging and DeleteRule are newer than the inventory and apply.
    public static let capturedAt: Int64 = 1_763_942_400_000

    public static func write(_ organization: DemoOrganization, to directory: String, capturedAt: Int64 = capturedAt) throws(FileError) {
        try StateDirectory.ensure(directory)
        try put(InventoryManifest(capturedAt: capturedAt, tool: "trailgrid demo").json, at: directory + "/" + InventoryManifest.fileName)
        try put(accountsJSON(organization), at: directory + "/accounts.json")
        for account in organization.accounts {
            let base = directory + "/" + account.id
            try put(regionsJSON(organization, account), at: base + "/regions.json")
            for region in organization.regions where organization.isEnabled(region, in: account) {
                let cell = base + "/" + region
                let trails = trailsVisible(in: region, account: account, organization: organization)
                try put(.object([JSONMember("trailList", .array(trails.map(\.json)))]), at: cell + "/trails.json")
                for trail in trails {
                    try put(.object([
                        JSONMember("IsLogging", .bool(trail.logging)),
                        JSONMember("LatestDeliveryTime", .string("2026-11-25T02:42:12Z")),
                    ]), at: cell + "/trail-status/" + trail.name + ".json")
                    try put(.object([
                        JSONMember("TrailARN", .string(trail.arn)),
                        JSONMember("EventSelectors", .array([])),
                        JSONMember("AdvancedEventSelectors", .array([])),
                    ]), at: cell + "/event-selectors/" + trail.name + ".json")
                }
                var rules: [JSONValue] = []
                if let setup = account.rules[region] {
                    let rule = demoRule(setup, account: account.id, region: region, bus: organization.centralBus(in: region))
                    rules.append(rule.json)
                    try put(.object([JSONMember("Targets", .array(rule.targets))]), at: cell + "/targets/" + rule.name + ".json")
                }
                try put(.object([JSONMember("Rules", .array(rules))]), at: cell + "/rules.json")
            }
        }
        try writeCentralBus(organization, to: directory)
    }

    /// The bus side of the members' forwarding, in every region of the
    /// security account: `buses.json` with the central bus and its policy
    /// (one statement naming the member accounts as `put-permission
    /// --principal <account>` writes them, all but the refused member), and
    /// its rule with a Kinesis target and role — no rule in the region
    /// `DemoOrganization.busWithoutRule`.
    static func writeCentralBus(_ organization: DemoOrganization, to directory: String) throws(FileError) {
        let account = organization.securityAccount
        guard let owner = organization.accounts.first(where: { $0.id == account }) else { return }
        let members = organization.accounts.filter { $0.id != account && $0.name != DemoOrganization.refusedMember }
        for region in organization.regions where organization.isEnabled(region, in: owner) {
            let cell = "\(directory)/\(account)/\(region)"
            let bus = organization.centralBus(in: region)
            let policy = JSONValue.object([
                JSONMember("Version", .string("2012-10-17")),
                JSONMember("Statement", .array([.object([
                    JSONMember("Sid", .string("MemberAccounts")),
                    JSONMember("Effect", .string("Allow")),
                    JSONMember("Principal", .object([JSONMember("AWS", .array(members.map { .string("arn:aws:iam::\($0.id):root") }))])),
                    JSONMember("Action", .string("events:PutEvents")),
                    JSONMember("Resource", .string(bus)),
                ])])),
            ])
            try put(.object([JSONMember("EventBuses", .array([
                .object([JSONMember("Name", .string("default")), JSONMember("Arn", .string("arn:aws:events:\(region):\(account):event-bus/default"))]),
                .object([JSONMember("Name", .string("security-central")), JSONMember("Arn", .string(bus)),
                         JSONMember("Policy", .string(JSONWriter.serialize(policy)))]),
            ]))]), at: cell + "/buses.json")
            let name = "security-central-to-stream"
            guard region != DemoOrganization.busWithoutRule else {
                try put(.object([JSONMember("Rules", .array([]))]), at: cell + "/buses/security-central/rules.json")
                continue
            }
            try put(.object([JSONMember("Rules", .array([.object([
                JSONMember("Name", .string(name)),
                JSONMember("Arn", .string("arn:aws:events:\(region):\(account):rule/security-central/\(name)")),
                JSONMember("EventPattern", .string(#"{"detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"]}"#)),
                JSONMember("State", .string("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")),
                JSONMember("EventBusName", .string("security-central")),
            ])]))]), at: cell + "/buses/security-central/rules.json")
            try put(.object([JSONMember("Targets", .array([.object([
                JSONMember("Id", .string("security-stream")),
                JSONMember("Arn", .string("arn:aws:kinesis:\(region):\(account):stream/security-events")),
                JSONMember("RoleArn", .string("arn:aws:iam::\(account):role/security-central-to-kinesis")),
            ])]))]), at: cell + "/buses/security-central/targets/\(name).json")
        }
    }

    static func put(_ value: JSONValue, at path: String) throws(FileError) {
        try StateDirectory.ensure(AtomicFile.parentDirectory(of: path))
        // A scratch folder: no fsync per file (hundreds of files would take seconds).
        try AtomicFile.write(JSONWriter.serialize(value, indent: 4) + "\n", to: path, durable: false)
    }

    static func accountsJSON(_ organization: DemoOrganization) -> JSONValue {
        .object([JSONMember("Accounts", .array(organization.accounts.map { account in
            .object([
                JSONMember("Id", .string(account.id)),
                JSONMember("Arn", .string("arn:aws:organizations::\(organization.managementAccount):account/\(organization.organizationID)/\(account.id)")),
                JSONMember("Email", .string("\(account.name)@example.com")),
                JSONMember("Name", .string(account.name)),
                JSONMember("Status", .string("ACTIVE")),
                JSONMember("State", .string("ACTIVE")),
            ])
        }))])
    }

    static func regionsJSON(_ organization: DemoOrganization, _ account: DemoOrganization.Account) -> JSONValue {
        .object([JSONMember("Regions", .array(organization.regions.map { region in
            let status = !AWSRegions.optIn.contains(region) ? "opt-in-not-required"
                : (account.optedIn.contains(region) ? "opted-in" : "not-opted-in")
            return .object([
                JSONMember("OptInStatus", .string(status)),
                JSONMember("RegionName", .string(region)),
                JSONMember("Endpoint", .string("ec2.\(region).amazonaws.com")),
            ])
        }))])
    }

    struct DemoTrail {
        var name: String
        var arn: String
        var home: String
        var multiRegion: Bool
        var logging: Bool
        var organization = false

        var json: JSONValue {
            .object([
                JSONMember("Name", .string(name)),
                JSONMember("S3BucketName", .string("cloudtrail-logs-central")),
                JSONMember("IncludeGlobalServiceEvents", .bool(true)),
                JSONMember("IsMultiRegionTrail", .bool(multiRegion)),
                JSONMember("HomeRegion", .string(home)),
                JSONMember("TrailARN", .string(arn)),
                JSONMember("LogFileValidationEnabled", .bool(true)),
                JSONMember("HasCustomEventSelectors", .bool(false)),
                JSONMember("HasInsightSelectors", .bool(false)),
                JSONMember("IsOrganizationTrail", .bool(organization)),
            ])
        }
    }

    /// The trails `describe-trails --include-shadow-trails` lists in `region`:
    /// the organization trail (single-region, us-east-1) in every member, a
    /// multi-region trail in every region (as a shadow), a regional one at home.
    static func trailsVisible(in region: String, account: DemoOrganization.Account, organization: DemoOrganization) -> [DemoTrail] {
        var trails: [DemoTrail] = []
        if region == DemoOrganization.organizationTrailRegion {
            let name = "org-trail"
            trails.append(DemoTrail(name: name, arn: "arn:aws:cloudtrail:us-east-1:\(organization.managementAccount):trail/\(name)",
                                    home: region, multiRegion: false, logging: true, organization: true))
        }
        return trails + accountTrails(in: region, account: account)
    }

    static func accountTrails(in region: String, account: DemoOrganization.Account) -> [DemoTrail] {
        switch account.trail {
        case .multiRegion(let logging):
            let name = "\(account.name)-trail"
            return [DemoTrail(name: name, arn: "arn:aws:cloudtrail:us-east-1:\(account.id):trail/\(name)", home: "us-east-1", multiRegion: true, logging: logging)]
        case .regional(let home):
            guard home == region else { return [] }
            let name = "\(account.name)-\(home)"
            return [DemoTrail(name: name, arn: "arn:aws:cloudtrail:\(home):\(account.id):trail/\(name)", home: home, multiRegion: false, logging: true)]
        case .none:
            return []
        }
    }

    struct DemoRule {
        var name: String
        var json: JSONValue
        var targets: [JSONValue]
    }

    static func demoRule(_ setup: DemoOrganization.RuleSetup, account: String, region: String, bus: String) -> DemoRule {
        let name: String
        let pattern: String
        var state = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
        var targets: [JSONValue] = [.object([
            JSONMember("Id", .string("central-bus")),
            JSONMember("Arn", .string(bus)),
            JSONMember("RoleArn", .string("arn:aws:iam::\(account):role/events-to-central")),
        ])]
        switch setup {
        case .forwardAll, .disabled, .noTarget:
            name = "forward-cloudtrail-to-security"
            pattern = #"{"detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"]}"#
            if setup == .disabled { state = "DISABLED" }
            if setup == .noTarget { targets = [] }
        case .narrow:
            name = "sg-changes-only"
            pattern = #"{"source": ["aws.ec2"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["AuthorizeSecurityGroupIngress"]}}"#
            state = "ENABLED"
        }
        let json = JSONValue.object([
            JSONMember("Name", .string(name)),
            JSONMember("Arn", .string("arn:aws:events:\(region):\(account):rule/\(name)")),
            JSONMember("EventPattern", .string(pattern)),
            JSONMember("State", .string(state)),
            JSONMember("EventBusName", .string("default")),
        ])
        return DemoRule(name: name, json: json, targets: targets)
    }
}
