/// Which path an event took to reach trailgrid.
public enum Channel: String, Sendable, Codable, CaseIterable {
    /// Through an EventBridge rule (an envelope): proof that real-time alerting fires.
    case realtime
    /// From CloudTrail itself (log file, CloudWatch Logs subscription, Event History).
    case trail
}

/// Where a record was read: the file and the byte offset of the record in it
/// (in the decompressed stream for `.gz` files).
public struct RecordOrigin: Sendable, Hashable, Codable {
    public var file: String
    public var offset: Int

    public init(file: String, offset: Int) {
        self.file = file
        self.offset = offset
    }
}

/// One CloudTrail event, normalized from whichever feed form carried it.
///
/// Strings are kept exactly as AWS wrote them (untrusted: the UI sanitizes
/// them, exports escape them); `raw` holds the original record's bytes so an
/// export can reproduce it byte for byte.
public struct CloudTrailEvent: Sendable, Equatable {
    public var eventID: String
    /// `eventTime` as written (ISO-8601, UTC).
    public var eventTime: String
    /// `eventTime` in milliseconds since 1970, or nil when it does not parse.
    public var timestamp: Int64?
    public var eventName: String
    public var eventSource: String
    public var awsRegion: String
    /// The envelope's `account`, else `recipientAccountId`, else `userIdentity.accountId`.
    public var account: String
    /// The caller's ARN, else `type/name` from `userIdentity`.
    public var principal: String
    public var principalType: String?
    public var sourceIPAddress: String?
    public var userAgent: String?
    public var errorCode: String?
    public var errorMessage: String?
    /// nil when the record has no `readOnly` field (service events, some older records).
    public var readOnly: Bool?
    public var eventType: String?
    /// The envelope's detail-type, or the one EventBridge would give a trail record.
    public var detailType: String
    public var channel: Channel
    public var origin: RecordOrigin
    /// The original record (the envelope on the realtime channel, the CloudTrail
    /// record on the trail channel), exactly as ingested.
    public var raw: [UInt8]

    public init(
        eventID: String, eventTime: String, timestamp: Int64?, eventName: String, eventSource: String,
        awsRegion: String, account: String, principal: String, principalType: String? = nil,
        sourceIPAddress: String? = nil, userAgent: String? = nil, errorCode: String? = nil,
        errorMessage: String? = nil, readOnly: Bool? = nil, eventType: String? = nil,
        detailType: String, channel: Channel, origin: RecordOrigin, raw: [UInt8]
    ) {
        self.eventID = eventID
        self.eventTime = eventTime
        self.timestamp = timestamp
        self.eventName = eventName
        self.eventSource = eventSource
        self.awsRegion = awsRegion
        self.account = account
        self.principal = principal
        self.principalType = principalType
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.readOnly = readOnly
        self.eventType = eventType
        self.detailType = detailType
        self.channel = channel
        self.origin = origin
        self.raw = raw
    }

    /// Whether the call failed (and so changed nothing).
    public var failed: Bool { errorCode != nil }
}
