/// Turns a CloudTrail record (and its envelope, when it came through
/// EventBridge) into a `CloudTrailEvent`.
enum EventNormalizer {
    static func normalize(
        record: JSONValue, envelope: JSONValue?, channel: Channel, origin: RecordOrigin, raw: [UInt8]
    ) throws(Rejection) -> DecodedEvent {
        guard case .object = record else {
            throw Rejection(.unknownShape, "a CloudTrail record must be a JSON object")
        }
        let identity = record["userIdentity"]
        let insight = record["insightDetails"]

        guard let eventID = nonEmpty(record["eventID"]) else { throw Rejection(.missingField, "eventID") }
        guard let eventTime = nonEmpty(record["eventTime"]) ?? nonEmpty(envelope?["time"]) else {
            throw Rejection(.missingField, "eventTime")
        }
        guard let eventName = nonEmpty(record["eventName"]) ?? nonEmpty(insight?["eventName"]) else {
            throw Rejection(.missingField, "eventName")
        }
        guard let region = nonEmpty(envelope?["region"]) ?? nonEmpty(record["awsRegion"]) else {
            throw Rejection(.missingField, "awsRegion")
        }
        guard let account = nonEmpty(envelope?["account"]) ?? nonEmpty(record["recipientAccountId"])
            ?? nonEmpty(identity?["accountId"])
        else { throw Rejection(.missingField, "account (no envelope account, recipientAccountId or userIdentity.accountId)") }

        let eventSource = nonEmpty(record["eventSource"]) ?? nonEmpty(insight?["eventSource"]) ?? ""
        let eventType = nonEmpty(record["eventType"])
        let detailType = nonEmpty(envelope?["detail-type"]) ?? DetailType.forEventType(eventType)

        let event = CloudTrailEvent(
            eventID: eventID,
            eventTime: eventTime,
            timestamp: Timestamp.parseMilliseconds(eventTime),
            eventName: eventName,
            eventSource: eventSource,
            awsRegion: region,
            account: account,
            principal: principal(of: identity),
            principalType: nonEmpty(identity?["type"]),
            sourceIPAddress: nonEmpty(record["sourceIPAddress"]),
            userAgent: nonEmpty(record["userAgent"]),
            errorCode: nonEmpty(record["errorCode"]),
            errorMessage: nonEmpty(record["errorMessage"]),
            readOnly: readOnlyFlag(record["readOnly"]),
            eventType: eventType,
            detailType: detailType,
            channel: channel,
            origin: origin,
            raw: raw
        )
        let document = envelope ?? synthesizedEnvelope(for: record, event: event)
        return DecodedEvent(event: event, document: document, deliveryKey: nil)
    }

    /// The caller, as a person on call wants to read it: the ARN when there is
    /// one, else `type/name` (`AWSService/s3.amazonaws.com`, `Root/…`).
    static func principal(of identity: JSONValue?) -> String {
        guard let identity else { return "unknown" }
        if let arn = nonEmpty(identity["arn"]) { return arn }
        let type = nonEmpty(identity["type"])
        let name = nonEmpty(identity["userName"]) ?? nonEmpty(identity["invokedBy"])
            ?? nonEmpty(identity["principalId"]) ?? nonEmpty(identity["accountId"])
        switch (type, name) {
        case let (type?, name?): return "\(type)/\(name)"
        case let (type?, nil): return type
        case let (nil, name?): return name
        default: return "unknown"
        }
    }

    /// `readOnly` is a boolean in log files but a string in some exports.
    static func readOnlyFlag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?: return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }

    /// The envelope EventBridge builds for a CloudTrail record, so one pattern
    /// matches events from either channel the same way.
    static func synthesizedEnvelope(for record: JSONValue, event: CloudTrailEvent) -> JSONValue {
        .object([
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
}

func nonEmpty(_ value: JSONValue?) -> String? {
    guard case .string(let text)? = value, !text.isEmpty else { return nil }
    return text
}
