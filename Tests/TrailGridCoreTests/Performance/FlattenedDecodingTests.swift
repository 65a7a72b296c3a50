import Foundation
import Testing
@testable import TrailGridCore

/// The fast path (records flattened straight from their bytes, only the
/// paths the normalizer and patterns read) must decide exactly what the tree
/// path decides: same outcomes, same events, same rejections, on every real
/// record and every feed form; and the watches it matches must be those each
/// pattern matches alone on the whole EventBridge document.
@Suite struct FlattenedDecodingTests {
    static let watches = BuiltInWatches.all + ((try? GeneratedWatches.make(90)) ?? [])
    let matcher = WatchMatcher(watches: Self.watches)
    let treeMatcher = PatternSet(Self.watches.map(\.pattern))
    var pruned: FeedDecoder { FeedDecoder(keeping: matcher.documentPaths) }
    var whole: FeedDecoder {
        var decoder = FeedDecoder(keeping: matcher.documentPaths)
        decoder.flattensDirectly = false
        return decoder
    }

    /// The document a pattern sees: the envelope itself, or for a trail
    /// record the envelope EventBridge builds around it.
    func envelope(_ event: CloudTrailEvent) -> JSONValue? {
        guard let record = try? JSONParser.parse(event.raw) else { return nil }
        if event.channel == .realtime { return record }
        return .object([
            JSONMember("version", .string("0")),
            JSONMember("id", .string(event.eventID)),
            JSONMember("detail-type", .string(event.detailType)),
            JSONMember("source", .string(DetailType.source(forEventSource: event.eventSource))),
            JSONMember("account", .string(event.account)),
            JSONMember("time", .string(event.eventTime)),
            JSONMember("region", .string(event.awsRegion)),
            JSONMember("resources", .array([])),
            JSONMember("detail", record),
        ])
    }

    static let realRecords: [String] = {
        let url = FeedFixtures.sharedSamples.appendingPathComponent("cloudtrail-records.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        return lines.isEmpty ? FeedFixtures.records : lines
    }()

    /// Every feed form around `records`, as whole files.
    static func feeds(_ records: [String]) -> [[UInt8]] {
        let envelopes = records.map { FeedFixtures.envelope($0) }
        var feeds: [[UInt8]] = [
            Array(records.joined(separator: "\n").utf8),
            Array(envelopes.joined(separator: "\n").utf8),
            Array(envelopes.enumerated().map { FeedFixtures.kinesisRecord(data: FeedFixtures.base64($1), sequence: $0) }.joined(separator: "\n").utf8),
            Array(FeedFixtures.getRecordsOutput(envelopes.map { FeedFixtures.base64($0) }).utf8),
            Array(FeedFixtures.lambdaEvent(envelopes.map { FeedFixtures.base64($0) }).utf8),
            Array(FeedFixtures.logFile(records).utf8),
            Array(FeedFixtures.lookupEventsOutput(records).utf8),
            Array(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(FeedFixtures.logsDataMessage(records)), sequence: 1).utf8),
        ]
        feeds.append(Array(envelopes.joined().utf8))  // Firehose: `}{`
        return feeds
    }

    func assertSame(_ feed: [UInt8], _ label: String) {
        let expected = whole.decodeFile(feed)
        let actual = pruned.decodeFile(feed)
        #expect(expected.count == actual.count, "\(label): outcome count")
        for (left, right) in zip(expected, actual) {
            switch (left, right) {
            case let (.accepted(a), .accepted(b)):
                #expect(a.event == b.event, "\(label): event \(a.event.eventID)")
                #expect(a.deliveryKey == b.deliveryKey)
                // Tree matching (which PatternSetTests holds to one-by-one matching) on the whole document.
                let expected = envelope(a.event).map { treeMatcher.matches($0) }
                #expect(expected == matcher.classifier(a), "\(label): tree-path matches of \(a.event.eventID)")
                #expect(expected == matcher.classifier(b), "\(label): matches of \(a.event.eventID)")
            case let (.skipped(a, originA), .skipped(b, originB)):
                #expect(a == b && originA == originB, "\(label)")
            case let (.rejected(a, originA, sampleA), .rejected(b, originB, sampleB)):
                #expect(a == b && originA == originB && sampleA == sampleB, "\(label): \(a) vs \(b)")
            default:
                Issue.record("\(label): \(left) vs \(right)")
            }
        }
    }

    @Test func everyRealRecordInEveryFeedFormDecodesTheSame() {
        let records = Self.realRecords
        for (index, feed) in Self.feeds(records).enumerated() {
            assertSame(feed, "feed form \(index)")
        }
    }

