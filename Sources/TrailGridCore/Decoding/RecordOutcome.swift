/// The kinds of refusal the counters and quarantine distinguish.
public enum RejectKind: String, Sendable, CaseIterable, Codable {
    case badJSON = "bad JSON"
    case badBase64 = "bad base64"
    case badGzip = "bad gzip"
    case unknownShape = "unknown shape"
    case missingField = "missing required field"
    case tooLarge = "too large"
}

/// Why a record was refused: a kind for counting and words for the quarantine.
public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: RejectKind
    public var detail: String

    public init(_ kind: RejectKind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}

/// Records that are valid but carry no CloudTrail event.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    /// A CloudWatch Logs `CONTROL_MESSAGE` (the subscription's connectivity check).
    case controlMessage = "control message"
    /// A `DATA_MESSAGE` with no log events.
    case emptyMessage = "empty message"
    /// An EventBridge event that is not CloudTrail-based (e.g. a GuardDuty finding).
    case notCloudTrail = "not a CloudTrail event"
}

/// A decoded event plus its document flattened for the decoder's paths
/// (`FeedDecoder.paths`: the fields the normalizer reads and those the
/// watches read), which patterns are matched against: the envelope's on the
/// realtime channel, the CloudTrail record's on the trail channel (a
/// `WatchMatcher` files it as under the envelope EventBridge would build).
/// The document lives only until matching is done; the event flows on.
public struct DecodedEvent: Sendable {
    public var event: CloudTrailEvent
    public var fields: FlatEvent
    /// The `FlatPaths.fingerprint` of the paths `fields` was flattened for.
    public var pathsFingerprint: UInt64
    /// Identifies one Kinesis delivery (`shard:sequence#index`) when the shard
    /// is known, so a redelivered record is a duplicate even before its event id is read.
    public var deliveryKey: String?

    /// The event, moved out rather than copied (a copy retained each of its
    /// strings, and releasing the rest released them again).
    consuming func takeEvent() -> CloudTrailEvent {
        event
    }
}

/// What became of one record.
public enum RecordOutcome: Sendable {
    case accepted(DecodedEvent)
    case skipped(SkipReason, RecordOrigin)
    /// `sample` is the refused bytes (capped), kept for the quarantine file.
    case rejected(Rejection, RecordOrigin, sample: [UInt8])
}
