#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Limits that keep hostile input from exhausting memory or stack.
public struct DecodeLimits: Sendable {
    /// Most bytes one gzip payload or `.gz` file may inflate to.
    public var maxDecompressedBytes: Int
    public var maxDepth: Int
    /// Most bytes of a refused record kept in the quarantine file.
    public var maxQuarantineSample: Int

    public init(maxDecompressedBytes: Int = 256 << 20, maxDepth: Int = JSONParser.defaultMaxDepth, maxQuarantineSample: Int = 64 << 10) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxDepth = maxDepth
        self.maxQuarantineSample = maxQuarantineSample
    }
}

/// Decodes one top-level JSON value of a feed file into record outcomes.
///
/// Shapes are recognised by their keys, never by file name (DESIGN §3):
/// a `Records`/`Events` container is split into its elements, and each
/// element, or a bare top-level object, is one of: a `get-records` record
/// (`Data`), a Lambda Kinesis record (`kinesis`), an Event History result
/// (`CloudTrailEvent`), an EventBridge envelope (`detail-type` + `detail`),
/// a CloudWatch Logs message (`messageType`), or a CloudTrail record.
public struct FeedDecoder: Sendable {
    public var limits: DecodeLimits
    /// What records are flattened for (`DecodedEvent.fields`); see
    /// `documentPaths(reading:)`. Members outside it are validated, not kept.
    public let paths: FlatPaths
    private let slots: DocumentSlots
    /// Repeated string values, shared by copies of this decoder (a lock
    /// taken once per record: decoding runs on one actor, so it is never contended).
    private let strings: SharedStrings
    /// `paths`' marker bits of the shape keys the hot path looks at.
    private let shapeMarkers: ShapeMarkers
    /// Records of the two common shapes (an EventBridge envelope, a bare
    /// CloudTrail record) are flattened straight from their bytes; off, every
    /// record goes through a tree first. Tests compare the two.
    var flattensDirectly = true

    /// - Parameter keeping: the paths to flatten records for (a
    ///   `WatchMatcher`'s `documentPaths`); nil: what the normalizer reads.
    public init(limits: DecodeLimits = DecodeLimits(), keeping: FlatPaths? = nil) {
        self.limits = limits
        self.paths = keeping ?? FeedDecoder.documentPaths(reading: [])
        self.slots = DocumentSlots(self.paths)
        self.shapeMarkers = ShapeMarkers(self.paths)
        let paths = self.paths
        let unique = ["eventID", "detail.eventID", "id", "requestID", "detail.requestID"].compactMap { paths.slot(ofPath: $0) }
        self.strings = SharedStrings(uniqueSlots: unique.map { Int32($0) })
    }

    final class SharedStrings: Sendable {
        let interner: Mutex<StringInterner>

        init(uniqueSlots: [Int32]) {
            interner = Mutex(StringInterner(uniqueSlots: uniqueSlots))
        }
    }

    struct ShapeMarkers: Sendable {
        var cloudTrailEvent, messageType, detailType, detail, eventVersion, eventID, eventName, data, kinesis: UInt64

        init(_ paths: FlatPaths) {
            data = paths.marker("Data")
            kinesis = paths.marker("kinesis")
            cloudTrailEvent = paths.marker("CloudTrailEvent")
            messageType = paths.marker("messageType")
            detailType = paths.marker("detail-type")
            detail = paths.marker("detail")
            eventVersion = paths.marker("eventVersion")
            eventID = paths.marker("eventID")
            eventName = paths.marker("eventName")
        }
    }

    /// Top-level keys whose presence tells a record's shape (see `classify`).
    static let shapeKeys = [
        "Data", "kinesis", "CloudTrailEvent", "detail-type", "detail", "messageType", "eventVersion", "eventID", "eventName",
    ]

    /// The members a decoder must keep for records to classify and normalize
    /// exactly as from whole documents, and for patterns reading
    /// `patternPaths` (of the EventBridge envelope) to match the same.
    ///
    /// A record may be a Kinesis record, an envelope or a bare CloudTrail
    /// record (whose envelope is synthesized: a pattern's `detail.x` is its
    /// `x`), so each field is kept at every place it can be. Shapes read in
    /// depth on cold paths (Lambda `kinesis`, CloudWatch Logs `logEvents`)
    /// are kept whole.
    public static func documentPaths(reading patternPaths: [String]) -> FlatPaths {
        let recordFields = [
            "eventID", "eventTime", "eventName", "eventSource", "eventType", "awsRegion", "recipientAccountId",
            "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "readOnly", "eventVersion",
            "userIdentity.arn", "userIdentity.type", "userIdentity.userName", "userIdentity.invokedBy",
            "userIdentity.principalId", "userIdentity.accountId", "insightDetails.eventName", "insightDetails.eventSource",
        ]
        let envelopeFields = ["detail-type", "time", "region", "account", "Data", "CloudTrailEvent", "messageType"]
        let inRecord = patternPaths.compactMap { $0.hasPrefix("detail.") ? String($0.dropFirst("detail.".count)) : nil }
        let paths = recordFields + recordFields.map { "detail." + $0 } + envelopeFields + patternPaths + inRecord
        return FlatPaths(paths, subtrees: ["kinesis", "logEvents"], markers: shapeKeys)
    }

