/// The event "would this alert?" asks about (issue 15 part 6), as an
/// EventBridge envelope: what the default bus of the cell the call is made
/// in would receive. Read from a CloudTrail record, an EventBridge event,
/// or a name (`DeleteUser`, `iam.amazonaws.com:DeleteUser`).
public struct ProbeEvent: Sendable, Equatable {
    /// The envelope, placed nowhere yet (`Watch.place` puts it in a cell).
    public var document: JSONValue
    /// `eventSource:eventName`, for reasons and the header.
    public var label: String

    public init(document: JSONValue, label: String) {
        self.document = document
        self.label = label
    }

    /// Why a text or name cannot be probed.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// An EventBridge event (`detail-type` and a CloudTrail record in
    /// `detail`), a CloudTrail record, or a log file holding exactly one.
    public static func parse(json text: String) throws(Problem) -> ProbeEvent {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw Problem(description: "not JSON: \(error)")
        }
        return try from(value)
    }

    static func from(_ value: JSONValue) throws(Problem) -> ProbeEvent {
        guard value.objectValue != nil else { throw Problem(description: "not a JSON object") }
        if let records = value["Records"]?.arrayValue {
            guard records.count == 1, let record = records.first else {
                throw Problem(description: "a log file of \(records.count) records: give one event")
            }
            return try from(record)
        }
        if let detail = value["detail"], value["detail-type"]?.stringValue != nil {
            guard let name = detail["eventName"]?.stringValue, let source = detail["eventSource"]?.stringValue else {
                throw Problem(description: "an EventBridge event whose detail is not a CloudTrail record (no eventName or eventSource)")
            }
            return ProbeEvent(document: value, label: "\(source):\(name)")
        }
        guard let name = value["eventName"]?.stringValue, let source = value["eventSource"]?.stringValue else {
            throw Problem(description: "neither an EventBridge event (detail-type, detail) nor a CloudTrail record (eventName, eventSource)")
        }
        return ProbeEvent(document: envelope(of: value, source: source), label: "\(source):\(name)")
    }

    /// The envelope EventBridge wraps a CloudTrail record in.
    static func envelope(of record: JSONValue, source: String) -> JSONValue {
        .object([
            JSONMember("version", .string("0")),
            JSONMember("id", .string("00000000-0000-0000-0000-000000000000")),
            JSONMember("detail-type", .string(DetailType.forEventType(record["eventType"]?.stringValue))),
            JSONMember("source", .string(DetailType.source(forEventSource: source))),
            JSONMember("account", record["recipientAccountId"] ?? .string("")),
            JSONMember("time", record["eventTime"] ?? .string("1970-01-01T00:00:00Z")),
            JSONMember("region", record["awsRegion"] ?? .string("")),
            JSONMember("resources", .array([])),
            JSONMember("detail", record),
        ])
    }

    /// `Name` or `source:Name`. A bare name takes its source (and whether
    /// it is read-only) from the first built-in watch probe of that name;
    /// `source` may be `iam.amazonaws.com`, `iam` or `aws.iam`. A name no
    /// probe knows is read-only when it starts with Get, List, Describe or
    /// Head, as AWS's read-only calls are named.
    public static func named(_ text: String, watches: [Watch] = BuiltInWatches.all) throws(Problem) -> ProbeEvent {
        let trimmed = text.trimmed
        let parts = trimmed.split(separator: ":", maxSplits: 1).map { String($0).trimmed }
        guard let name = parts.last, !name.isEmpty, !name.contains(" ") else {
            throw Problem(description: "give an event name (DeleteUser) or source:name (iam.amazonaws.com:DeleteUser)")
        }
        let known = watches.lazy.flatMap(\.probes).first { $0["detail"]?["eventName"]?.stringValue == name }
        var source: String
        if parts.count == 2 {
            source = parts[0]
            if source.hasPrefix("aws.") { source = String(source.dropFirst(4)) }
            if !source.contains(".") { source += ".amazonaws.com" }
        } else if let found = known?["detail"]?["eventSource"]?.stringValue {
            source = found
        } else {
            throw Problem(description: "no built-in watch knows the source of \(name): give it as source:\(name) (for example ec2.amazonaws.com:\(name))")
        }
        let sameCall = known?["detail"]?["eventSource"]?.stringValue == source
        let readOnly = sameCall ? known?["detail"]?["readOnly"]?.boolValue ?? false
            : ["Get", "List", "Describe", "Head"].contains { name.hasPrefix($0) }
        let signIn = source == "signin.amazonaws.com"
        let record = JSONValue.object([
            JSONMember("eventVersion", .string("1.09")),
            JSONMember("eventSource", .string(source)),
            JSONMember("eventName", .string(name)),
            JSONMember("eventType", .string(signIn ? "AwsConsoleSignIn" : "AwsApiCall")),
            JSONMember("readOnly", .bool(readOnly)),
            JSONMember("userIdentity", .object([
                JSONMember("type", .string("AssumedRole")),
                JSONMember("arn", .string("arn:aws:sts::000000000000:assumed-role/Probe/trailgrid")),
            ])),
            JSONMember("awsRegion", .string("")),
            JSONMember("recipientAccountId", .string("")),
        ])
        return ProbeEvent(document: envelope(of: record, source: source), label: "\(source):\(name)")
    }

    /// A name, or pasted JSON when the text starts with `{`.
    public static func read(_ text: String, watches: [Watch] = BuiltInWatches.all) throws(Problem) -> ProbeEvent {
        if text.trimmed.hasPrefix("{") { return try parse(json: text) }
        return try named(text, watches: watches)
    }

    /// The event as a one-probe watch, so that the coverage engine judges it
    /// exactly as it judges a watch's probes: trail selectors, default-bus
    /// rules, and the chain behind them.
    var watch: Watch {
        // The watch's own pattern is never asked of anything here; it only has to compile.
        let pattern = (try? EventPattern(json: #"{"detail-type":[{"exists":true}]}"#))
        return Watch(name: label, severity: .info, description: "would this event alert?",
                     pattern: pattern ?? BuiltInWatches.all[0].pattern, probes: [document])
    }
}

extension String {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            .reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
