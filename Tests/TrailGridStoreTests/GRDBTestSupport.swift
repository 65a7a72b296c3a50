import GRDB

/// Direct access to a state file, for writing one as an older trailgrid did.
enum GRDBTestSupport {
    static func queue(_ path: String) throws -> DatabaseQueue {
        try DatabaseQueue(path: path)
    }

    static func hasIndex(_ name: String, _ path: String) throws -> Bool {
        try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name]) == 1
        }
    }
}
