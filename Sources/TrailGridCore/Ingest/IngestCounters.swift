/// What became of every record read; always `read == accepted + duplicate + skipped + rejected`.
public struct IngestCounters: Sendable, Equatable {
    public var accepted = 0
    public var duplicate = 0
    public var skipped = 0
    public var rejected = 0
    public var rejectedByKind: [RejectKind: Int] = [:]
    public var skippedByReason: [SkipReason: Int] = [:]
    /// Bytes read from files (compressed bytes for `.gz`).
    public var bytesRead = 0
    public var filesFollowed = 0

    public init() {}

    public var read: Int { accepted + duplicate + skipped + rejected }

    /// The one-line summary `scan` prints last on stderr.
    public var summary: String {
        "read=\(read) accepted=\(accepted) duplicate=\(duplicate) skipped=\(skipped) rejected=\(rejected)"
    }

    /// Rejections by kind, for the detail line under the summary.
    public var rejectionBreakdown: String {
        RejectKind.allCases.compactMap { kind in
            rejectedByKind[kind].map { "\(kind.rawValue)=\($0)" }
        }.joined(separator: " ")
    }
}
