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
///
/// The string fields are not Strings of their own: each is a span of `raw`,
/// where the record holds it verbatim (almost always), or of a small buffer
/// of texts that it does not (escaped, derived, or given to `init`). Making
/// a score of Strings per event, and freeing them once it was drawn, was a
/// tenth of ingest; the few events a person reads build theirs on demand.
public struct CloudTrailEvent: Sendable {
    /// The string fields, in the order of `spans`.
    enum Field: Int, CaseIterable {
        case eventID, eventTime, eventName, eventSource, awsRegion, account, principal
        case principalType, sourceIPAddress, userAgent, errorCode, errorMessage, eventType, detailType
    }

    /// Where a field's UTF-8 is: `raw[start..<start+count]`, or, for a
    /// negative `start`, `texts[-start-1...]`; a negative `count` is nil.
    struct Span: Sendable {
        var start: Int32
        var count: Int32

        static let absent = Span(start: 0, count: -1)
    }

    /// A span per `Field`, stored inline (no allocation per event). A tuple
    /// rather than `InlineArray`, which needs macOS 26.
    private var spans: (Span, Span, Span, Span, Span, Span, Span, Span, Span, Span, Span, Span, Span, Span) = (
        .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent
    )
    /// The texts `raw` does not hold verbatim.
    private var texts: [UInt8] = []
    /// `eventTime` in milliseconds since 1970, or nil when it does not parse.
    public internal(set) var timestamp: Int64?
    /// nil when the record has no `readOnly` field (service events, some older records).
    public private(set) var readOnly: Bool?
    public private(set) var channel: Channel
    public private(set) var origin: RecordOrigin
    /// The original record (the envelope on the realtime channel, the CloudTrail
    /// record on the trail channel), exactly as ingested.
    public private(set) var raw: [UInt8]

    public var eventID: String { string(.eventID) ?? "" }
    /// `eventTime` as written (ISO-8601, UTC).
    public var eventTime: String { string(.eventTime) ?? "" }
    public var eventName: String { string(.eventName) ?? "" }
    public var eventSource: String { string(.eventSource) ?? "" }
    public var awsRegion: String { string(.awsRegion) ?? "" }
    /// The envelope's `account`, else `recipientAccountId`, else `userIdentity.accountId`.
    public var account: String { string(.account) ?? "" }
    /// The caller's ARN, else `type/name` from `userIdentity`.
    public var principal: String { string(.principal) ?? "" }
    public var principalType: String? { string(.principalType) }
    public var sourceIPAddress: String? { string(.sourceIPAddress) }
    public var userAgent: String? { string(.userAgent) }
    public var errorCode: String? { string(.errorCode) }
    public var errorMessage: String? { string(.errorMessage) }
    public var eventType: String? { string(.eventType) }
    /// The envelope's detail-type, or the one EventBridge would give a trail record.
    public var detailType: String { string(.detailType) ?? "" }

    public init(
        eventID: String, eventTime: String, timestamp: Int64?, eventName: String, eventSource: String,
        awsRegion: String, account: String, principal: String, principalType: String? = nil,
        sourceIPAddress: String? = nil, userAgent: String? = nil, errorCode: String? = nil,
        errorMessage: String? = nil, readOnly: Bool? = nil, eventType: String? = nil,
        detailType: String, channel: Channel, origin: RecordOrigin, raw: [UInt8]
    ) {
        self.init(timestamp: timestamp, readOnly: readOnly, channel: channel, origin: origin, raw: raw)
        let values: [(Field, String?)] = [
            (.eventID, eventID), (.eventTime, eventTime), (.eventName, eventName), (.eventSource, eventSource),
            (.awsRegion, awsRegion), (.account, account), (.principal, principal), (.principalType, principalType),
            (.sourceIPAddress, sourceIPAddress), (.userAgent, userAgent), (.errorCode, errorCode),
            (.errorMessage, errorMessage), (.eventType, eventType), (.detailType, detailType),
        ]
        for (field, value) in values {
            if let value { set(field, to: value) }
        }
    }

    /// An event with no string fields yet (see `set`).
    init(timestamp: Int64?, readOnly: Bool?, channel: Channel, origin: RecordOrigin, raw: [UInt8]) {
        self.timestamp = timestamp
        self.readOnly = readOnly
        self.channel = channel
        self.origin = origin
        self.raw = raw
    }

    /// `field` is `raw[start..<start+count]`.
    mutating func set(_ field: Field, rawStart start: Int, count: Int) {
        setSpan(field, Span(start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: count)))
    }

    /// `field` is `value`, which `raw` does not hold verbatim.
    mutating func set(_ field: Field, to value: String) {
        let start = texts.count
        texts += value.utf8
        setSpan(field, Span(start: -1 - Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: texts.count - start)))
    }

    /// Calls `body` with the UTF-8 of `field`, or returns nil when it is absent.
    func withUTF8<Result>(_ field: Field, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
        let span = span(field)
        guard span.count >= 0 else { return nil }
        let bytes = span.start >= 0 ? raw : texts
        let start = span.start >= 0 ? Int(span.start) : Int(-1 - span.start)
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<start + Int(span.count)])) }
    }

    func has(_ field: Field) -> Bool {
        span(field).count >= 0
    }

    private func span(_ field: Field) -> Span {
        withUnsafeBytes(of: spans) { $0.load(fromByteOffset: field.rawValue * MemoryLayout<Span>.stride, as: Span.self) }
    }

    private mutating func setSpan(_ field: Field, _ span: Span) {
        withUnsafeMutableBytes(of: &spans) { $0.storeBytes(of: span, toByteOffset: field.rawValue * MemoryLayout<Span>.stride, as: Span.self) }
    }

    func string(_ field: Field) -> String? {
        withUTF8(field) { String(decoding: $0, as: UTF8.self) }
    }

    /// The same event, read from `origin` (a stored event decoded again
    /// keeps the file and offset it was first read at).
    public func relocated(to origin: RecordOrigin) -> CloudTrailEvent {
        var copy = self
        copy.origin = origin
        return copy
    }

    /// Whether the call failed (and so changed nothing).
    public var failed: Bool { has(.errorCode) }
}

/// Events are equal when their fields are, however each keeps its text.
extension CloudTrailEvent: Equatable {
    public static func == (left: CloudTrailEvent, right: CloudTrailEvent) -> Bool {
        left.timestamp == right.timestamp && left.readOnly == right.readOnly && left.channel == right.channel
            && left.origin == right.origin && left.raw == right.raw
            && Field.allCases.allSatisfy { left.string($0) == right.string($0) }
    }
}
