import Foundation
import Testing
@testable import TrailGridCore

/// Each feed form of DESIGN §3, built around real CloudTrail records.
@Suite struct FeedDecoderTests {
    let decoder = FeedDecoder()
    let records = FeedFixtures.records

    @Test func fixturesAreLoaded() {
        #expect(records.count == 7)
    }

    /// The ingester hands each record's leaves back once matched; the next
    /// record must be flattened into that storage, not a new allocation,
    /// and decode exactly as a fresh decoder decodes it.
    @Test func recycledLeavesAreReusedForTheNextRecord() throws {
        let decoder = FeedDecoder()
        let lines = records.enumerated().map { index, record in
            FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.envelope(record)), sequence: index)
        }
        var previous: UnsafeRawPointer?
        var reused = 0
        for line in lines {
            var outcomes = decoder.decode(Array(line.utf8))
            guard !outcomes.isEmpty, case .accepted(var decoded) = outcomes.removeFirst() else {
                Issue.record("not accepted: \(line.prefix(80))")
                continue
            }
            let fresh = FeedDecoder().decode(Array(line.utf8))
            guard case .accepted(let expected)? = fresh.first else { continue }
            #expect(decoded.event == expected.event)
            #expect(decoded.fields.leafCount == expected.fields.leafCount)
            let storage = decoded.fields.leaves.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if let previous, storage == previous { reused += 1 }
            previous = storage
            // As the ingester does: the only reference to the leaves goes back.
            let fields = decoded.fields
            decoded.fields = FlatEvent()
            decoder.recycle(fields)
        }
        #expect(reused == lines.count - 1)
    }

    /// An event's fields are spans of its raw record where the record holds
    /// them verbatim, and decoded or derived text where it does not:
    /// escapes, a principal built from `type/name`, a trail record's
    /// detail-type. Either way they read as the text, and equal the event
    /// decoded through a tree.
    @Test func fieldsReadTheSameFromSpansAndFromDecodedText() throws {
        let record = #"{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"},"#
            + #""eventTime":"2024-03-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutObject","awsRegion":"eu-west-1","#
            + #""userAgent":"ua \"quoted\" \/ path","errorMessage":"caf\u00e9 ☕","eventID":"id-1","eventType":"AwsServiceEvent","#
            + #""recipientAccountId":"123456789012","readOnly":false}"#
        var tree = FeedDecoder()
        tree.flattensDirectly = false
        for line in [FeedFixtures.kinesisRecord(data: FeedFixtures.base64(record), sequence: 1), record] {
            let direct = try #require(decoder.decode(Array((line + "\n").utf8)).first?.event)
            #expect(direct.userAgent == #"ua "quoted" / path"#)
            #expect(direct.errorMessage == "café ☕")
            #expect(direct.principal == "AWSService/s3.amazonaws.com")
            #expect(direct.detailType == DetailType.serviceEvent)
            #expect(direct.eventID == "id-1" && direct.account == "123456789012" && direct.awsRegion == "eu-west-1")
            #expect(direct.timestamp == 1_709_287_200_000 && direct.readOnly == false && !direct.failed)
            #expect(direct.errorCode == nil && direct.sourceIPAddress == nil)
            let fromTree = try #require(tree.decode(Array((line + "\n").utf8)).first?.event)
            #expect(direct == fromTree)
        }
    }

    @Test func bareRecordsAsJSONLinesAreTrailChannel() throws {
        let outcomes = decoder.decodeFile(Array((records.joined(separator: "\n") + "\n").utf8))
        let events = outcomes.compactMap(\.event)
        #expect(events.count == records.count)
        #expect(events.allSatisfy { $0.channel == .trail })
        #expect(events.map(\.eventID) == records.map(FeedFixtures.eventID))
        // The original bytes are kept exactly.
        #expect(events.map { String(decoding: $0.raw, as: UTF8.self) } == records)
    }

    @Test func normalizedFieldsOfRealRecords() throws {
        let events = decoder.decodeFile(Array(records.joined(separator: "\n").utf8)).compactMap(\.event)
        let byName = Dictionary(events.map { ($0.eventName, $0) }, uniquingKeysWith: { a, _ in a })

        let failed = try #require(byName["GetBucketPublicAccessBlock"])
        #expect(failed.errorCode == "NoSuchPublicAccessBlockConfiguration" || failed.errorCode != nil)
        #expect(failed.readOnly == true)
        #expect(failed.principal.hasPrefix("arn:aws:iam::"))

        let service = try #require(byName["SharedSnapshotVolumeCreated"])
        #expect(service.eventType == "AwsServiceEvent")
        #expect(service.detailType == DetailType.serviceEvent)
        #expect(service.readOnly == nil || service.readOnly != nil)

        let signIn = try #require(byName["ConsoleLogin"])
        #expect(signIn.detailType == DetailType.consoleSignIn)

        // Account falls back to userIdentity.accountId when recipientAccountId is absent.
        let noRecipient = try #require(records.first { !$0.contains("recipientAccountId") })
        let event = try #require(events.first { $0.eventID == FeedFixtures.eventID(noRecipient) })
        #expect(event.account == FeedFixtures.field(noRecipient, "userIdentity", "accountId") as? String)

        let root = try #require(byName["GetResource"])
        #expect(root.principalType == "Root")
        #expect(root.timestamp == Timestamp.parseMilliseconds(root.eventTime))
    }

    @Test func eventBridgeEnvelopesAreRealtime() throws {
        let lines = records.map { FeedFixtures.envelope($0) }.joined(separator: "\n")
        let events = decoder.decodeFile(Array(lines.utf8)).compactMap(\.event)
        #expect(events.count == records.count)
        #expect(events.allSatisfy { $0.channel == .realtime && $0.detailType == DetailType.apiCall })
        // Envelope account and region win; raw is the envelope itself.
        #expect(String(decoding: events[0].raw, as: UTF8.self).hasPrefix(#"{"version":"0""#))
    }

    @Test(arguments: [DetailType.consoleSignIn, DetailType.consoleSignInDocumented])
    func bothConsoleSignInSpellingsAreAccepted(detailType: String) throws {
        let signIn = try #require(records.first { $0.contains("ConsoleLogin") })
        let outcomes = decoder.decode(Array(FeedFixtures.envelope(signIn, detailType: detailType).utf8))
        let event = try #require(outcomes.first?.event)
        #expect(event.detailType == detailType)
        #expect(event.channel == .realtime)
    }

    @Test func nonCloudTrailEventBridgeEventsAreSkipped() {
        let finding = #"{"version":"0","id":"1","detail-type":"GuardDuty Finding","source":"aws.guardduty","account":"1","time":"2025-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{}}"#
        #expect(decoder.decode(Array(finding.utf8)).first?.skipReason == .notCloudTrail)
    }

    @Test(arguments: [false, true])
    func kinesisGetRecordsOutput(isoTimestamps: Bool) throws {
        var kinesis: [String] = []
        for (index, record) in records.prefix(3).enumerated() {
            kinesis.append(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.envelope(record)), sequence: index, isoTimestamp: isoTimestamps))
        }
        kinesis.append(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.logsDataMessage(Array(records.suffix(2)))), sequence: 9, isoTimestamp: isoTimestamps))
        kinesis.append(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(records[3]), sequence: 10))
        kinesis.append(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.controlMessage), sequence: 11))
        let output = FeedFixtures.getRecordsOutput(kinesis)
        let outcomes = decoder.decodeFile(Array(output.utf8))
        #expect(outcomes.count == 7)
        let events = outcomes.compactMap(\.event)
        #expect(events.map(\.channel) == [.realtime, .realtime, .realtime, .trail, .trail, .trail])
        #expect(events.map(\.eventID) == (records.prefix(3) + records.suffix(2) + [records[3]]).map(FeedFixtures.eventID))
        #expect(outcomes.last?.skipReason == .controlMessage)
        // Offsets point at each Kinesis record inside the file.
        let firstOffset = try #require(events.first?.origin.offset)
        #expect(Array(output.utf8)[firstOffset] == UInt8(ascii: "{"))
    }

    @Test func kinesisGetRecordsAsJSONLinesOfRecords() {
        let lines = records.enumerated().map { index, record in
            FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.envelope(record)), sequence: index)
        }.joined(separator: "\n")
        let events = decoder.decodeFile(Array(lines.utf8)).compactMap(\.event)
        #expect(events.count == records.count)
    }

    @Test func lambdaKinesisTriggerEvent() throws {
        let event = FeedFixtures.lambdaEvent([
            FeedFixtures.base64(FeedFixtures.envelope(records[0])),
            FeedFixtures.base64(FeedFixtures.logsDataMessage([records[1], records[2]])),
        ])
        let outcomes = decoder.decodeFile(Array(event.utf8))
        let events = outcomes.compactMap(\.event)
        #expect(events.map(\.channel) == [.realtime, .trail, .trail])
        // The shard is known, so each delivery has a key for redelivery detection.
        let keys = outcomes.compactMap { outcome -> String? in
            if case .accepted(let decoded) = outcome { return decoded.deliveryKey }
            return nil
        }
        #expect(keys.count == 3)
        #expect(Set(keys).count == 3)
        #expect(keys[0].hasPrefix("shardId-000000000000:"))
    }

    @Test func firehoseConcatenatedObjects() {
        // Firehose writes records back to back with no separator at all.
        let blob = records.map { FeedFixtures.envelope($0) }.joined()
        let events = decoder.decodeFile(Array(blob.utf8)).compactMap(\.event)
        #expect(events.map(\.eventID) == records.map(FeedFixtures.eventID))
    }

    @Test func cloudTrailLogFileAndMultiMemberGzip() throws {
        let first = Gzip.compress(Array(FeedFixtures.logFile(Array(records.prefix(4))).utf8))
        let second = Gzip.compress(Array(FeedFixtures.logFile(Array(records.suffix(3))).utf8))
        let events = decoder.decodeFile(first + second).compactMap(\.event)
        #expect(events.map(\.eventID) == records.map(FeedFixtures.eventID))
        #expect(events.allSatisfy { $0.channel == .trail })
        #expect(try Gzip.decompress(first + second, limit: 1 << 20).count
            == FeedFixtures.logFile(Array(records.prefix(4))).utf8.count + FeedFixtures.logFile(Array(records.suffix(3))).utf8.count)
    }

    @Test func lookupEventsOutput() throws {
        let output = FeedFixtures.lookupEventsOutput(records)
        let events = decoder.decodeFile(Array(output.utf8)).compactMap(\.event)
        #expect(events.count == records.count)
        #expect(events.allSatisfy { $0.channel == .trail })
        // raw is the CloudTrail record itself, unwrapped from its string.
        #expect(events.map { String(decoding: $0.raw, as: UTF8.self) } == records)
    }

    @Test func emptyDataMessageIsSkipped() {
        let empty = Gzip.compress(Array(#"{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"g","logStream":"s","subscriptionFilters":[],"logEvents":[]}"#.utf8))
        let line = FeedFixtures.kinesisRecord(data: FeedFixtures.base64(empty), sequence: 1)
        #expect(decoder.decode(Array(line.utf8)).first?.skipReason == .emptyMessage)
    }
}
