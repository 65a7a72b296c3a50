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
    /// When set, records are parsed keeping only these members (pruned
    /// parsing; see `documentPaths(reading:)`), and `DecodedEvent.document`
    /// holds just them; nil keeps whole documents.
    public var keeping: FlatPaths?

    public init(limits: DecodeLimits = DecodeLimits(), keeping: FlatPaths? = nil) {
        self.limits = limits
        self.keeping = keeping
    }

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
        return FlatPaths(paths, subtrees: ["kinesis", "logEvents"])
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
        case .single(let value):
            classify(value, raw: Array(bytes), origin: RecordOrigin(file: file, offset: offset), insideKinesis: false, into: &outcomes)
        case .container(let elements):
            for range in elements {
                let element = UnsafeRawBufferPointer(rebasing: bytes[range])
                let origin = RecordOrigin(file: file, offset: offset + range.lowerBound)
                do {
                    let value = try JSONParser.parse(element.assumingMemoryBound(to: UInt8.self), maxDepth: limits.maxDepth, keeping: keeping)
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
        case single(JSONValue)
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
            parser.skipWhitespace()
            if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "}") {
                parser.index += 1
            } else {
                while true {
                    parser.skipWhitespace()
                    let key = try parser.parseKey()
                    parser.skipWhitespace()
                    try parser.expect(UInt8(ascii: ":"), "expected ':' after an object key")
                    parser.skipWhitespace()
                    if (key == "Records" || key == "Events"), parser.index < parser.count,
                       parser.base[parser.index] == UInt8(ascii: "[") {
                        elements = try elementRanges(&parser)
                    } else {
                        if let keeping {
                            // Pruned: a member no one reads is validated and skipped.
                            if let node = keeping.child(of: FlatPaths.root, key: key) {
                                members.append(JSONMember(key, try parser.parseValue(keeping: node, of: keeping)))
                            } else {
                                try parser.skipValue()
                            }
                        } else {
                            members.append(JSONMember(key, try parser.parseValue()))
                        }
                    }
                    parser.skipWhitespace()
                    if try parser.endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
                }
            }
            parser.depth -= 1
            result = elements.map(TopLevel.container) ?? .single(.object(members))
        default:
            throw parser.error("a feed record must be a JSON object or array")
        }
        parser.skipWhitespace()
        guard parser.index == parser.count else { throw parser.error("unexpected data after the JSON value") }
        return result
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

    private func classify(_ value: JSONValue, raw: [UInt8], origin: RecordOrigin, insideKinesis: Bool, into outcomes: inout [RecordOutcome]) {
        guard case .object = value else {
            outcomes.append(.rejected(Rejection(.unknownShape, "a record must be a JSON object"), origin, sample: sample(raw)))
            return
        }
        if !insideKinesis, let data = value["Data"] {
            // `aws kinesis get-records` output.
            decodeKinesis(data: data, deliveryKey: nil, origin: origin, raw: raw, into: &outcomes)
        } else if !insideKinesis, let kinesis = value["kinesis"], case .object = kinesis {
            // A Lambda Kinesis trigger record: its eventID is `shardId-…:sequence`.
            let delivery = nonEmpty(value["eventID"]) ?? nonEmpty(kinesis["sequenceNumber"]).map { "?:\($0)" }
            decodeKinesis(data: kinesis["data"] ?? .null, deliveryKey: delivery, origin: origin, raw: raw, into: &outcomes)
        } else if let text = value["CloudTrailEvent"] {
            // `aws cloudtrail lookup-events`: the record is a JSON string inside JSON.
            guard case .string(let recordText) = text else {
                outcomes.append(.rejected(Rejection(.unknownShape, "CloudTrailEvent is not a string"), origin, sample: sample(raw)))
                return
            }
            let recordBytes = Array(recordText.utf8)
            do {
                let record = try JSONParser.parse(recordBytes, maxDepth: limits.maxDepth, keeping: keeping)
                accept(record: record, envelope: nil, channel: .trail, origin: origin, raw: recordBytes, deliveryKey: nil, into: &outcomes)
            } catch {
                outcomes.append(.rejected(Rejection(.badJSON, "CloudTrailEvent: \(error)"), origin, sample: sample(recordBytes)))
            }
        } else if let detailType = value["detail-type"], value["detail"] != nil {
            guard case .string(let kind) = detailType, DetailType.all.contains(kind) else {
                outcomes.append(.skipped(.notCloudTrail, origin))
                return
            }
            accept(record: value["detail"] ?? .null, envelope: value, channel: .realtime, origin: origin, raw: raw, deliveryKey: nil, into: &outcomes)
        } else if let messageType = value["messageType"] {
            decodeLogsMessage(value, messageType: messageType, origin: origin, raw: raw, into: &outcomes)
        } else if value["eventVersion"] != nil || (value["eventID"] != nil && value["eventName"] != nil) {
            accept(record: value, envelope: nil, channel: .trail, origin: origin, raw: raw, deliveryKey: nil, into: &outcomes)
        } else {
            // A pruned value lacks the members worth naming: read them whole.
            let whole = keeping == nil ? value : ((try? JSONParser.parse(raw, maxDepth: limits.maxDepth)) ?? value)
            let keys = (whole.objectValue ?? []).prefix(5).map(\.key).joined(separator: ", ")
            outcomes.append(.rejected(Rejection(.unknownShape, "keys: \(keys)"), origin, sample: sample(raw)))
        }
    }

    private func accept(
        record: JSONValue, envelope: JSONValue?, channel: Channel, origin: RecordOrigin, raw: [UInt8],
        deliveryKey: String?, into outcomes: inout [RecordOutcome]
    ) {
        do {
            var decoded = try EventNormalizer.normalize(record: record, envelope: envelope, channel: channel, origin: origin, raw: raw)
            decoded.deliveryKey = deliveryKey
            outcomes.append(.accepted(decoded))
        } catch {
            outcomes.append(.rejected(error, origin, sample: sample(raw)))
        }
    }

    private func decodeKinesis(data: JSONValue, deliveryKey: String?, origin: RecordOrigin, raw: [UInt8], into outcomes: inout [RecordOutcome]) {
        guard case .string(let text) = data else {
            outcomes.append(.rejected(Rejection(.missingField, "Kinesis record without a string Data"), origin, sample: sample(raw)))
            return
        }
        var payload: [UInt8]
        do {
            payload = try Base64.decode(text)
        } catch {
            outcomes.append(.rejected(Rejection(.badBase64, error.message), origin, sample: sample(raw)))
            return
        }
        if Gzip.hasMagic(payload) {
            do {
                payload = try Gzip.decompress(payload, limit: limits.maxDecompressedBytes)
            } catch {
                outcomes.append(.rejected(Rejection(error.message.contains("limit") ? .tooLarge : .badGzip, error.message), origin, sample: sample(raw)))
                return
            }
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(payload, maxDepth: limits.maxDepth, keeping: keeping)
        } catch {
            outcomes.append(.rejected(Rejection(.badJSON, "Kinesis Data: \(error)"), origin, sample: sample(payload)))
            return
        }
        let first = outcomes.count
        classify(value, raw: payload, origin: origin, insideKinesis: true, into: &outcomes)
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
                let bytes = Array(message.utf8)
                do {
                    let record = try JSONParser.parse(bytes, maxDepth: limits.maxDepth, keeping: keeping)
                    accept(record: record, envelope: nil, channel: .trail, origin: origin, raw: bytes, deliveryKey: nil, into: &outcomes)
                } catch {
                    outcomes.append(.rejected(Rejection(.badJSON, "log event message: \(error)"), origin, sample: sample(bytes)))
                }
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
