import Foundation
import Testing
@testable import TrailGridCore

/// Events exported as JSON Lines are the records exactly as ingested: the
/// evidence a responder hands over must not be re-encoded on the way.
@Suite struct ExportRoundTripTests {
    /// A CloudTrail record whose strings carry `userAgent` and `extra` verbatim (JSON text, already escaped).
    static func record(_ id: Int, userAgent: String, extra: String, spacing: String = "") -> String {
        let s = spacing
        return #"{\#(s)"eventVersion":\#(s)"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/eve","accountId":"111122223333","userName":"eve"},"eventTime":"2025-06-01T12:00:0\#(id % 10)Z","eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"\#(userAgent)","requestParameters":{"groupId":"sg-1","note":"\#(extra)"},"responseElements":null,"eventID":"00000000-0000-4000-8000-\#(String(format: "%012d", id))","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"\#(s)}"#
    }

    /// Unusual text a record may hold, each as JSON source text.
    static let records: [String] = [
        record(1, userAgent: #"line\u2028separator"#, extra: "literal \u{2028} and \u{2029} separators"),
        record(2, userAgent: "shield 🛡️ family 👨‍👩‍👧", extra: #"escaped pair \ud83d\ude00 and \uD83D\uDE00"#),
        record(3, userAgent: #"quote \" backslash \\ slash \/ and \\/"#, extra: #"C:\\Windows\\System32"#),
        record(4, userAgent: #"lone high \ud800 lone low \udfff reversed \udc00\ud800"#, extra: #"\uDBFF"#),
        record(5, userAgent: #"nul \u0000 bell \u0007 esc \u001b[31m del \u007f"#, extra: #"\b\f\n\r\t"#),
        record(6, userAgent: "right-to-left \u{202E}txt.exe combining e\u{301} zero-width \u{200B}\u{FEFF}", extra: "ü ß 中文 العربية"),
        record(7, userAgent: String(repeating: "A long user agent 0123456789 ", count: 40_000), extra: "long"),
        record(8, userAgent: "spacing kept", extra: "x", spacing: "  "),
        // An EventBridge envelope (the realtime channel): the envelope is the record kept.
        #"{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2","account":"111122223333","time":"2025-06-01T12:00:09Z","region":"eu-west-1","resources":[],"detail":"#
            + record(9, userAgent: #"=HYPERLINK(\"http://evil\")"#, extra: #"\u00e9 vs é"#) + "}",
    ]

    static func ingest(_ path: String) async throws -> [CloudTrailEvent] {
        // The fast path `trailgrid export` uses: pruned parsing through the watches' matcher.
        let ingester = try Ingester(paths: [path], matcher: WatchMatcher(watches: BuiltInWatches.all))
        let reader = Task { await ingester.run() }
        var events: [CloudTrailEvent] = []
        for await batch in ingester.batches { events += batch.events.map(\.event) }
        await reader.value
        return events
    }

    @Test func jsonLinesAreTheIngestedRecordsByteForByte() async throws {
        let directory = FeedFixtures.temporaryDirectory()
        let input = directory.appendingPathComponent("feed.jsonl")
        let inputBytes = Array((Self.records.joined(separator: "\n") + "\n").utf8)
        try Data(inputBytes).write(to: input)

        let events = try await Self.ingest(input.path)
        try #require(events.count == Self.records.count, "every record must be accepted")

        let output = directory.appendingPathComponent("evidence.jsonl").path
        let result = try Exporter.writeEvents(events.map { ($0, []) }, format: .jsonl, to: output, overwrite: false)
        #expect(result.count == Self.records.count)
        #expect(result.summary == "wrote \(Self.records.count) events to \(output)")

        let written = try readWholeFile(output)
        let lines = written.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
        #expect(lines.count == Self.records.count)
        for (line, record) in zip(lines, Self.records) {
            #expect(line == Array(record.utf8), "record differs: \(String(decoding: line.prefix(120), as: UTF8.self))")
        }
        #expect(written == inputBytes)
    }

    @Test func aRecordSpanningLinesIsWrittenAsOneCompactLine() throws {
        // A pretty-printed log file element cannot be one JSONL line as is.
        let pretty = "{\n  \"eventID\": \"e1\",\n  \"note\": \"a\\u2028b\"\n}"
        let event = CloudTrailEvent(
            eventID: "e1", eventTime: "2025-06-01T12:00:00Z", timestamp: nil, eventName: "X", eventSource: "s",
            awsRegion: "eu-west-1", account: "1", principal: "p", detailType: "AWS API Call via CloudTrail",
            channel: .trail, origin: RecordOrigin(file: "f", offset: 0), raw: Array(pretty.utf8))
        let text = String(decoding: ExportWriter.eventsJSONL([event]), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 1)
        let reparsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(reparsed == ["eventID": "e1", "note": "a\u{2028}b"])
    }
}
