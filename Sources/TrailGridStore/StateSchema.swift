import GRDB

/// The state file's tables, as migrations from the first schema on: a file
/// any earlier trailgrid wrote opens in a newer one, its contents kept.
enum StateSchema {
    /// `PRAGMA application_id`: "TGST". A SQLite file without it was not
    /// written by trailgrid, and is refused rather than written into.
    static let applicationID: Int32 = 0x5447_5354

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE positions (
                    device INTEGER NOT NULL, inode INTEGER NOT NULL, path TEXT NOT NULL, offset INTEGER NOT NULL,
                    PRIMARY KEY (device, inode));
                CREATE TABLE facts (
                    arrival INTEGER NOT NULL, event_id TEXT NOT NULL, event_time INTEGER,
                    file TEXT NOT NULL, offset INTEGER NOT NULL, raw BLOB NOT NULL);
                CREATE TABLE cells (
                    account TEXT NOT NULL, region TEXT NOT NULL, first_seen INTEGER,
                    last_realtime INTEGER, last_trail INTEGER, realtime_count INTEGER NOT NULL DEFAULT 0,
                    trail_count INTEGER NOT NULL DEFAULT 0, forwarded TEXT NOT NULL DEFAULT '[]',
                    unanswered TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (account, region));
                CREATE TABLE events (
                    sequence INTEGER PRIMARY KEY NOT NULL, event_id TEXT NOT NULL, event_time INTEGER,
                    channels TEXT NOT NULL, watches TEXT NOT NULL, changed_coverage INTEGER NOT NULL,
                    file TEXT NOT NULL, offset INTEGER NOT NULL, raw BLOB NOT NULL);
                CREATE TABLE incidents (
                    id TEXT PRIMARY KEY NOT NULL, opened INTEGER NOT NULL, document TEXT NOT NULL);
                """)
        }
        // Retention ages events out by when they were stored, oldest first:
        // without the column and its index every pass read the whole table.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN stored_at INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX events_by_stored_at ON events (stored_at);
                CREATE INDEX facts_by_arrival ON facts (arrival);
                """)
        }
        // The duplicate window, one row per batch (`first`: the place of its
        // first entry among all entries ever taken), so that a record read
        // again after a restart is still counted a duplicate.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "CREATE TABLE dedupe (first INTEGER PRIMARY KEY NOT NULL, hashes BLOB NOT NULL)")
        }
        return migrator
    }

    /// The newest migration this build knows.
    static let latest = "v3"
}
