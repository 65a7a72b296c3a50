#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plays the demo organization's activity into Kinesis record files, as the
/// real pipeline would: events a rule forwards go to `realtime-NNN.jsonl`
/// (EventBridge envelopes inside `get-records` records), and every logged
/// call reaches `trail-NNN.jsonl` a moment later (gzip CloudWatch Logs
/// messages inside records). The ingester tails the folder like any feed.
///
/// It also stages an incident: part-way through, someone stops a trail and
/// deletes a rule, which the dashboard must pick up live. And now and then
/// it writes a malformed record (bad base64, a truncated line), which must
/// be counted and quarantined, never shown nor lost silently.
public actor DemoFeedWriter {
    public private(set) var organization: DemoOrganization
    private let directory: String
    private var random: SeededGenerator
    private let factory = DemoEventFactory()
    private let eventsPerSecond: Int
    private let linesPerFile: Int
    private var realtime: FeedFile
    private var trail: FeedFile
    private var pendingTrail: [(due: Int64, record: String)] = []
    private var sequence: UInt64 = 49_650_000_000_000
    private var written = 0
    private var staged = 0

    public init(organization: DemoOrganization, directory: String, seed: UInt64, eventsPerSecond: Int = 20, linesPerFile: Int = 5_000) throws(FileError) {
        self.organization = organization
        self.directory = directory
        self.random = SeededGenerator(seed: seed ^ 0xFEED)
        self.eventsPerSecond = max(1, eventsPerSecond)
        self.linesPerFile = max(10, linesPerFile)
        try StateDirectory.ensure(directory)
        realtime = try FeedFile(directory: directory, prefix: "realtime")
        trail = try FeedFile(directory: directory, prefix: "trail")
    }

    /// Calls written so far.
    public var callsWritten: Int { written }

    /// Writes activity until cancelled.
    public func run(clock: @Sendable () -> Int64) async {
        let tick: Int64 = 100
        var carry = 0.0
        while !Task.isCancelled {
            let now = clock()
            carry += Double(eventsPerSecond) * Double(tick) / 1000
            let count = Int(carry)
            carry -= Double(count)
            for _ in 0..<count { emit(factory.randomCall(in: organization, using: &random), now: now) }
            stageIncidents(now: now)
            flushTrail(now: now, force: false)
            try? await Task.sleep(for: .milliseconds(tick))
        }
    }

    /// Writes `count` calls at once (for tests and benchmarks).
    public func burst(_ count: Int, now: Int64) {
        for _ in 0..<count { emit(factory.randomCall(in: organization, using: &random), now: now) }
        flushTrail(now: now, force: true)
    }

    private func emit(_ call: DemoEventFactory.Call, now: Int64) {
        guard organization.isLogged(call.region, in: call.account) else { return }
        written += 1
        var call = call
        if written % 150 == 0 {
            // Attacker-controlled text: the dashboard must show it inert.
            call.userAgent = "curl/8.5 \u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mREAD ME"
        }
        let record = factory.record(call, at: now)
        if organization.isForwarded(call.region, in: call.account, eventName: call.eventName, readOnly: call.readOnly) {
            let envelope = factory.envelope(call, record: record, at: now, using: &random)
            writeRecord(data: Base64.encode(Array(envelope.utf8)), partitionKey: call.eventID, to: &realtime, arrival: now)
        }
        // CloudWatch Logs delivers the trail's copy a second or two later.
        pendingTrail.append((due: now + Int64.random(in: 800...2500, using: &random), record: record))
    }

    private func flushTrail(now: Int64, force: Bool) {
        let due = pendingTrail.filter { force || $0.due <= now }
        guard !due.isEmpty else { return }
        pendingTrail.removeAll { force || $0.due <= now }
        let events = due.enumerated().map { index, item in
            #"{"id":"\#(sequence)\#(index)","timestamp":\#(now),"message":\#(JSONWriter.quoted(item.record))}"#
        }
        let message = #"{"messageType":"DATA_MESSAGE","owner":"\#(organization.managementAccount)","logGroup":"aws-cloudtrail-logs","logStream":"\#(organization.managementAccount)_CloudTrail","subscriptionFilters":["to-kinesis"],"logEvents":[\#(events.joined(separator: ","))]}"#
        writeRecord(data: Base64.encode(Gzip.compress(Array(message.utf8))), partitionKey: "cwl", to: &trail, arrival: now)
    }

    private func writeRecord(data: String, partitionKey: String, to file: inout FeedFile, arrival: Int64) {
        sequence += 1
        if sequence % 500 == 0 {
            // Damaged in transit: bad base64 one time, a line cut short the next.
            file.append(sequence % 1000 == 0
                ? #"{"SequenceNumber":"\#(sequence)","Data":"not*base64","PartitionKey":"x"}"# + "\n"
                : #"{"SequenceNumber":"\#(sequence)","ApproximateArrivalTimestamp":1.0,"Data":"eyJ2ZXJza"# + "\n")
            sequence += 1
        }
        let line = #"{"SequenceNumber":"\#(sequence)","ApproximateArrivalTimestamp":\#(Double(arrival) / 1000),"Data":"\#(data)","PartitionKey":"\#(partitionKey)"}"# + "\n"
        file.append(line)
        if file.lines >= linesPerFile { try? file.rotate() }
    }

    /// The incident: a trail stopped, then an alerting rule disabled.
    private func stageIncidents(now: Int64) {
        guard let index = organization.accounts.firstIndex(where: { $0.name == "audit" }) else { return }
        let account = organization.accounts[index]
        let attacker = "arn:aws:sts::\(account.id):assumed-role/ec2-instance-role/i-0badc0ffee"
        if staged == 0 && written >= eventsPerSecond * 15 {
            staged = 1
            let call = factory.call(
                "StopLogging", service: "cloudtrail", account: account, region: "us-east-1", principal: attacker,
                userAgent: "aws-cli/2.15.0", sourceIP: "185.220.101.42",
                requestParameters: #"{"name":"arn:aws:cloudtrail:us-east-1:\#(account.id):trail/\#(account.name)-trail"}"#,
                using: &random)
            emit(call, now: now)
            organization.accounts[index].trail = .multiRegion(logging: false)
        } else if staged == 1 && written >= eventsPerSecond * 25, let shared = organization.accounts.first(where: { $0.name == "shared-network" }) {
            staged = 2
            let call = factory.call(
                "DeleteRule", service: "events", account: shared, region: "eu-west-1",
                principal: "arn:aws:sts::\(shared.id):assumed-role/NetworkAdmin/frank", userAgent: "console.amazonaws.com",
                sourceIP: "198.51.100.77", requestParameters: #"{"name":"forward-cloudtrail-to-security"}"#, using: &random)
            emit(call, now: now)
            if let sharedIndex = organization.accounts.firstIndex(where: { $0.name == "shared-network" }) {
                organization.accounts[sharedIndex].rules["eu-west-1"] = nil
            }
        }
    }

    /// An append-only feed file that rotates to a new name when full.
    struct FeedFile {
        let directory: String
        let prefix: String
        var index = 0
        var lines = 0
        var fd: Int32

        init(directory: String, prefix: String) throws(FileError) {
            self.directory = directory
            self.prefix = prefix
            fd = -1
            try open()
        }

        var path: String { "\(directory)/\(prefix)-\(String(index).leftPadded(3)).jsonl" }

        mutating func open() throws(FileError) {
            fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .errno(path, "cannot create the demo feed") }
            lines = 0
        }

        mutating func append(_ line: String) {
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            lines += 1
        }

        mutating func rotate() throws(FileError) {
            close(fd)
            index += 1
            try open()
        }
    }
}
