/// Sorting records by shape and decoding each: the flattening hot path for
/// the two common shapes, trees for the rest.
extension FeedDecoder {
    // MARK: - Records

    /// Sorts a parsed record by shape (see the type's comment) and decodes it.
    func classify(_ value: JSONValue, raw: [UInt8], origin: RecordOrigin, insideKinesis: Bool, into outcomes: inout [RecordOutcome]) {
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
            decodeKinesis(base64: text, deliveryKey: nil, origin: origin, record: raw, into: &outcomes)
        } else if !insideKinesis, let kinesis = value["kinesis"], case .object = kinesis {
            // A Lambda Kinesis trigger record: its eventID is `shardId-…:sequence`.
            let delivery = nonEmpty(value["eventID"]) ?? nonEmpty(kinesis["sequenceNumber"]).map { "?:\($0)" }
            guard case .string(let text)? = kinesis["data"] else {
                outcomes.append(.rejected(Rejection(.missingField, "Kinesis record without a string Data"), origin, sample: sample(raw)))
                return
            }
            decodeKinesis(base64: text, deliveryKey: delivery, origin: origin, record: raw, into: &outcomes)
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
    func decodeFlattened(_ payload: [UInt8], origin: RecordOrigin, insideKinesis: Bool, into outcomes: inout [RecordOutcome]) -> Bool {
        let leaves = shared.scratch.withLock { scratch in
            var leaves: [FlatLeaf] = []
            swap(&leaves, &scratch.spareLeaves)
            return leaves
        }
        guard let fields = try? JSONParser.flatten(payload, paths: paths, maxDepth: limits.maxDepth, into: consume leaves) else { return false }
        let keys = shapeMarkers
        func has(_ marker: UInt64) -> Bool { fields.markers & marker != 0 }
        if has(keys.cloudTrailEvent) || has(keys.messageType) || fields.hasRepeatedSlot { return false }
        if !insideKinesis && (has(keys.data) || has(keys.kinesis)) { return false }
        if has(keys.detailType) && has(keys.detail) {
            guard let isCloudTrail = fields.withString(at: slots.envelope.detailType, DetailType.isCloudTrail) else { return false }
            guard isCloudTrail else {
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
    func accept(
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
    func decodeRecordText(_ bytes: [UInt8], what: String, origin: RecordOrigin, into outcomes: inout [RecordOutcome]) {
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

    func decodeKinesis(base64 text: String, deliveryKey: String?, origin: RecordOrigin, record: [UInt8], into outcomes: inout [RecordOutcome]) {
        var text = text
        text.withUTF8 { text in
            record.withUnsafeBytes { record in
                decodeKinesis(base64: UnsafeRawBufferPointer(text), deliveryKey: deliveryKey, origin: origin, record: record, into: &outcomes)
            }
        }
    }

    /// - Parameter record: the record `text` came from, whose first bytes
    ///   are quarantined when its Data is refused.
    func decodeKinesis(
        base64 text: UnsafeRawBufferPointer, deliveryKey: String?, origin: RecordOrigin, record: UnsafeRawBufferPointer,
        into outcomes: inout [RecordOutcome]
    ) {
        var payload: [UInt8]
        do {
            payload = try Base64.decode(text.assumingMemoryBound(to: UInt8.self))
        } catch {
            outcomes.append(.rejected(Rejection(.badBase64, error.message), origin, sample: sample(record)))
            return
        }
        if Gzip.hasMagic(payload) {
            do {
                payload = try Gzip.decompress(payload, limit: limits.maxDecompressedBytes)
            } catch {
                outcomes.append(.rejected(Rejection(error.message.contains("limit") ? .tooLarge : .badGzip, error.message), origin, sample: sample(record)))
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
    func decodeLogsMessage(_ value: JSONValue, messageType: JSONValue, origin: RecordOrigin, raw: [UInt8], into outcomes: inout [RecordOutcome]) {
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

    func sample(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count <= limits.maxQuarantineSample ? bytes : Array(bytes.prefix(limits.maxQuarantineSample))
    }

    func sample(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(bytes.prefix(limits.maxQuarantineSample))
    }
}
