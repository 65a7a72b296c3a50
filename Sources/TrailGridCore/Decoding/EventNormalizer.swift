/// Turns a flattened CloudTrail record (and its envelope, when it came
/// through EventBridge) into a `CloudTrailEvent`.
///
/// It reads fields from a `FlatEvent` rather than a tree, so the hot path
/// (`JSONParser.flatten`) and the tree path of rarer shapes share it. Where
/// a field appears twice (duplicate keys) the last value counts, as a tree
/// lookup would find it; a field inside an array is not the field.
enum EventNormalizer {
    /// - Parameter inEnvelope: the record is the `detail` of an EventBridge
    ///   envelope in `fields` (realtime), rather than the whole of it (trail).
    static func normalize(
        _ fields: FlatEvent, slots: DocumentSlots, inEnvelope: Bool, channel: Channel, origin: RecordOrigin, raw: [UInt8]
    ) throws(Rejection) -> CloudTrailEvent {
        // The hot path flattens `raw` itself: the event's fields are then spans of it.
        let sharesRaw = fields.bytes.withUnsafeBufferPointer { leafBytes in
            raw.withUnsafeBufferPointer { $0.baseAddress == leafBytes.baseAddress && $0.count == leafBytes.count }
        }
        return try fields.withSingleValues(slotCount: slots.slotCount) { (values) throws(Rejection) in
            try normalize(values, slots: slots, inEnvelope: inEnvelope, sharesRaw: sharesRaw, channel: channel, origin: origin, raw: raw)
        }
    }

    private static func normalize(
        _ fields: FlatEvent.SingleValues, slots: DocumentSlots, inEnvelope: Bool, sharesRaw: Bool, channel: Channel,
        origin: RecordOrigin, raw: [UInt8]
    ) throws(Rejection) -> CloudTrailEvent {
        let record = inEnvelope ? slots.inDetail : slots.bare
        let envelope = slots.envelope
        func text(_ slot: Int32) -> FlatLeaf? { fields.nonEmptyString(at: slot) }
        func fromEnvelope(_ slot: Int32) -> FlatLeaf? { inEnvelope ? text(slot) : nil }

        guard let eventID = text(record.eventID) else { throw Rejection(.missingField, "eventID") }
        guard let eventTime = text(record.eventTime) ?? fromEnvelope(envelope.time) else {
            throw Rejection(.missingField, "eventTime")
        }
        guard let eventName = text(record.eventName) ?? text(record.insightEventName) else {
            throw Rejection(.missingField, "eventName")
        }
        guard let region = fromEnvelope(envelope.region) ?? text(record.awsRegion) else {
            throw Rejection(.missingField, "awsRegion")
        }
        guard let account = fromEnvelope(envelope.account) ?? text(record.recipientAccountId) ?? text(record.identityAccountId) else {
            throw Rejection(.missingField, "account (no envelope account, recipientAccountId or userIdentity.accountId)")
        }
        var event = CloudTrailEvent(
            timestamp: nil, readOnly: readOnlyFlag(fields.scalar(at: record.readOnly)), channel: channel, origin: origin, raw: raw
        )
        // One call per field, not a loop over an array of them: that array was an allocation per event.
        event.set(.eventID, to: eventID, of: fields, sharesRaw: sharesRaw)
        event.set(.eventTime, to: eventTime, of: fields, sharesRaw: sharesRaw)
        event.set(.eventName, to: eventName, of: fields, sharesRaw: sharesRaw)
        event.set(.eventSource, to: text(record.eventSource) ?? text(record.insightEventSource), of: fields, sharesRaw: sharesRaw)
        event.set(.awsRegion, to: region, of: fields, sharesRaw: sharesRaw)
        event.set(.account, to: account, of: fields, sharesRaw: sharesRaw)
        event.set(.principalType, to: text(record.identityType), of: fields, sharesRaw: sharesRaw)
        event.set(.sourceIPAddress, to: text(record.sourceIPAddress), of: fields, sharesRaw: sharesRaw)
        event.set(.userAgent, to: text(record.userAgent), of: fields, sharesRaw: sharesRaw)
        event.set(.errorCode, to: text(record.errorCode), of: fields, sharesRaw: sharesRaw)
        event.set(.errorMessage, to: text(record.errorMessage), of: fields, sharesRaw: sharesRaw)
        event.set(.eventType, to: text(record.eventType), of: fields, sharesRaw: sharesRaw)
        event.set(.detailType, to: fromEnvelope(envelope.detailType), of: fields, sharesRaw: sharesRaw)
        if let arn = text(record.identityArn) {
            event.set(.principal, to: arn, of: fields, sharesRaw: sharesRaw)
        } else {
            event.set(.principal, to: principal(fields, record))
        }
        if !event.has(.detailType) {
            event.set(.detailType, to: DetailType.forEventType(event.string(.eventType)))
        }
        event.timestamp = event.withUTF8(.eventTime) { Timestamp.parseMilliseconds($0.assumingMemoryBound(to: UInt8.self)) } ?? nil
        return event
    }

    /// The caller as `type/name` from `userIdentity`, for a record without
    /// an ARN (`AWSService/s3.amazonaws.com`, `Root/…`).
    static func principal(_ fields: FlatEvent.SingleValues, _ record: DocumentSlots.Record) -> String {
        func text(_ slot: Int32) -> String? { fields.nonEmptyString(at: slot).map(fields.text(of:)) }
        let type = text(record.identityType)
        let name = text(record.identityUserName) ?? text(record.identityInvokedBy)
            ?? text(record.identityPrincipalId) ?? text(record.identityAccountId)
        switch (type, name) {
        case let (type?, name?): return "\(type)/\(name)"
        case let (type?, nil): return type
        case let (nil, name?): return name
        default: return "unknown"
        }
    }

    /// `readOnly` is a boolean in log files but a string in some exports.
    static func readOnlyFlag(_ value: FlatScalar?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?: return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }
}

func nonEmpty(_ value: JSONValue?) -> String? {
    guard case .string(let text)? = value, !text.isEmpty else { return nil }
    return text
}

extension CloudTrailEvent {
    /// `field` is the string of `leaf` (of `fields`): a span of `raw` when
    /// the leaves point into it and the string has no escapes, else a copy
    /// of its text. Nothing when `leaf` is nil.
    mutating func set(_ field: Field, to leaf: FlatLeaf?, of fields: FlatEvent.SingleValues, sharesRaw: Bool) {
        guard let leaf else { return }
        if sharesRaw && leaf.kind == .string {
            set(field, rawStart: Int(leaf.start), count: Int(leaf.count))
        } else {
            set(field, to: fields.text(of: leaf))
        }
    }
}
