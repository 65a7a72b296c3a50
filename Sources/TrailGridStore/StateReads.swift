import Foundation
import GRDB
import TrailGridCore

/// Reading a state file back into values.
enum StateReads {
    static func load(_ db: Database, feedLimit: Int) throws -> StoredState {
        var state = StoredState()
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row["key"]] = row["value"] }
        state.inputs = meta["inputs"]
        state.counters = meta["counters"].flatMap(CountersCodec.decode)
        state.arrivals = meta["arrivals"].flatMap { Int($0) } ?? 0
        state.agedOut = meta["agedOut"].flatMap { Int($0) } ?? 0

        for row in try Row.fetchAll(db, sql: "SELECT device, inode, path, offset FROM positions ORDER BY rowid") {
            let identity = FileIdentity(device: UInt64(bitPattern: row["device"]), inode: UInt64(bitPattern: row["inode"]))
            state.checkpoint.entries.append(Checkpoint.Entry(path: row["path"], identity: identity, offset: row["offset"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT arrival, file, offset, raw FROM facts ORDER BY rowid") {
            let data: Data = row["raw"]
            if let event = CloudTrailEvent.restored(raw: [UInt8](data), origin: RecordOrigin(file: row["file"], offset: row["offset"])) {
                state.facts.append(StoredFact(arrival: row["arrival"], event: event))
            } else {
                state.unreadableFacts += 1
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT account, region, first_seen, last_realtime, last_trail, realtime_count, trail_count, forwarded, unanswered
            FROM cells ORDER BY first_seen
            """) {
            let cell = CellKey(account: row["account"], region: row["region"])
            if let arrival: Int = row["first_seen"] { state.sightings.append(StoredCellSighting(cell: cell, arrival: arrival)) }
            let realtime: Int = row["realtime_count"]
            let trail: Int = row["trail_count"]
            guard realtime + trail > 0 else { continue }
            state.evidence[cell] = StoredEvidence(
                lastRealtime: row["last_realtime"], lastTrail: row["last_trail"], realtimeCount: realtime, trailCount: trail,
                forwardedWatches: CountersCodec.strings(row["forwarded"] as String), unanswered: CountersCodec.numbers(row["unanswered"] as String)
            )
        }
        for row in try Row.fetchAll(db, sql: "SELECT hashes FROM dedupe ORDER BY first") {
            let data: Data = row["hashes"]
            let count = data.count / 8
            data.withUnsafeBytes { bytes in
                for index in 0..<count { state.dedupe.append(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
            }
        }
        let feed = try self.feed(db, limit: feedLimit)
        state.feed = feed.rows
        state.unreadableEvents = feed.unreadable
        state.storedEvents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
        state.incidents = try incidents(db)
        return state
    }

    /// The newest `limit` stored events, oldest first.
    static func feed(_ db: Database, limit: Int) throws -> (rows: [StoredFeedRow], unreadable: Int) {
        var rows: [StoredFeedRow] = []
        var unreadable = 0
        let sql = """
            SELECT sequence, channels, watches, changed_coverage, file, offset, raw FROM events
            ORDER BY sequence DESC LIMIT ?
            """
        for row in try Row.fetchAll(db, sql: sql, arguments: [limit == .max ? -1 : limit]).reversed() {
            let data: Data = row["raw"]
            guard let event = CloudTrailEvent.restored(raw: [UInt8](data), origin: RecordOrigin(file: row["file"], offset: row["offset"])) else {
                unreadable += 1
                continue
            }
            let channels = Set((row["channels"] as String).split(separator: ",").compactMap { Channel(rawValue: String($0)) })
            rows.append(StoredFeedRow(sequence: row["sequence"], event: event, channels: channels.isEmpty ? [event.channel] : channels,
                                      watches: CountersCodec.strings(row["watches"] as String), changedCoverage: row["changed_coverage"]))
        }
        return (rows, unreadable)
    }

    static func incidents(_ db: Database) throws -> [Incident] {
        try String.fetchAll(db, sql: "SELECT document FROM incidents ORDER BY opened, rowid").compactMap { text in
            (try? JSONParser.parse(text)).flatMap(Incident.init(json:))
        }
    }
}
