import Foundation
@testable import TrailGridCore

/// Writes small inventories in the exact shapes the aws CLI prints
/// (samples/inventory-shapes), so every scenario also exercises the reader.
struct InventoryFixture {
    let root: URL

    /// An hour before the scenarios' events.
    static let capturedAt = TestEvents.t0 - 3_600_000

    /// - Parameter capturedAt: the manifest's time; nil writes no manifest, so
    ///   the files' modification times (now, later than the events) date it.
    init(capturedAt: Int64? = Self.capturedAt) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-inventory-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let capturedAt { manifest(capturedAt) }
    }

    func manifest(_ capturedAt: Int64, cells: [String: Int64] = [:]) {
        let items = cells.keys.sorted().map { #""\#($0)":"\#(Timestamp.iso8601(milliseconds: cells[$0] ?? 0))""# }
        write("manifest.json", #"{"capturedAt":"\#(Timestamp.iso8601(milliseconds: capturedAt))","cells":{\#(items.joined(separator: ","))},"tool":"trailgrid tests"}"#)
    }

    func write(_ relative: String, _ text: String) {
        let url = root.appendingPathComponent(relative)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }

    func accounts(_ list: [(String, String)], organization: String = "o-abc123") {
        let items = list.map { id, name in
            #"{"Id":"\#(id)","Arn":"arn:aws:organizations::\#(list[0].0):account/\#(organization)/\#(id)","Email":"\#(name)@example.com","Name":"\#(name)","Status":"ACTIVE","State":"ACTIVE","JoinedMethod":"CREATED"}"#
        }
        write("accounts.json", #"{"Accounts":[\#(items.joined(separator: ","))]}"#)
    }

    /// ec2 describe-regions --all-regions: the listed opt-in regions opted in, the other opt-in ones not.
    func regions(_ account: String, optedIn: [String] = []) {
        let items = AWSRegions.commercial.map { region -> String in
            let status = AWSRegions.optIn.contains(region) ? (optedIn.contains(region) ? "opted-in" : "not-opted-in") : "opt-in-not-required"
            return #"{"OptInStatus":"\#(status)","RegionName":"\#(region)","Endpoint":"ec2.\#(region).amazonaws.com"}"#
        }
        write("\(account)/regions.json", #"{"Regions":[\#(items.joined(separator: ","))]}"#)
    }

    struct Trail {
        var name: String
        var owner: String
        var home: String
        var multiRegion = false
        var organization = false
        var globalEvents = true
        var customSelectors = false

        var arn: String { "arn:aws:cloudtrail:\(home):\(owner):trail/\(name)" }

        var json: String {
            #"{"Name":"\#(name)","S3BucketName":"trail-bucket","IncludeGlobalServiceEvents":\#(globalEvents),"IsMultiRegionTrail":\#(multiRegion),"HomeRegion":"\#(home)","TrailARN":"\#(arn)","LogFileValidationEnabled":false,"HasCustomEventSelectors":\#(customSelectors),"HasInsightSelectors":false,"IsOrganizationTrail":\#(organization)}"#
        }
    }

    /// describe-trails --include-shadow-trails in `account`/`region`.
    func trails(_ account: String, _ region: String, _ list: [Trail]) {
        write("\(account)/\(region)/trails.json", #"{"trailList":[\#(list.map(\.json).joined(separator: ","))]}"#)
    }

    func status(_ account: String, _ trail: Trail, logging: Bool) {
        write("\(account)/\(trail.home)/trail-status/\(trail.name).json",
              #"{"IsLogging":\#(logging),"LatestDeliveryTime":"2026-11-25 02:42:12+00:00","TimeLoggingStarted":"2026-11-25T02:42:12Z","TimeLoggingStopped":""}"#)
    }

    func selectors(_ account: String, _ trail: Trail, basic: String = "[]", advanced: String = "[]") {
        write("\(account)/\(trail.home)/event-selectors/\(trail.name).json",
              #"{"TrailARN":"\#(trail.arn)","EventSelectors":\#(basic),"AdvancedEventSelectors":\#(advanced)}"#)
    }

    struct Rule {
        var name: String
        var pattern: String?
        var state = "ENABLED"
        var bus = "default"
        /// nil: no targets file.
        var targets: [String]? = ["kinesis1"]
    }

    /// events list-rules (EventPattern is a JSON string) and list-targets-by-rule per rule.
    func rules(_ account: String, _ region: String, _ list: [Rule]) {
        let items = list.map { rule -> String in
            var members = [#""Name":"\#(rule.name)""#, #""Arn":"arn:aws:events:\#(region):\#(account):rule/\#(rule.name)""#]
            if let pattern = rule.pattern { members.append(#""EventPattern":\#(JSONWriter.quoted(pattern))"#) }
            else { members.append(#""ScheduleExpression":"rate(5 minutes)""#) }
            members.append(#""State":"\#(rule.state)","EventBusName":"\#(rule.bus)""#)
            return "{" + members.joined(separator: ",") + "}"
        }
        write("\(account)/\(region)/rules.json", #"{"Rules":[\#(items.joined(separator: ","))]}"#)
        for rule in list {
            guard let targets = rule.targets else { continue }
            // A Kinesis target delivers only through its execution role, which list-targets-by-rule prints.
            let items = targets.map { #"{"Id":"\#($0)","Arn":"arn:aws:kinesis:\#(region):\#(account):stream/ct-stream","RoleArn":"arn:aws:iam::\#(account):role/events-to-kinesis"}"# }
            write("\(account)/\(region)/targets/\(rule.name).json", #"{"Targets":[\#(items.joined(separator: ","))]}"#)
        }
    }

    /// One account of its own organization with a logging multi-region trail.
    static func soloLogging(_ account: String) -> (InventoryFixture, Trail) {
        let fixture = InventoryFixture()
        fixture.accounts([(account, "solo")])
        let trail = Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
        fixture.trails(account, "us-east-1", [trail])
        fixture.status(account, trail, logging: true)
        return (fixture, trail)
    }

    func model(_ watches: [Watch] = TestWatches.all, options: CoverageOptions = CoverageOptions()) throws -> CoverageModel {
        CoverageModel(inventory: try InventoryReader.read(directory: root.path), watches: watches, options: options)
    }
}

/// Small watches for the scenarios: a regional one with two probes, a
/// global one scoped to us-east-1, and one that needs read-only events.
enum TestWatches {
    static func probe(_ service: String, _ name: String, readOnly: Bool = false) -> JSONValue {
        (try? JSONParser.parse(#"{"version":"0","source":"aws.\#(service)","detail-type":"AWS API Call via CloudTrail","account":"111122223333","region":"us-east-1","detail":{"eventSource":"\#(service).amazonaws.com","eventName":"\#(name)","eventType":"AwsApiCall","readOnly":\#(readOnly),"awsRegion":"us-east-1","recipientAccountId":"111122223333"}}"#)) ?? .null
    }

    static func watch(_ name: String, _ pattern: String, _ probes: [JSONValue], regions: WatchRegions = .every) -> Watch {
        Watch(name: name, severity: .high, description: name, pattern: (try? EventPattern(json: pattern)) ?? sgPattern, probes: probes, regions: regions)
    }

    static let sgPattern: EventPattern = {
        guard let pattern = try? EventPattern(json: #"{"source":["aws.ec2"]}"#) else { fatalError("test pattern") }
        return pattern
    }()

    static let securityGroups = watch(
        "security-group-changes",
        #"{"source":["aws.ec2"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventName":["AuthorizeSecurityGroupIngress","RevokeSecurityGroupIngress"]}}"#,
        [probe("ec2", "AuthorizeSecurityGroupIngress"), probe("ec2", "RevokeSecurityGroupIngress")]
    )
    static let iam = watch(
        "iam-changes", #"{"source":["aws.iam"],"detail":{"eventName":["CreateUser"]}}"#,
        [probe("iam", "CreateUser")], regions: .only(["us-east-1"])
    )
    static let recon = watch(
        "recon", #"{"source":["aws.ec2"],"detail":{"eventName":["DescribeInstances"]}}"#,
        [probe("ec2", "DescribeInstances", readOnly: true)]
    )
    static let all = [securityGroups, iam, recon]

    /// A rule pattern forwarding every CloudTrail API call.
    static let everything = #"{"detail-type":["AWS API Call via CloudTrail"]}"#
}

/// Builds normalized events as the decoder would, from a CloudTrail record.
enum TestEvents {
    static let t0: Int64 = 1_795_000_000_000

    static func event(
        _ name: String, source: String, account: String = "111111111111", region: String = "us-east-1",
        at time: Int64 = t0, parameters: String = "{}", response: String = "null", errorCode: String? = nil,
        channel: Channel = .trail, id: String = UUID().uuidString
    ) -> CloudTrailEvent {
        let record = #"{"eventVersion":"1.08","eventID":"\#(id)","eventTime":"\#(Timestamp.iso8601(milliseconds: time))","eventName":"\#(name)","eventSource":"\#(source)","awsRegion":"\#(region)","recipientAccountId":"\#(account)","requestParameters":\#(parameters),"responseElements":\#(response)\#(errorCode.map { #","errorCode":"\#($0)""# } ?? "")}"#
        let raw: String
        switch channel {
        case .trail: raw = record
        case .realtime:
            raw = #"{"version":"0","id":"\#(id)","detail-type":"AWS API Call via CloudTrail","source":"\#(DetailType.source(forEventSource: source))","account":"\#(account)","time":"\#(Timestamp.iso8601(milliseconds: time))","region":"\#(region)","resources":[],"detail":\#(record)}"#
        }
        return CloudTrailEvent(
            eventID: id, eventTime: Timestamp.iso8601(milliseconds: time), timestamp: time, eventName: name, eventSource: source,
            awsRegion: region, account: account, principal: "arn:aws:iam::\(account):user/alice", errorCode: errorCode,
            detailType: DetailType.apiCall, channel: channel, origin: RecordOrigin(file: "test", offset: 0), raw: Array(raw.utf8)
        )
    }
}