    @Test func damagedRecordsAreRefusedTheSame() {
        // Truncations and corruptions at many offsets of real envelopes,
        // bare and inside Kinesis records, hit every parser error.
        var lines: [String] = []
        for record in FeedFixtures.records {
            let envelope = FeedFixtures.envelope(record)
            let bytes = Array(envelope.utf8)
            for cut in stride(from: 1, to: bytes.count, by: 37) {
                var damaged = bytes
                damaged[cut] = [UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: ","), 0x01, 0xFF, UInt8(ascii: "\\")][cut % 6]
                let text = String(decoding: damaged, as: UTF8.self)
                lines.append(text)
                lines.append(FeedFixtures.kinesisRecord(data: FeedFixtures.base64(damaged), sequence: cut))
            }
        }
        for line in lines {
            assertSame(Array((line + "\n").utf8), "damaged")
        }
    }

    @Test func unknownShapesNameTheirKeysFromTheWholeRecord() {
        let line = #"{"alpha":1,"beta":{"x":2},"gamma":[3],"delta":"4","epsilon":null,"zeta":true}"#
        let outcome = pruned.decode(Array(line.utf8)).first
        #expect(outcome?.rejection == Rejection(.unknownShape, "keys: alpha, beta, gamma, delta, epsilon"))
    }

    /// The parser's flattening equals flattening the parsed tree, leaf for
    /// leaf (values, slots, array positions), on real records and envelopes.
    @Test func flatteningTheBytesEqualsFlatteningTheTree() throws {
        let paths = matcher.documentPaths
        var compared = 0
        for record in Self.realRecords.prefix(500) {
            for text in [record, FeedFixtures.envelope(record)] {
                let bytes = Array(text.utf8)
                let fromTree = FlatEvent(document: try JSONParser.parse(bytes), paths: paths)
                let direct = try JSONParser.flatten(bytes, paths: paths)
                #expect(direct.described == fromTree.described)
                #expect(direct.markers == fromTree.markers && direct.hasArrays == fromTree.hasArrays)
                compared += direct.leafCount
            }
        }
        #expect(compared > 5_000)
    }

    /// Leaves are ranges of the record's bytes: a string with escapes keeps
    /// its literal and is decoded when read, non-ASCII text is its own
    /// UTF-8, and patterns and readers see the text either way.
    @Test func escapedAndNonASCIIStringsReadAsTheirText() throws {
        let pattern = try EventPattern(json: #"{"a":["tab\there \"q\" é"],"b":[{"prefix":"café"}],"c":["plain"],"n":[{"numeric":["<",0]}]}"#)
        let set = PatternSet([pattern])
        let text = #"{"a":"tab\there \"q\" \u00e9","b":"café ☕","c":"plain","n":-1.5e3}"#
        let direct = try JSONParser.flatten(Array(text.utf8), paths: set.paths)
        let tree = FlatEvent(document: try JSONParser.parse(text), paths: set.paths)
        #expect(direct.described == tree.described)
        #expect(direct.leaves.map(\.kind) == [.escapedString, .string, .string, .number])
        func slot(_ path: String) -> Int32 { Int32(set.paths.slot(ofPath: path) ?? -1) }
        #expect(direct.string(at: slot("a")) == "tab\there \"q\" é")
        #expect(direct.string(at: slot("b")) == "café ☕")
        #expect(direct.withString(at: slot("a")) { String(decoding: $0, as: UTF8.self) } == "tab\there \"q\" é")
        #expect(direct.withString(at: slot("c")) { String(decoding: $0, as: UTF8.self) } == "plain")
        #expect(direct.withString(at: slot("n")) { _ in true } == nil)
        #expect(direct.scalar(at: slot("n")) == .number(FlatNumber(text: "-1.5e3")))
        #expect(set.matches(direct) == [0])
        #expect(set.matches(tree) == [0])
        let other = try JSONParser.flatten(Array(text.replacingOccurrences(of: "\\u00e9", with: "e").utf8), paths: set.paths)
        #expect(set.matches(other) == [])
    }

    @Test func keysWithDotsAndEmptyKeysWalkThePathTree() throws {
        let paths = FlatPaths(["a.b", "x", "c"])
        let text = #"{"a.b":1,"a":{"b":2},"":{"x":3},"c":[4,{"d":5}]}"#
        for flat in [FlatEvent(document: try JSONParser.parse(text), paths: paths), try JSONParser.flatten(Array(text.utf8), paths: paths)] {
            #expect(flat.leaves(at: Int32(paths.slot(ofPath: "a.b") ?? -1)).count == 2)
            #expect(flat.leaves(at: Int32(paths.slot(ofPath: "x") ?? -1)).count == 1)
            #expect(flat.leaves(at: Int32(paths.slot(ofPath: "c") ?? -1)).count == 1)
            #expect(flat.hasArrays)
        }
    }
}
