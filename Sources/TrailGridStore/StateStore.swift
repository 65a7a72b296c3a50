import Foundation
import GRDB
import Synchronization
import TrailGridCore

/// The dashboard's durable state (DESIGN §9): one SQLite file, written one
/// transaction per batch, in WAL mode with `synchronous=NORMAL`.
///
/// With WAL and NORMAL a commit is durable once the WAL is synced at the
/// next checkpoint; a power loss can cost the last few committed batches,
/// never consistency: the positions and their effects are one transaction,
/// so a restart re-reads exactly the batches whose effects were lost.
public final class StateStore: Sendable {
    /// How long matched events are kept, and how many at most.
    public struct Retention: Sendable, Equatable {
        public var window: Int64
        public var maxEvents: Int
        /// Entries of the duplicate window kept: the ingester's window.
        public var dedupeWindow: Int

        public init(window: Int64 = 30 * 86_400_000, maxEvents: Int = 500_000, dedupeWindow: Int = IngestOptions().dedupeWindow) {
            self.window = window
            self.maxEvents = maxEvents
            self.dedupeWindow = dedupeWindow
        }
    }

    public let path: String
    public let retention: Retention
    private let database: DatabaseQueue
    /// nil for a read-only view (`trailgrid incidents` beside a running dashboard).
    private let lock: StateFileLock?
    /// Wall-clock ms of the last retention pass.
    private let lastAgeOut = Mutex<Int64>(0)
    /// Retention runs at most this often (ms): its queries walk an index.
    static let ageOutInterval: Int64 = 10_000

    private init(path: String, retention: Retention, database: DatabaseQueue, lock: StateFileLock?) {
        self.path = path
        self.retention = retention
        self.database = database
        self.lock = lock
    }

    // MARK: - Opening

