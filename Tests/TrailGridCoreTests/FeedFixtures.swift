import Foundation
@testable import TrailGridCore

/// Builds every feed form of DESIGN §3 around real CloudTrail records, the
/// way AWS writes them, so each decoder path is tested on real data shapes.
enum FeedFixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var sharedSamples: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples") }

    /// The seven real records bundled with the tests, as compact JSON text.
    static let records: [String] = {
        let url = packageRoot.appendingPathComponent("Tests/TrailGridCoreTests/Fixtures/cloudtrail-records.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    static func field(_ record: String, _ path: String...) -> Any? {
        var value: Any? = try? JSONSerialization.jsonObject(with: Data(record.utf8))
        for key in path { value = (value as? [String: Any])?[key] }
        return value
    }

    static func eventID(_ record: String) -> String { field(record, "eventID") as? String ?? "" }

    /// The EventBridge envelope a rule delivers for `record`.
    static func envelope(_ record: String, detailType: String = "AWS API Call via CloudTrail") -> String {
        let account = (field(record, "recipientAccountId") ?? field(record, "userIdentity", "accountId")) as? String ?? ""
        let region = field(record, "awsRegion") as? String ?? ""
        let source = (field(record, "eventSource") as? String ?? "").replacingOccurrences(of: ".amazonaws.com", with: "")
        let time = field(record, "eventTime") as? String ?? ""
        return #"{"version":"0","id":"\#(UUID().uuidString.lowercased())","detail-type":"\#(detailType)","source":"aws.\#(source)","account":"\#(account)","time":"\#(time)","region":"\#(region)","resources":[],"detail":\#(record)}"#
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// A CloudWatch Logs subscription DATA_MESSAGE for `records`, gzip-compressed.
    static func logsDataMessage(_ records: [String]) -> [UInt8] {
        let events = records.enumerated().map { index, record in
            let message = String(data: try! JSONSerialization.data(withJSONObject: [record], options: []), encoding: .utf8)!
            // message is `["..."]`: strip the brackets to get the JSON string literal.
            return #"{"id":"3800000000000000000000000000000000000000000000000000000\#(index)","timestamp":1748781296000,"message":\#(message.dropFirst().dropLast())}"#
        }
        let json = #"{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"aws-cloudtrail-logs","logStream":"111122223333_CloudTrail_eu-west-1","subscriptionFilters":["to-kinesis"],"logEvents":[\#(events.joined(separator: ","))]}"#
        return Gzip.compress(Array(json.utf8))
    }

    static let controlMessage = Gzip.compress(Array(#"{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1432826855000,"message":"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."}]}"#.utf8))

    /// One `aws kinesis get-records` record object.
    static func kinesisRecord(data: String, sequence: Int, isoTimestamp: Bool = false) -> String {
        let timestamp = isoTimestamp ? #""2025-06-01T12:34:57.123000+00:00""# : "1748781297.123"
        return #"{"SequenceNumber":"4963\#(String(format: "%052d", sequence))","ApproximateArrivalTimestamp":\#(timestamp),"Data":"\#(data)","PartitionKey":"pk-\#(sequence)"}"#
    }

    /// `aws kinesis get-records` output, pretty-printed as the CLI prints it.
    static func getRecordsOutput(_ records: [String]) -> String {
        "{\n    \"Records\": [\n        " + records.joined(separator: ",\n        ")
            + "\n    ],\n    \"NextShardIterator\": \"AAAAAAAAAAH\",\n    \"MillisBehindLatest\": 0\n}\n"
    }

    /// A Lambda Kinesis trigger event.
    static func lambdaEvent(_ datas: [String], shard: String = "shardId-000000000000") -> String {
        let records = datas.enumerated().map { index, data in
            let sequence = "4963505228952972555329140552150487023321948971533231718\(index)"
            return #"{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"pk","sequenceNumber":"\#(sequence)","data":"\#(data)","approximateArrivalTimestamp":1668093033.744},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"\#(shard):\#(sequence)","eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::231436140809:role/r","awsRegion":"eu-west-1","eventSourceARN":"arn:aws:kinesis:eu-west-1:231436140809:stream/s"}"#
        }
        return #"{"Records":[\#(records.joined(separator: ","))]}"#
    }

    /// A CloudTrail log file as delivered to S3.
    static func logFile(_ records: [String]) -> String {
        #"{"Records":[\#(records.joined(separator: ","))]}"#
    }

    /// `aws cloudtrail lookup-events` output: each record a JSON string inside JSON.
    static func lookupEventsOutput(_ records: [String]) -> String {
        let events = records.map { record -> String in
            let quoted = String(data: try! JSONSerialization.data(withJSONObject: [record], options: []), encoding: .utf8)!.dropFirst().dropLast()
            return #"{"EventId":"\#(eventID(record))","EventName":"X","ReadOnly":"true","EventTime":"2022-02-08 09:23:37+11:00","EventSource":"ec2.amazonaws.com","Resources":[],"CloudTrailEvent":\#(quoted)}"#
        }
        return "{\n  \"Events\": [\n    " + events.joined(separator: ",\n    ") + "\n  ]\n}\n"
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension FeedDecoder {
    /// Decodes a whole file's bytes as the ingester frames them.
    func decodeFile(_ bytes: [UInt8], file: String = "fixture") -> [RecordOutcome] {
        var input = bytes
        if Gzip.hasMagic(bytes) {
            input = (try? Gzip.decompress(bytes, limit: 1 << 28)) ?? []
        }
        var framer = RecordFramer()
        var outcomes: [RecordOutcome] = []
        input.withUnsafeBytes { raw in
            for frame in framer.frames(in: raw, base: 0, final: true) {
                switch frame {
                case .value(let range):
                    decode(UnsafeRawBufferPointer(rebasing: raw[range]), file: file, offset: range.lowerBound, into: &outcomes)
                case .garbage(let range, let reason):
                    outcomes.append(.rejected(Rejection(.badJSON, reason), RecordOrigin(file: file, offset: range.lowerBound), sample: []))
                }
            }
        }
        return outcomes
    }
}

extension RecordOutcome {
    var event: CloudTrailEvent? {
        if case .accepted(let decoded) = self { return decoded.event }
        return nil
    }

    var rejection: Rejection? {
        if case .rejected(let rejection, _, _) = self { return rejection }
        return nil
    }

    var skipReason: SkipReason? {
        if case .skipped(let reason, _) = self { return reason }
        return nil
    }
}
