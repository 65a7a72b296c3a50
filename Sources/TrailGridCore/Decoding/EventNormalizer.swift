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
        _ fields: FlatEvent, slots: DocumentSlots, inEnvelope: Bool, channel: Channel, origin: RecordOrigin, raw: [UInt8],
        strings: inout StringInterner
    ) throws(Rejection) -> CloudTrailEvent {
        try fields.withSingleValues(slotCount: slots.slotCount) { (values) throws(Rejection) in
            try normalize(values, slots: slots, inEnvelope: inEnvelope, channel: channel, origin: origin, raw: raw, strings: &strings)
        }
    }

    private static func normalize(
        _ fields: FlatEvent.SingleValues, slots: DocumentSlots, inEnvelope: Bool, channel: Channel, origin: RecordOrigin, raw: [UInt8],
        strings: inout StringInterner
    ) throws(Rejection) -> CloudTrailEvent {
        let record = inEnvelope ? slots.inDetail : slots.bare
        let envelope = slots.envelope
        // Interned: an event's strings are mostly the same few hundred values.
        func text(_ slot: Int32) -> String? { fields.string(at: slot, interning: &strings) }
        func fromEnvelope(_ slot: Int32) -> String? { inEnvelope ? text(slot) : nil }

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
        let eventType = text(record.eventType)
        return CloudTrailEvent(
            eventID: eventID,
            eventTime: eventTime,
            timestamp: Timestamp.parseMilliseconds(eventTime),
            eventName: eventName,
            eventSource: text(record.eventSource) ?? text(record.insightEventSource) ?? "",
            awsRegion: region,
            account: account,
            principal: principal(fields, record, strings: &strings),
            principalType: text(record.identityType),
            sourceIPAddress: text(record.sourceIPAddress),
            userAgent: text(record.userAgent),
            errorCode: text(record.errorCode),
            errorMessage: text(record.errorMessage),
            readOnly: readOnlyFlag(fields.scalar(at: record.readOnly)),
            eventType: eventType,
            detailType: fromEnvelope(envelope.detailType) ?? DetailType.forEventType(eventType),
            channel: channel,
            origin: origin,
            raw: raw
        )
    }

    /// The caller, as a person on call wants to read it: the ARN when there is
    /// one, else `type/name` (`AWSService/s3.amazonaws.com`, `Root/…`).
    static func principal(_ fields: FlatEvent.SingleValues, _ record: DocumentSlots.Record, strings: inout StringInterner) -> String {
        func text(_ slot: Int32) -> String? { fields.string(at: slot, interning: &strings) }
        if let arn = text(record.identityArn) { return arn }
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
