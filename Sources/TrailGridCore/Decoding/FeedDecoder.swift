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
    let slots: DocumentSlots
    /// Spare leaf storage, shared by copies of this decoder (a lock taken
    /// twice per record: decoding runs on one actor, so it is never contended).
    let shared: SharedScratch
    /// `paths`' marker bits of the shape keys the hot path looks at.
    let shapeMarkers: ShapeMarkers
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
        self.shared = SharedScratch()
    }

    final class SharedScratch: Sendable {
        let scratch = Mutex(FlattenScratch())
    }

    /// The most leaves whose storage `recycle` keeps (a CloudTrail record has a few dozen).
    static let maxSpareLeaves = 256

    /// What flattening reuses from record to record.
    struct FlattenScratch: ~Copyable {
        /// An emptied leaf array to flatten the next record into: each
        /// record's 1.5 KB of leaves was a malloc and a free.
        var spareLeaves: [FlatLeaf] = []
    }

    /// Gives back the leaves of a decoded record once nothing reads them
    /// (the ingester, after matching), so the next record reuses their storage.
    public func recycle(_ fields: consuming FlatEvent) {
        var leaves = fields.leaves
        fields = FlatEvent()
        // A record with thousands of leaves (a hostile array) is not kept for good.
        guard leaves.capacity <= Self.maxSpareLeaves else { return }
        leaves.removeAll(keepingCapacity: true)
        shared.scratch.withLock { scratch in
            if scratch.spareLeaves.capacity < leaves.capacity { scratch.spareLeaves = leaves }
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
            decodeKinesis(base64: text, deliveryKey: nil, origin: RecordOrigin(file: file, offset: offset), record: bytes, into: &outcomes)
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
}
