import Foundation
import GRDB
import TrailGridCore

/// The statements one delta becomes (inside the caller's transaction).
enum StateWrites {
    static func insert(_ delta: StateDelta, storedAt now: Int64, into db: Database) throws {
        if !delta.facts.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO facts (arrival, event_id, event_time, file, offset, raw) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for fact in delta.facts {
                let event = fact.event
                try statement.execute(arguments: [fact.arrival, event.eventID, event.timestamp, event.origin.file,
                                                  event.origin.offset, Data(event.raw)])
            }
        }
        if !delta.cellsSeen.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO cells (account, region, first_seen) VALUES (?, ?, ?)
                ON CONFLICT(account, region) DO UPDATE SET first_seen = COALESCE(first_seen, excluded.first_seen)
                """)
            for sighting in delta.cellsSeen {
                try statement.execute(arguments: [sighting.cell.account, sighting.cell.region, sighting.arrival])
            }
        }
        if !delta.evidence.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO cells (account, region, last_realtime, last_trail, realtime_count, trail_count, forwarded, unanswered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(account, region) DO UPDATE SET
                    last_realtime = excluded.last_realtime, last_trail = excluded.last_trail,
                    realtime_count = excluded.realtime_count, trail_count = excluded.trail_count,
                    forwarded = excluded.forwarded, unanswered = excluded.unanswered
                """)
            for (cell, evidence) in delta.evidence {
                try statement.execute(arguments: [
                    cell.account, cell.region, evidence.lastRealtime, evidence.lastTrail, evidence.realtimeCount,
                    evidence.trailCount, CountersCodec.strings(evidence.forwardedWatches), CountersCodec.numbers(evidence.unanswered),
                ])
            }
        }
        if !delta.feedRows.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO events (sequence, event_id, event_time, channels, watches, changed_coverage, file, offset, raw, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(sequence) DO UPDATE SET channels = excluded.channels, changed_coverage = excluded.changed_coverage
                """)
            for row in delta.feedRows {
                let event = row.event
                try statement.execute(arguments: [
                    row.sequence, event.eventID, event.timestamp, channelsText(row.channels), CountersCodec.strings(row.watches),
                    row.changedCoverage, event.origin.file, event.origin.offset, Data(event.raw), now,
                ])
            }
        }
        if !delta.incidents.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO incidents (id, opened, document) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET document = excluded.document
                """)
            for incident in delta.incidents {
                try statement.execute(arguments: [incident.id, incident.openedAt, JSONWriter.serialize(incident.json)])
            }
        }
        if delta.arrivals > 0 { try setMeta("arrivals", String(delta.arrivals), db) }
        if let counters = delta.counters { try setMeta("counters", CountersCodec.encode(counters), db) }
        if let checkpoint = delta.checkpoint {
            try db.execute(sql: "DELETE FROM positions")
            let statement = try db.cachedStatement(sql: "INSERT INTO positions (device, inode, path, offset) VALUES (?, ?, ?, ?)")
            for entry in checkpoint.entries {
                try statement.execute(arguments: [Int64(bitPattern: entry.identity.device), Int64(bitPattern: entry.identity.inode),
                                                  entry.path, entry.offset])
            }
        }
    }

    /// Appends a batch's duplicate-window entries as one row, and drops the
    /// rows wholly older than the newest `window` entries.
    static func appendDedupe(_ hashes: [UInt64], keeping window: Int, into db: Database) throws {
        guard !hashes.isEmpty else { return }
        let total = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dedupeTotal'").flatMap { Int($0) } ?? 0
        let blob = hashes.withUnsafeBytes { Data($0) }
        try db.cachedStatement(sql: "INSERT INTO dedupe (first, hashes) VALUES (?, ?)").execute(arguments: [total, blob])
        let newTotal = total + hashes.count
        try setMeta("dedupeTotal", String(newTotal), db)
        try db.cachedStatement(sql: "DELETE FROM dedupe WHERE first + length(hashes) / 8 <= ?")
            .execute(arguments: [newTotal - window])
    }

    static func setMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [key, value])
    }

    static func channelsText(_ channels: Set<Channel>) -> String {
        Channel.allCases.filter(channels.contains).map(\.rawValue).joined(separator: ",")
    }
}
