import AsyncAlgorithms
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the ingester reads and what it keeps.
public struct IngestOptions: Sendable {
    /// Keep following files and directories (`tail -F`) instead of stopping at their end.
    public var follow = false
    public var pollInterval: Duration = .milliseconds(200)
    /// Where positions are resumed from and saved to by `commit`; nil: none.
    public var checkpointPath: String?
    /// Positions to resume from when they are kept elsewhere than a
    /// checkpoint file (the dashboard's state store); wins over `checkpointPath`.
    public var resumeCheckpoint: Checkpoint?
    /// Counters to continue from, so a restarted dashboard counts on from
    /// where the last one stopped rather than from zero.
    public var resumeCounters: IngestCounters?
    /// Where refused records are appended; nil: not kept (tests only).
    public var quarantinePath: String?
    /// How many recent events duplicates are looked for among.
    public var dedupeWindow = 262_144
    /// Hand each batch the duplicate window's new entries (`IngestBatch.dedupeAdded`),
    /// for a state store to keep with the batch's positions.
    public var journalsDedupe = false
    /// The duplicate window's entries a state store kept, oldest first:
    /// a record read again after a restart is still a duplicate.
    public var resumeDedupe: [UInt64]?
    public var readChunkBytes = 1 << 20
    public var maxRecordBytes = 64 << 20
    public var limits = DecodeLimits()
    /// What the decoder keeps of each record (pruned parsing); nil keeps
    /// whole documents. `Ingester(paths:options:matcher:)` sets it.
    public var documentPaths: FlatPaths?

    public init() {}
}

/// An accepted event and the indices of the watches its pattern set matched.
public struct IngestedEvent: Sendable {
    public var event: CloudTrailEvent
    public var watchMatches: [Int]

    public init(event: CloudTrailEvent, watchMatches: [Int] = []) {
        self.event = event
        self.watchMatches = watchMatches
    }
}

/// What one step of ingestion produced. `checkpoint` is the position just
/// after these events: commit it once they are handled.
public struct IngestBatch: Sendable {
    public var events: [IngestedEvent]
    public var counters: IngestCounters
    public var checkpoint: Checkpoint
    /// Entries the duplicate window took in with these events (only with
    /// `IngestOptions.journalsDedupe`), to be kept with `checkpoint`.
    public var dedupeAdded: [UInt64] = []
}

/// Decides which watches an event matches while its parsed document is at hand.
public typealias EventClassifier = @Sendable (DecodedEvent) -> [Int]

