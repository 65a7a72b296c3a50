import Foundation
import Testing
@testable import TrailGridCore

/// The real data AWS wrote, in `../shared/samples/`: every record must decode
/// with its fields intact. Expected values come from Foundation's JSON parser,
/// an independent oracle.
@Suite struct SharedSamplesTests {
    let decoder = FeedDecoder()

    func sample(_ path: String) throws -> [UInt8] {
        let url = FeedFixtures.sharedSamples.appendingPathComponent(path)
        return Array(try Data(contentsOf: url))
    }

    @Test func everyRealCloudTrailRecordDecodesWithItsFields() throws {
        let bytes = try sample("cloudtrail-records.jsonl")
        let outcomes = decoder.decodeFile(bytes)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3473)
        #expect(outcomes.count == lines.count)
        for (line, outcome) in zip(lines, outcomes) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let identity = record["userIdentity"] as? [String: Any]
            guard let event = outcome.event else {
                Issue.record("not accepted: \(record["eventID"] ?? "?"): \(String(describing: outcome.rejection))")
                continue
            }
            #expect(event.eventID == record["eventID"] as? String)
            #expect(event.eventName == record["eventName"] as? String)
            #expect(event.eventSource == record["eventSource"] as? String)
            #expect(event.eventTime == record["eventTime"] as? String)
            #expect(event.awsRegion == record["awsRegion"] as? String)
            #expect(event.account == (record["recipientAccountId"] as? String ?? identity?["accountId"] as? String))
            #expect(event.sourceIPAddress == record["sourceIPAddress"] as? String)
            #expect(event.userAgent == record["userAgent"] as? String)
            // An empty errorCode (seen in real records) is no error: the call did not fail.
            #expect(event.errorCode == (record["errorCode"] as? String).flatMap { $0.isEmpty ? nil : $0 })
            #expect(event.readOnly == record["readOnly"] as? Bool)
            #expect(event.eventType == record["eventType"] as? String)
            if let arn = identity?["arn"] as? String, !arn.isEmpty { #expect(event.principal == arn) }
            #expect(event.timestamp != nil)
            #expect(String(decoding: event.raw, as: UTF8.self) == String(line))
        }
    }

    @Test func kinesisGetRecordsFromTheCLI() throws {
        let events = decoder.decodeFile(try sample("formats/kinesis_get_records_cli.json")).compactMap(\.event)
        #expect(events.count == 2)
        #expect(Set(events.map(\.channel)) == [.realtime, .trail])
        #expect(events.allSatisfy { $0.eventName == "AuthorizeSecurityGroupIngress" && $0.account == "111122223333" && $0.awsRegion == "eu-west-1" })
    }

    @Test func cloudWatchLogsPayloads() throws {
        let gz = decoder.decodeFile(try sample("formats/cwl_payload.json.gz")).compactMap(\.event)
        #expect(gz.count == 1)
        #expect(gz.first?.channel == .trail)
        let plain = decoder.decodeFile(try sample("formats/cwl-data-message.json")).compactMap(\.event)
        #expect(plain.first?.eventName == "PutObject")
        #expect(plain.first?.principal == "AWSService/s3.amazonaws.com")
    }

    @Test func lambdaTriggerCarryingNonCloudTrailLogsRejectsEachLogLine() throws {
        // Lambda logs, not CloudTrail, in the exact transport: each message is refused, counted, kept.
        let outcomes = decoder.decodeFile(try sample("formats/powertools-kinesisStreamCloudWatchLogsEvent.json"))
        #expect(outcomes.count == 6)
        #expect(outcomes.allSatisfy { $0.rejection?.kind == .badJSON })
    }

    @Test func eventBridgeEnvelopesAndLookupEvents() throws {
        let envelopes = decoder.decodeFile(try sample("formats/eventbridge-cloudtrail-envelopes.cloud-custodian.jsonl"))
        #expect(envelopes.count == 10)
        #expect(envelopes.allSatisfy { $0.event?.channel == .realtime })
        let lookup = decoder.decodeFile(try sample("formats/plaso-aws_cloudtrail-lookup-events.jsonl"))
        #expect(lookup.count == 6)
        #expect(lookup.allSatisfy { $0.event?.channel == .trail && $0.event?.awsRegion == "ap-southeast-2" })
        let single = decoder.decodeFile(try sample("formats/sample_eventbridge_event.json")).compactMap(\.event)
        #expect(single.first?.sourceIPAddress == "203.0.113.10")
    }

    @Test func insightEventTakesItsNameFromInsightDetails() throws {
        let events = decoder.decodeFile(try sample("formats/insight-event.streamalert.json")).compactMap(\.event)
        #expect(events.first?.eventName == "CompleteLifecycleAction")
        #expect(events.first?.detailType == DetailType.insight)
    }

    @Test func realS3LogFiles() throws {
        let directory = FeedFixtures.sharedSamples.appendingPathComponent("logfiles")
        let files = try #require(FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String])
            .filter { $0.hasSuffix(".json.gz") }
        #expect(files.count == 11)
        var total = 0
        for file in files {
            let bytes = try Array(Data(contentsOf: directory.appendingPathComponent(file)))
            let document = try JSONSerialization.jsonObject(with: Data(Gzip.decompress(bytes, limit: 1 << 28))) as? [String: Any]
            let expected = try #require(document?["Records"] as? [[String: Any]])
            let outcomes = decoder.decodeFile(bytes, file: file)
            #expect(outcomes.count == expected.count, "\(file)")
            #expect(outcomes.compactMap(\.event).map(\.eventID) == expected.map { $0["eventID"] as? String }, "\(file)")
            #expect(outcomes.compactMap(\.event).map(\.account) == expected.map { $0["recipientAccountId"] as? String }, "\(file)")
            total += outcomes.count
        }
        #expect(total == 689)
    }
}