    /// Opens (or creates) the state file for `inputs`, a description of the
    /// feeds and inventory it is kept for: a file kept for other inputs is
    /// refused, so two dashboards on different feeds never mix their state.
    public static func open(path: String, inputs: String, retention: Retention = Retention()) throws(StateStoreError) -> StateStore {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do { try StateDirectory.ensure(directory) } catch { throw .unwritable(path: path, detail: error.message) }
        }
        try checkHeader(path)
        let lock = try StateFileLock(databasePath: path)
        let database = try connect(path, readOnly: false)
        let store = StateStore(path: path, retention: retention, database: database, lock: lock)
        try store.prepare(inputs: inputs)
        return store
    }

    /// Opens an existing state file to read only, without its lock: SQLite's
    /// WAL lets a reader beside the running dashboard see its last commit.
    public static func openReadOnly(path: String) throws(StateStoreError) -> StateStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unwritable(path: path, detail: "no such file")
        }
        try checkHeader(path)
        let store = StateStore(path: path, retention: Retention(), database: try connect(path, readOnly: true), lock: nil)
        try store.read { db in try store.checkIdentity(db, creating: false) }
        return store
    }

    /// Moves the file at `path` (and its WAL and lock files) aside under a
    /// timestamped name, never deleting it; returns the new name, or nil when
    /// there was nothing to move.
    public static func moveAside(path: String, now: Int64) throws(StateStoreError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let stamp = Timestamp.iso8601(milliseconds: now).replacingOccurrences(of: ":", with: "")
        let target = "\(path).\(stamp).aside"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, target + suffix) == 0 else {
                throw .unwritable(path: path + suffix, detail: "cannot move aside: \(String(cString: strerror(errno)))")
            }
        }
        return target
    }

    /// A SQLite file starts with its magic string; anything else at the
    /// state path is someone else's file, and is never written into.
    private static func checkHeader(_ path: String) throws(StateStoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        guard head == Data("SQLite format 3\u{0}".utf8) else {
            throw .foreign(path: path, detail: "not a SQLite database")
        }
    }

    private static func connect(_ path: String, readOnly: Bool) throws(StateStoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(2)
        configuration.label = "trailgrid-state"
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw classify(error, path)
        }
    }

    private func prepare(inputs: String) throws(StateStoreError) {
        try write { db in
            try checkIdentity(db, creating: true)
            let migrator = StateSchema.migrator
            if try migrator.hasBeenSuperseded(db) {
                let applied = try migrator.appliedIdentifiers(db).sorted().last ?? "?"
                throw StateStoreError.tooNew(path: path, migration: applied)
            }
        }
        do {
            try StateSchema.migrator.migrate(database)
        } catch {
            throw Self.classify(error, path)
        }
        try write { db in
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'inputs'") {
                guard stored == inputs else { throw StateStoreError.otherInputs(path: path, stored: stored, given: inputs) }
            } else {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('inputs', ?)", arguments: [inputs])
            }
        }
    }

    /// A new file gets trailgrid's application id; an existing one must have it.
    private func checkIdentity(_ db: Database, creating: Bool) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == StateSchema.applicationID { return }
        let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
        guard id == 0, tables == 0, creating else {
            throw StateStoreError.foreign(path: path, detail: id == 0 ? "a SQLite database of another program" : "application id \(id)")
        }
        try db.execute(sql: "PRAGMA application_id = \(StateSchema.applicationID)")
    }

    // MARK: - Writing

    /// Commits one delta in one transaction: its effects, counters and the
    /// positions that produced them, or nothing.
    public func commit(_ delta: StateDelta, now: Int64) throws(StateStoreError) {
        try write { db in
            try StateWrites.insert(delta, storedAt: now, into: db)
            try StateWrites.appendDedupe(delta.dedupeAdded, keeping: retention.dedupeWindow, into: db)
            if let agedOut = try ageOutIfDue(db, now: now), agedOut > 0 {
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES ('agedOut', ?)
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT)
                    """, arguments: [String(agedOut), agedOut])
            }
        }
    }

    /// Drops events older than the window, then the oldest past the cap;
    /// returns how many, or nil when the last pass was too recent.
    private func ageOutIfDue(_ db: Database, now: Int64) throws -> Int? {
        let due = lastAgeOut.withLock { last -> Bool in
            guard now - last >= Self.ageOutInterval else { return false }
            last = now
            return true
        }
        guard due else { return nil }
        try db.execute(sql: "DELETE FROM events WHERE stored_at < ?", arguments: [now - retention.window])
        var removed = db.changesCount
        try db.execute(sql: """
            DELETE FROM events WHERE sequence <= (SELECT sequence FROM events ORDER BY sequence DESC LIMIT 1 OFFSET ?)
            """, arguments: [retention.maxEvents])
        removed += db.changesCount
        return removed
    }

    // MARK: - Reading

    /// Everything the file holds, with the newest `feedLimit` feed rows.
    public func load(feedLimit: Int) throws(StateStoreError) -> StoredState {
        try read { db in try StateReads.load(db, feedLimit: feedLimit) }
    }

    /// The counters of the last committed batch (nil before the first).
    public func counters() throws(StateStoreError) -> IngestCounters? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'counters'").flatMap(CountersCodec.decode)
        }
    }

    /// Incidents only, in the order they were opened.
    public func incidents() throws(StateStoreError) -> [Incident] {
        try read { db in try StateReads.incidents(db) }
    }

    /// The stored matched events, oldest first (for exports and tests).
    public func storedEvents(limit: Int = .max) throws(StateStoreError) -> [StoredFeedRow] {
        try read { db in try StateReads.feed(db, limit: limit).rows }
    }

    // MARK: - Errors

    private func write<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.write(body)
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw Self.classify(error, path)
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.read(body)
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw Self.classify(error, path)
        }
    }

    static func classify(_ error: any Error, _ path: String) -> StateStoreError {
        guard let error = error as? DatabaseError else { return .damaged(path: path, detail: "\(error)") }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return .foreign(path: path, detail: "not a SQLite database (\(detail))")
        case .SQLITE_CORRUPT: return .damaged(path: path, detail: detail)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_PERM, .SQLITE_AUTH:
            return .unwritable(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, holder: "database busy: \(detail)")
        default: return .damaged(path: path, detail: detail)
        }
    }
}
