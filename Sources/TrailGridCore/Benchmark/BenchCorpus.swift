#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A realistic `aws kinesis get-records` feed for `trailgrid bench`: JSON
/// Lines of Kinesis records whose base64 `Data` is an EventBridge envelope of
/// a real CloudTrail record.
///
/// Real records are varied into templates (account, region, principal's
/// account, source IP, some failed calls, some of the calls the built-in
/// watches look for) once; each generated event then only fills in fresh
/// ids and is base64-encoded, so the generator can feed the 10-million-event
/// memory run without being the bottleneck. Deterministic for a seed.
public struct BenchCorpus: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64 = 7
        /// Share of events renamed to a call some built-in watch matches.
        public var watchedShare = 0.05
        /// Share of events turned into `AccessDenied` failures.
        public var deniedShare = 0.03
        public var templateCount = 512

        public init() {}
    }

    /// An envelope's text cut where the per-event ids go.
    struct Template: Sendable {
        /// `head` + envelope id + `middle` + eventID + `tail`.
        var head: [UInt8]
        var middle: [UInt8]
        var tail: [UInt8]
    }

    let templates: [Template]
    private var random: SeededGenerator
    private var sequence: UInt64 = 0
    private var payload: [UInt8] = []

    /// - Parameter records: CloudTrail records (JSON text); the embedded real
    ///   ones when empty. Records that do not parse or lack an `eventID` are ignored.
    public init(records: [String] = [], options: Options = Options()) throws(BenchError) {
        var random = SeededGenerator(seed: options.seed)
        let texts = records.isEmpty ? BenchRecords.embedded.split(separator: "\n").map(String.init) : records
        let parsed = texts.compactMap { text -> JSONValue? in
            guard let value = try? JSONParser.parse(text), value["eventID"] != nil else { return nil }
            return value
        }
        guard !parsed.isEmpty else { throw BenchError("no usable CloudTrail record to build the corpus from") }
        var templates: [Template] = []
        for index in 0..<max(1, options.templateCount) {
            let record = parsed[index % parsed.count]
            templates.append(Self.template(from: record, options: options, random: &random))
        }
        self.templates = templates
        self.random = random
    }

    /// Reads CloudTrail records, one JSON object a line.
    public static func records(inFile path: String) throws(BenchError) -> [String] {
        guard let bytes = try? readWholeFile(path) else { throw BenchError("cannot read \(path)") }
        return bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends one get-records line (with its newline) to `out`.
    public mutating func appendRecord(to out: inout [UInt8]) {
        sequence += 1
        let template = templates[Int(random.next() % UInt64(templates.count))]
        payload.removeAll(keepingCapacity: true)
        payload.append(contentsOf: template.head)
        Self.appendUUID(&random, to: &payload)
        payload.append(contentsOf: template.middle)
        Self.appendUUID(&random, to: &payload)
        payload.append(contentsOf: template.tail)

        out.append(contentsOf: #"{"SequenceNumber":"49590338271490256608559692538361571095921575989136588898"#.utf8)
        appendDecimal(sequence, width: 10, to: &out)
        out.append(contentsOf: #"","ApproximateArrivalTimestamp":1714567890.123,"Data":""#.utf8)
        payload.withUnsafeBytes { Base64.appendEncoded($0, to: &out) }
        out.append(contentsOf: #"","PartitionKey":""#.utf8)
        Self.appendUUID(&random, to: &out)
        out.append(contentsOf: "\"}\n".utf8)
    }

    /// Writes `count` records to `path` (replacing it); returns the bytes written.
    @discardableResult
    public mutating func write(count: Int, to path: String) throws(BenchError) -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError("cannot create \(path)") }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        var total = 0
        for index in 0..<count {
            appendRecord(to: &buffer)
            if buffer.count >= 1 << 20 || index == count - 1 {
                guard writeAll(fd, buffer) else { throw BenchError("cannot write \(path)") }
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        return total
    }

    // MARK: - Templates

    static let accounts = (0..<40).map { String(111_122_223_333 + $0 * 1_010_101) }
    static let regions = ["us-east-1", "us-east-1", "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
                          "ap-northeast-1", "us-east-2", "eu-north-1", "sa-east-1", "ca-central-1"]
    /// Calls the built-in watches look for, with their sources.
    static let watchedCalls: [(source: String, name: String)] = [
        ("cloudtrail.amazonaws.com", "StopLogging"), ("cloudtrail.amazonaws.com", "DeleteTrail"),
        ("cloudtrail.amazonaws.com", "PutEventSelectors"), ("iam.amazonaws.com", "PutRolePolicy"),
        ("iam.amazonaws.com", "AttachUserPolicy"), ("s3.amazonaws.com", "PutBucketPolicy"),
        ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"), ("ec2.amazonaws.com", "CreateRoute"),
        ("kms.amazonaws.com", "ScheduleKeyDeletion"), ("config.amazonaws.com", "StopConfigurationRecorder"),
        ("events.amazonaws.com", "DisableRule"), ("organizations.amazonaws.com", "LeaveOrganization"),
    ]
    static let envelopeIDSlot = "@@ENVELOPE-ID@@"
    static let eventIDSlot = "@@EVENT-ID@@"

    private static func template(from record: JSONValue, options: Options, random: inout SeededGenerator) -> Template {
        let account = accounts[Int(random.next() % UInt64(accounts.count))]
        let region = regions[Int(random.next() % UInt64(regions.count))]
        let seconds = Int(random.next() % 86_400)
        let time = "2024-05-01T\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))Z"
        var detail = record
        detail.set("eventID", .string(eventIDSlot))
        detail.set("eventTime", .string(time))
        detail.set("awsRegion", .string(region))
        if detail["recipientAccountId"] != nil { detail.set("recipientAccountId", .string(account)) }
        if var identity = detail["userIdentity"], case .object = identity {
            if identity["accountId"] != nil { identity.set("accountId", .string(account)) }
            if let arn = identity["arn"]?.stringValue {
                var parts = arn.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count > 4, !parts[4].isEmpty { parts[4] = Substring(account) }
                identity.set("arn", .string(parts.joined(separator: ":")))
            }
            detail.set("userIdentity", identity)
        }
        if Double(random.next() % 10_000) < options.watchedShare * 10_000 {
            let call = watchedCalls[Int(random.next() % UInt64(watchedCalls.count))]
            detail.set("eventSource", .string(call.source))
            detail.set("eventName", .string(call.name))
        }
        if Double(random.next() % 10_000) < options.deniedShare * 10_000 {
            detail.set("errorCode", .string("AccessDenied"))
            detail.set("errorMessage", .string("User is not authorized to perform this operation"))
        }
        if random.next() % 4 == 0 {
            // Documentation address ranges (RFC 5737).
            detail.set("sourceIPAddress", .string("198.51.100.\(random.next() % 250 + 1)"))
        }
        let eventSource = detail["eventSource"]?.stringValue ?? ""
        let envelope = JSONValue.object([
            JSONMember("version", .string("0")),
            JSONMember("id", .string(envelopeIDSlot)),
            JSONMember("detail-type", .string(DetailType.forEventType(detail["eventType"]?.stringValue))),
            JSONMember("source", .string(DetailType.source(forEventSource: eventSource))),
            JSONMember("account", .string(account)),
            JSONMember("time", .string(time)),
            JSONMember("region", .string(region)),
            JSONMember("resources", .array([])),
            JSONMember("detail", detail),
        ])
        let text = Array(JSONWriter.serialize(envelope).utf8)
        let (head, afterEnvelopeID) = split(text, at: envelopeIDSlot)
        let (middle, tail) = split(afterEnvelopeID, at: eventIDSlot)
        return Template(head: head, middle: middle, tail: tail)
    }

    private static func split(_ bytes: [UInt8], at slot: String) -> ([UInt8], [UInt8]) {
        let marker = Array(slot.utf8)
        for start in 0...(bytes.count - marker.count) where bytes[start..<(start + marker.count)].elementsEqual(marker) {
            return (Array(bytes[..<start]), Array(bytes[(start + marker.count)...]))
        }
        return (bytes, [])
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    // MARK: - Ids

    private static let hex = Array("0123456789abcdef".utf8)

    /// A random UUID-shaped id (8-4-4-4-12 hex digits).
    private static func appendUUID(_ random: inout SeededGenerator, to out: inout [UInt8]) {
        var bits = random.next()
        var more = random.next()
        for position in 0..<32 {
            if position == 8 || position == 12 || position == 16 || position == 20 { out.append(UInt8(ascii: "-")) }
            if position == 16 { bits = more; more = 0 }
            out.append(hex[Int(bits & 0xF)])
            bits >>= 4
        }
    }

    private func appendDecimal(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        out.append(contentsOf: digits)
    }
}

/// Why a benchmark could not run.
public struct BenchError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// Replaces the member `key` of an object (or adds it at the end).
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(JSONMember(key, value))
        }
        self = .object(members)
    }
}
