import TrailGridCore

/// Why a state file cannot be used, each with the way out a user can take.
public enum StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not SQLite, or SQLite written by something else.
    case foreign(path: String, detail: String)
    /// SQLite that fails to read (a torn disk, a truncated copy).
    case damaged(path: String, detail: String)
    /// Written by a newer trailgrid than this one.
    case tooNew(path: String, migration: String)
    /// Another trailgrid holds it.
    case locked(path: String, holder: String)
    /// Kept for another set of feeds and inventory.
    case otherInputs(path: String, stored: String, given: String)
    /// The directory or file cannot be written (read-only, full, no permission).
    case unwritable(path: String, detail: String)

    public var path: String {
        switch self {
        case .foreign(let path, _), .damaged(let path, _), .tooNew(let path, _), .locked(let path, _),
             .otherInputs(let path, _, _), .unwritable(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .foreign(let path, let detail):
            return "\(path) is not a trailgrid state file (\(detail)); give another --state, or --reset-state to move it aside"
        case .damaged(let path, let detail):
            return "state file \(path) is damaged (\(detail)); --reset-state moves it aside and starts afresh"
        case .tooNew(let path, let migration):
            return "state file \(path) was written by a newer trailgrid (schema \(migration)); upgrade trailgrid or give another --state"
        case .locked(let path, let holder):
            return "state file \(path) is in use by another trailgrid (\(holder)); quit that one or give another --state"
        case .otherInputs(let path, let stored, let given):
            return "state file \(path) belongs to other inputs (\(stored)), not these (\(given)); give another --state, or --reset-state to start it afresh"
        case .unwritable(let path, let detail):
            return "state file \(path) cannot be written (\(detail))"
        }
    }
}