    /// Decodes the value in `bytes`, which begins at `offset` of `file`.
    public func decode(_ bytes: UnsafeRawBufferPointer, file: String, offset: Int, into outcomes: inout [RecordOutcome]) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return }
        var parser = JSONParser(base: base, count: bytes.count, maxDepth: limits.maxDepth)
        let top: TopLevel
        do {
            top = try readTopLevel(&parser)
        } catch {
            outcomes.append(.rejected(Rejection(.badJSON, error.description), RecordOrigin(file: file, offset: offset), sample: sample(bytes)))
            return
        }
        switch top {
        case .single(_, data: let data?):
            // `aws kinesis get-records` output, its Data decoded from the line's bytes.
            let text = UnsafeRawBufferPointer(rebasing: bytes[data])
            decodeKinesis(base64: text, deliveryKey: nil, origin: RecordOrigin(file: file, offset: offset), sample: sample(bytes), into: &outcomes)
        case .single(let value, data: nil):
            classify(value, raw: Array(bytes), origin: RecordOrigin(file: file, offset: offset), insideKinesis: false, into: &outcomes)
        case .container(let elements):
            for range in elements {
                let element = UnsafeRawBufferPointer(rebasing: bytes[range])
                let origin = RecordOrigin(file: file, offset: offset + range.lowerBound)
                // A CloudTrail log file's records: the hot path when scanning a trail's bucket.
                if flattensDirectly, decodeFlattened(Array(element), origin: origin, insideKinesis: false, into: &outcomes) { continue }
                do {
                    let value = try JSONParser.parse(element.assumingMemoryBound(to: UInt8.self), maxDepth: limits.maxDepth, keeping: paths)
                    classify(value, raw: Array(element), origin: origin, insideKinesis: false, into: &outcomes)
                } catch {
                    outcomes.append(.rejected(Rejection(.badJSON, error.description), origin, sample: sample(element)))
                }
            }
        }
    }

    /// Convenience for tests and one-shot callers.
    public func decode(_ bytes: [UInt8], file: String = "-", offset: Int = 0) -> [RecordOutcome] {
        var outcomes: [RecordOutcome] = []
        bytes.withUnsafeBytes { decode($0, file: file, offset: offset, into: &outcomes) }
        return outcomes
    }

    // MARK: - Top level

    enum TopLevel {
        /// `data`: the byte range of a top-level `Data` string without
        /// escapes (a get-records line), left out of the value.
        case single(JSONValue, data: Range<Int>?)
        /// Byte ranges of the elements of a top-level array, or of the
        /// `Records`/`Events` array of a top-level object.
        case container([Range<Int>])
    }

    /// Parses the top-level value, but leaves the elements of a record
    /// container unparsed so each can fail (and be counted) on its own.
    private func readTopLevel(_ parser: inout JSONParser) throws(JSONParseError) -> TopLevel {
        parser.skipWhitespace()
        guard parser.index < parser.count else { throw parser.error("empty input") }
        let result: TopLevel
        switch parser.base[parser.index] {
        case UInt8(ascii: "["):
            result = .container(try elementRanges(&parser))
        case UInt8(ascii: "{"):
            try parser.enterContainer()
            parser.index += 1
            var members: [JSONMember] = []
            var elements: [Range<Int>]?
            var data: Range<Int>?
            parser.skipWhitespace()
            if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "}") {
                parser.index += 1
            } else {
                while true {
                    parser.skipWhitespace()
                    guard parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "\"") else {
                        throw parser.error("expected a string key")
                    }
                    // Keys are compared as bytes: a get-records line then builds no String at all.
                    let keyStart = parser.index
                    let plainKey = try parser.skipString()
                    let keyEnd = parser.index
                    let rawKey = UnsafeRawBufferPointer(start: parser.base + keyStart + 1, count: keyEnd - keyStart - 2)
                    var escapedKey: String?
                    if !plainKey {
                        parser.index = keyStart
                        escapedKey = try parser.parseString()
                        parser.index = keyEnd
                    }
                    func isKey(_ name: StaticString) -> Bool {
                        if let escapedKey { return escapedKey == name.description }
                        return rawKey.count == name.utf8CodeUnitCount && memcmp(rawKey.baseAddress!, name.utf8Start, rawKey.count) == 0
                    }
                    parser.skipWhitespace()
                    try parser.expect(UInt8(ascii: ":"), "expected ':' after an object key")
                    parser.skipWhitespace()
                    let next = parser.index < parser.count ? parser.base[parser.index] : 0
                    let node = escapedKey.map { paths.child(of: FlatPaths.root, key: $0) } ?? paths.child(of: FlatPaths.root, key: rawKey)
                    if isKey("Records") || isKey("Events"), next == UInt8(ascii: "[") {
                        elements = try elementRanges(&parser)
                    } else if isKey("Data"), next == UInt8(ascii: "\""), let range = plainStringRange(&parser) {
                        // Base64 has no escapes: decode it from these bytes, no String in between.
                        data = range
                    } else if let node {
                        // Pruned: a member no one reads is validated and skipped.
                        let key = escapedKey ?? String(decoding: rawKey, as: UTF8.self)
                        members.append(JSONMember(key, try parser.parseValue(keeping: node, of: paths)))
                        if key == "Data" { data = nil }
                    } else {
                        try parser.skipValue()
                    }
                    parser.skipWhitespace()
                    if try parser.endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
                }
            }
            parser.depth -= 1
            result = elements.map(TopLevel.container) ?? .single(.object(members), data: data)
        default:
            throw parser.error("a feed record must be a JSON object or array")
        }
        parser.skipWhitespace()
        guard parser.index == parser.count else { throw parser.error("unexpected data after the JSON value") }
        return result
    }

    /// The byte range of the string at the cursor, moving past it, when it
    /// has no escapes; nil (the cursor unmoved) otherwise. Found with
    /// `memchr`, the machine's fastest scan: the Data of a get-records line
    /// is most of its bytes. What lies between the quotes is not validated
    /// as JSON here; base64 decoding, which accepts only its alphabet, does that.
    private func plainStringRange(_ parser: inout JSONParser) -> Range<Int>? {
        let start = parser.index + 1
        guard start <= parser.count,
              let quote = memchr(parser.base + start, Int32(UInt8(ascii: "\"")), parser.count - start)
        else { return nil }
        let end = start + (UnsafePointer<UInt8>(quote.assumingMemoryBound(to: UInt8.self)) - (parser.base + start))
        guard memchr(parser.base + start, Int32(UInt8(ascii: "\\")), end - start) == nil else { return nil }
        parser.index = end + 1
        return start..<end
    }

    private func elementRanges(_ parser: inout JSONParser) throws(JSONParseError) -> [Range<Int>] {
        try parser.enterContainer()
        parser.index += 1
        var ranges: [Range<Int>] = []
        parser.skipWhitespace()
        if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            parser.depth -= 1
            return ranges
        }
        while true {
            parser.skipWhitespace()
            let start = parser.index
            try parser.skipValue()
            ranges.append(start..<parser.index)
            parser.skipWhitespace()
            if try parser.endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
        }
        parser.depth -= 1
        return ranges
    }

    // MARK: - Records

    /// Sorts a parsed record by shape (see the type's comment) and decodes it.
    private func classify(_ value: JSONValue, raw: [UInt8], origin: RecordOrigin, insideKinesis: Bool, into outcomes: inout [RecordOutcome]) {
        guard case .object = value else {
            outcomes.append(.rejected(Rejection(.unknownShape, "a record must be a JSON object"), origin, sample: sample(raw)))
            return
        }
        if !insideKinesis, let data = value["Data"] {
            // `aws kinesis get-records` output.
            guard case .string(let text) = data else {
                outcomes.append(.rejected(Rejection(.missingField, "Kinesis record without a string Data"), origin, sample: sample(raw)))
                return
            }
            decodeKinesis(base64: text, deliveryKey: nil, origin: origin, sample: sample(raw), into: &outcomes)
        } else if !insideKinesis, let kinesis = value["kinesis"], case .object = kinesis {
            // A Lambda Kinesis trigger record: its eventID is `shardId-…:sequence`.
            let delivery = nonEmpty(value["eventID"]) ?? nonEmpty(kinesis["sequenceNumber"]).map { "?:\($0)" }
            guard case .string(let text)? = kinesis["data"] else {
                outcomes.append(.rejected(Rejection(.missingField, "Kinesis record without a string Data"), origin, sample: sample(raw)))
                return
            }
            decodeKinesis(base64: text, deliveryKey: delivery, origin: origin, sample: sample(raw), into: &outcomes)
        } else if let text = value["CloudTrailEvent"] {
            // `aws cloudtrail lookup-events`: the record is a JSON string inside JSON.
            guard case .string(let recordText) = text else {
                outcomes.append(.rejected(Rejection(.unknownShape, "CloudTrailEvent is not a string"), origin, sample: sample(raw)))
                return
            }
            decodeRecordText(Array(recordText.utf8), what: "CloudTrailEvent", origin: origin, into: &outcomes)
        } else if let detailType = value["detail-type"], let detail = value["detail"] {
            guard case .string(let kind) = detailType, DetailType.all.contains(kind) else {
                outcomes.append(.skipped(.notCloudTrail, origin))
                return
            }
            guard case .object = detail else {
                outcomes.append(.rejected(Rejection(.unknownShape, "a CloudTrail record must be a JSON object"), origin, sample: sample(raw)))
                return
            }
            accept(FlatEvent(document: value, paths: paths), inEnvelope: true, origin: origin, raw: raw, into: &outcomes)
        } else if let messageType = value["messageType"] {
            decodeLogsMessage(value, messageType: messageType, origin: origin, raw: raw, into: &outcomes)
        } else if value["eventVersion"] != nil || (value["eventID"] != nil && value["eventName"] != nil) {
            accept(FlatEvent(document: value, paths: paths), inEnvelope: false, origin: origin, raw: raw, into: &outcomes)
        } else {
            // A pruned value lacks the members worth naming: read them whole.
            let whole = (try? JSONParser.parse(raw, maxDepth: limits.maxDepth)) ?? value
            let keys = (whole.objectValue ?? []).prefix(5).map(\.key).joined(separator: ", ")
            outcomes.append(.rejected(Rejection(.unknownShape, "keys: \(keys)"), origin, sample: sample(raw)))
        }
    }

    /// The hot path: a Kinesis payload that is an EventBridge envelope or a
    /// bare CloudTrail record, flattened straight from its bytes. Returns
    /// false, having appended nothing, for any other shape or any oddity
    /// (a wrong type where a field should be, a missing field), which
    /// `classify` then handles from a tree with its exact reasons.
    ///
    /// - Parameter insideKinesis: a Kinesis payload, where `Data` and
    ///   `kinesis` keys mean nothing; at the top of a file they are shapes
    ///   of their own.
    private func decodeFlattened(_ payload: [UInt8], origin: RecordOrigin, insideKinesis: Bool, into outcomes: inout [RecordOutcome]) -> Bool {
        let flattened = payload.withUnsafeBufferPointer { buffer in
            strings.interner.withLock { interner in
                try? JSONParser.flatten(buffer, paths: paths, maxDepth: limits.maxDepth, strings: &interner)
            }
        }
        guard let fields = flattened else { return false }
        let keys = shapeMarkers
        func has(_ marker: UInt64) -> Bool { fields.markers & marker != 0 }
        if has(keys.cloudTrailEvent) || has(keys.messageType) || fields.hasRepeatedSlot { return false }
        if !insideKinesis && (has(keys.data) || has(keys.kinesis)) { return false }
        if has(keys.detailType) && has(keys.detail) {
            guard case .string(let kind)? = fields.scalar(at: slots.envelope.detailType) else { return false }
            guard DetailType.all.contains(kind) else {
                outcomes.append(.skipped(.notCloudTrail, origin))
                return true
            }
            return accept(fields, inEnvelope: true, origin: origin, raw: payload, into: &outcomes, onlyIfAccepted: true)
        }
        if has(keys.eventVersion) || (has(keys.eventID) && has(keys.eventName)) {
            return accept(fields, inEnvelope: false, origin: origin, raw: payload, into: &outcomes, onlyIfAccepted: true)
        }
        return false
    }

    /// Normalizes and appends the event, or its rejection (unless
    /// `onlyIfAccepted`, when a rejection appends nothing and returns false).
    @discardableResult
    private func accept(
        _ fields: FlatEvent, inEnvelope: Bool, origin: RecordOrigin, raw: [UInt8], into outcomes: inout [RecordOutcome],
        onlyIfAccepted: Bool = false
    ) -> Bool {
        let channel: Channel = inEnvelope ? .realtime : .trail
        do {
            let event = try EventNormalizer.normalize(fields, slots: slots, inEnvelope: inEnvelope, channel: channel, origin: origin, raw: raw)
            outcomes.append(.accepted(DecodedEvent(event: event, fields: fields, pathsFingerprint: paths.fingerprint, deliveryKey: nil)))
            return true
        } catch {
            if onlyIfAccepted { return false }
            outcomes.append(.rejected(error, origin, sample: sample(raw)))
            return true
        }
    }

    /// A record given as JSON text inside a string (Event History, CloudWatch Logs): trail channel.
    private func decodeRecordText(_ bytes: [UInt8], what: String, origin: RecordOrigin, into outcomes: inout [RecordOutcome]) {
        do {
            let record = try JSONParser.parse(bytes, maxDepth: limits.maxDepth, keeping: paths)
            guard case .object = record else {
                outcomes.append(.rejected(Rejection(.unknownShape, "a CloudTrail record must be a JSON object"), origin, sample: sample(bytes)))
                return
            }
            accept(FlatEvent(document: record, paths: paths), inEnvelope: false, origin: origin, raw: bytes, into: &outcomes)
        } catch {
            outcomes.append(.rejected(Rejection(.badJSON, "\(what): \(error)"), origin, sample: sample(bytes)))
        }
    }

    private func decodeKinesis(base64 text: String, deliveryKey: String?, origin: RecordOrigin, sample: @autoclosure () -> [UInt8], into outcomes: inout [RecordOutcome]) {
        var text = text
        text.withUTF8 { decodeKinesis(base64: UnsafeRawBufferPointer($0), deliveryKey: deliveryKey, origin: origin, sample: sample(), into: &outcomes) }
    }

    private func decodeKinesis(
        base64 text: UnsafeRawBufferPointer, deliveryKey: String?, origin: RecordOrigin, sample: @autoclosure () -> [UInt8],
        into outcomes: inout [RecordOutcome]
    ) {
        var payload: [UInt8]
        do {
            payload = try Base64.decode(text.assumingMemoryBound(to: UInt8.self))
        } catch {
            outcomes.append(.rejected(Rejection(.badBase64, error.message), origin, sample: sample()))
            return
        }
        if Gzip.hasMagic(payload) {
            do {
                payload = try Gzip.decompress(payload, limit: limits.maxDecompressedBytes)
            } catch {
                outcomes.append(.rejected(Rejection(error.message.contains("limit") ? .tooLarge : .badGzip, error.message), origin, sample: sample()))
                return
            }
        }
        let first = outcomes.count
        if !flattensDirectly || !decodeFlattened(payload, origin: origin, insideKinesis: true, into: &outcomes) {
            do {
                let value = try JSONParser.parse(payload, maxDepth: limits.maxDepth, keeping: paths)
                classify(value, raw: payload, origin: origin, insideKinesis: true, into: &outcomes)
            } catch {
                outcomes.append(.rejected(Rejection(.badJSON, "Kinesis Data: \(error)"), origin, sample: self.sample(payload)))
                return
            }
        }
        if let deliveryKey {
            for index in first..<outcomes.count {
                if case .accepted(var decoded) = outcomes[index] {
                    decoded.deliveryKey = "\(deliveryKey)#\(index - first)"
                    outcomes[index] = .accepted(decoded)
                }
            }
        }
    }

    /// A CloudWatch Logs subscription message: each log event's `message` is
    /// one CloudTrail record (trail channel).
    private func decodeLogsMessage(_ value: JSONValue, messageType: JSONValue, origin: RecordOrigin, raw: [UInt8], into outcomes: inout [RecordOutcome]) {
        switch messageType.stringValue {
        case "CONTROL_MESSAGE":
            outcomes.append(.skipped(.controlMessage, origin))
        case "DATA_MESSAGE":
            guard let logEvents = value["logEvents"]?.arrayValue else {
                outcomes.append(.rejected(Rejection(.missingField, "logEvents"), origin, sample: sample(raw)))
                return
            }
            if logEvents.isEmpty {
                outcomes.append(.skipped(.emptyMessage, origin))
                return
            }
            for logEvent in logEvents {
                guard let message = logEvent["message"]?.stringValue else {
                    outcomes.append(.rejected(Rejection(.missingField, "logEvents[].message"), origin, sample: sample(raw)))
                    continue
                }
                decodeRecordText(Array(message.utf8), what: "log event message", origin: origin, into: &outcomes)
            }
        default:
            outcomes.append(.rejected(Rejection(.unknownShape, "messageType \(messageType.stringValue ?? "?")"), origin, sample: sample(raw)))
        }
    }

    private func sample(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count <= limits.maxQuarantineSample ? bytes : Array(bytes.prefix(limits.maxQuarantineSample))
    }

    private func sample(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(bytes.prefix(limits.maxQuarantineSample))
    }
}