/// Reads feed files and directories, decodes, de-duplicates and classifies
/// their records, and sends the accepted events out in batches.
///
/// The one actor of ingestion (DESIGN §7). Batches go out on an
/// `AsyncChannel`, whose `send` waits until the consumer takes the batch: a
/// slow consumer slows reading instead of letting memory grow.
public actor Ingester {
    public nonisolated let batches = AsyncChannel<IngestBatch>()
    private nonisolated let liveCounters = Mutex(IngestCounters())
    private nonisolated let liveWarnings = Mutex([String]())

    private let inputs: [String]
    private let options: IngestOptions
    private var files: [FileIdentity: FollowedFile] = [:]
    /// Files in the order they were found, for a deterministic reading order.
    private var order: [FileIdentity] = []
    /// Positions from the previous run, consulted when a file is first seen.
    private var resumeFrom: Checkpoint
    /// Decodes and counts records, and holds the accepted ones until the next batch.
    private var accountant: RecordAccountant
    private var reportedFailures: Set<String> = []
    /// Bytes (or refusals) behind the pending events.
    private var pendingBytes = 0

    /// Checks every input now, so a bad path fails before anything runs.
    public init(paths: [String], options: IngestOptions = IngestOptions(), classifier: EventClassifier? = nil) throws(FileError) {
        for path in paths {
            switch fileStatus(path) {
            case .failure(let error):
                throw error
            case .success(let status):
                switch status.kind {
                case .directory:
                    guard access(path, R_OK | X_OK) == 0 else { throw .errno(path, "cannot read directory") }
                case .regular:
                    guard access(path, R_OK) == 0 else { throw .errno(path, "cannot open") }
                case .other:
                    throw FileError(path: path, message: "not a regular file or directory")
                }
            }
        }
        self.inputs = paths
        self.options = options
        if let resume = options.resumeCheckpoint {
            self.resumeFrom = resume
        } else {
            self.resumeFrom = try options.checkpointPath.map { (path) throws(FileError) in try Checkpoint.load(from: path) } ?? Checkpoint()
        }
        self.accountant = RecordAccountant(
            decoder: FeedDecoder(limits: options.limits, keeping: options.documentPaths),
            classifier: classifier,
            dedupe: Deduplicator(capacity: options.dedupeWindow, journaling: options.journalsDedupe,
                                 restoring: options.resumeDedupe ?? []),
            quarantine: try options.quarantinePath.map { (path) throws(FileError) in try Quarantine(path: path) }
        )
        if var counters = options.resumeCounters {
            counters.filesFollowed = 0
            accountant.counters = counters
            liveCounters.withLock { $0 = counters }
        }
    }

    /// Classifies with `matcher`, and parses only what it and the
    /// normalizer read: the fast way to ingest.
    public init(paths: [String], options: IngestOptions = IngestOptions(), matcher: WatchMatcher) throws(FileError) {
        var options = options
        options.documentPaths = matcher.documentPaths
        try self.init(paths: paths, options: options, classifier: matcher.classifier)
    }

    /// The counters right now, from any thread.
    public nonisolated var currentCounters: IngestCounters { liveCounters.withLock { $0 } }

    /// Problems with files (unreadable, vanished) that are not records.
    public nonisolated var warnings: [String] { liveWarnings.withLock { $0 } }

    /// Reads until every input is exhausted (or, when following, until cancelled),
    /// then finishes `batches`.
    public func run() async {
        defer {
            batches.finish()
            accountant.quarantine?.close()
        }
        repeat {
            await discover()
            var progressed = true
            while progressed && !Task.isCancelled {
                progressed = false
                for identity in order {
                    guard let file = files[identity] else { continue }
                    if await pump(file, final: !options.follow) { progressed = true }
                }
                await flush()
            }
            if !options.follow || Task.isCancelled { break }
            await retireRotatedFiles()
            await flush()
            try? await Task.sleep(for: options.pollInterval)
        } while !Task.isCancelled
    }

    /// Saves `checkpoint` atomically (after its batch has been handled).
    public func commit(_ checkpoint: Checkpoint) throws(FileError) {
        guard let path = options.checkpointPath else { return }
        try checkpoint.save(to: path)
    }

    /// The consumer's position saved with the checkpoint this run resumed from.
    public var resumedConsumerOffset: Int? { resumeFrom.consumerOffset }

    /// The checkpoint this run resumed from (empty on a first run).
    public var resumedCheckpoint: Checkpoint { resumeFrom }

    // MARK: - Files

    /// Finds the files named or under the named directories; a file already
    /// followed under another name (renamed) keeps its position.
    ///
    /// A one-shot read drains each new file at once and closes it: holding
    /// one descriptor per file made a directory of more files than
    /// `ulimit -n` lose every file past the limit (and starve the process).
    private func discover() async {
        for input in inputs {
            guard case .success(let status) = fileStatus(input) else { continue }
            let candidates = status.kind == .directory ? regularFiles(under: input) : [input]
            for path in candidates {
                if isOwnStateFile(path) { continue }
                guard case .success(let status) = fileStatus(path), status.kind == .regular else { continue }
                if let existing = files[status.identity] {
                    existing.path = path
                    continue
                }
                switch FollowedFile.open(path: path) {
                case .failure(let error):
                    warnOnce(error.description)
                case .success(let opened):
                    var offset = resumeFrom.entry(for: opened.status.identity)?.offset ?? 0
                    if offset > opened.status.size { offset = 0 }  // replaced or truncated while we were away
                    let file = FollowedFile(
                        path: path, fd: opened.fd, identity: opened.status.identity, offset: offset,
                        limits: options.limits, chunkBytes: options.readChunkBytes, maxRecordBytes: options.maxRecordBytes
                    )
                    files[opened.status.identity] = file
                    order.append(opened.status.identity)
                    accountant.counters.filesFollowed = files.count
                    if !options.follow {
                        while !Task.isCancelled, await pump(file, final: true) {}
                        file.release()
                    }
                }
            }
        }
    }

    private func isOwnStateFile(_ path: String) -> Bool {
        path == options.checkpointPath || path == options.quarantinePath
    }

    /// A followed file whose name now points elsewhere (rotated) or nowhere
    /// (deleted) is read to its end, its unfinished tail reported, and dropped.
    ///
    /// Names are refreshed first: a file renamed within the followed
    /// directory while a long read kept discovery from running (logrotate's
    /// `feed.jsonl` → `feed.jsonl.1` under a sustained feed) was otherwise
    /// dropped as rotated away, found again under its new name as a new file,
    /// and read a second time from its start.
    private func retireRotatedFiles() async {
        await discover()
        for identity in order {
            guard let file = files[identity] else { continue }
            let current = try? fileStatus(file.path).get()
            if current?.identity != identity {
                while await pump(file, final: true) {}
                await flush()  // its last batch carries its final position
                files[identity] = nil
            }
        }
        order.removeAll { files[$0] == nil }
        accountant.counters.filesFollowed = files.count
    }

    /// Reads one chunk of `file`, decodes and accounts it, and sends a batch
    /// once enough is pending. Returns whether more is waiting.
    private func pump(_ file: FollowedFile, final: Bool) async -> Bool {
        let now = Int64(time(nil)) * 1000
        let step = accountant.read(file, final: final, now: now)
        accountant.counters.bytesRead += step.bytesRead
        guard step.bytesRead > 0 || step.produced else { return step.more }
        pendingBytes += max(step.bytesRead, 1)
        let counters = accountant.counters
        liveCounters.withLock { $0 = counters }
        if pendingBytes >= options.readChunkBytes || accountant.pendingEvents.count >= Self.batchEvents { await flush() }
        return step.more
    }

    /// Most events in one batch; a batch also goes out after a chunk's worth
    /// of bytes and at the end of every pass over the files.
    static let batchEvents = 4096

    /// Sends what is pending as one batch, with the checkpoint just after it.
    ///
    /// Batches span files: a checkpoint lists every file, so one batch per
    /// small file made a directory of N files cost N² (100,000 files: hours).
    private func flush() async {
        guard pendingBytes > 0 else { return }
        let batch = IngestBatch(events: accountant.pendingEvents, counters: accountant.counters, checkpoint: checkpoint(),
                                dedupeAdded: accountant.dedupe.takeJournal())
        accountant.pendingEvents = []
        // About what the next batch will hold, so appending does not keep regrowing (and moving) it.
        accountant.pendingEvents.reserveCapacity(min(batch.events.count, Self.batchEvents))
        pendingBytes = 0
        await batches.send(batch)
    }

    private func checkpoint() -> Checkpoint {
        Checkpoint(entries: order.compactMap { identity in
            files[identity].map { Checkpoint.Entry(path: $0.path, identity: identity, offset: $0.consumed) }
        })
    }

    private func warnOnce(_ message: String) {
        guard reportedFailures.insert(message).inserted else { return }
        liveWarnings.withLock { $0.append(message) }
    }
}
