import Foundation
import TestProcesses
import Testing
import TrailGridCore
@testable import TrailGridStore

/// The state file keeps what a batch taught, refuses files it must not
/// write into, and migrates files of its first schema.
@Suite struct StateStoreTests {
    let inputs = "events=[/feeds] inventory=/inventory"

    func delta(arrivals: Int) -> StateDelta {
        var delta = StateDelta()
        let stop = trailEvent("StopLogging", id: "e-stop")
        let cell = CellKey(account: "111122223333", region: "us-east-1")
        delta.facts = [StoredFact(arrival: 3, event: stop)]
        delta.cellsSeen = [StoredCellSighting(cell: cell, arrival: 0)]
        delta.evidence[cell] = StoredEvidence(lastRealtime: nil, lastTrail: 1_764_471_600_000, realtimeCount: 0, trailCount: 4,
                                              forwardedWatches: ["cloudtrail-changes"], unanswered: [1_764_471_600_000])
        delta.feedRows = [StoredFeedRow(sequence: 0, event: stop, channels: [.trail], watches: ["cloudtrail-changes"], changedCoverage: true)]
        delta.incidents = [Incident(id: "e-stop", time: stop.timestamp, eventTime: stop.eventTime, eventName: "StopLogging",
                                    principal: stop.principal, sourceIPAddress: "203.0.113.9", account: cell.account, region: cell.region,
                                    summary: "trail org stopped logging", cells: [cell], before: [cell: .ok], after: [cell: .stopped],
                                    openedAt: 1_764_471_700_000)]
        var counters = IngestCounters()
        counters.accepted = 4
        counters.rejected = 1
        counters.rejectedByKind[.badJSON] = 1
        counters.bytesRead = 9000
        delta.counters = counters
        delta.arrivals = arrivals
        delta.checkpoint = Checkpoint(entries: [Checkpoint.Entry(path: "/feeds/trail.jsonl", identity: FileIdentity(device: 2049, inode: 77), offset: 9000)])
        return delta
    }

    @Test func aBatchRoundTripsThroughTheFile() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        do {
            let store = try StateStore.open(path: path, inputs: inputs)
            try store.commit(delta(arrivals: 4), now: 1_764_471_700_000)
        }
        let store = try StateStore.open(path: path, inputs: inputs)
        let stored = try store.load(feedLimit: 100)
        let expected = delta(arrivals: 4)
        #expect(stored.inputs == inputs)
        #expect(stored.checkpoint == expected.checkpoint)
        #expect(stored.counters == expected.counters)
        #expect(stored.arrivals == 4)
        #expect(stored.facts == expected.facts)
        #expect(stored.sightings == expected.cellsSeen)
        #expect(stored.evidence == expected.evidence)
        #expect(stored.feed == expected.feedRows)
        #expect(stored.incidents == expected.incidents)
        #expect(stored.storedEvents == 1)
    }

    @Test func anAcknowledgementReplacesTheIncidentAndAChannelJoinsItsRow() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(path: directory + "/state.sqlite", inputs: inputs)
        let first = delta(arrivals: 4)
        try store.commit(first, now: 0)
        var acknowledged = first.incidents[0]
        acknowledged.acknowledgedBy = "oncall"
        acknowledged.acknowledgedAt = 1_764_472_000_000
        var second = StateDelta()
        second.incidents = [acknowledged]
        var row = first.feedRows[0]
        row.channels = [.trail, .realtime]
        second.feedRows = [row]
        try store.commit(second, now: 0)
        let stored = try store.load(feedLimit: 10)
        #expect(stored.incidents == [acknowledged])
        #expect(stored.feed.map(\.channels) == [[.trail, .realtime]])
        // A delta without positions leaves the positions alone.
        #expect(stored.checkpoint == first.checkpoint)
    }

    @Test func eventsAgeOutByCountAndAreCounted() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(path: directory + "/state.sqlite", inputs: inputs, retention: .init(window: 86_400_000, maxEvents: 3))
        let event = trailEvent("StopLogging", id: "e-1")
        var delta = StateDelta()
        delta.feedRows = (0..<5).map { StoredFeedRow(sequence: $0, event: event, channels: [.trail], watches: [], changedCoverage: false) }
        try store.commit(delta, now: 100_000_000)
        let stored = try store.load(feedLimit: 10)
        #expect(stored.feed.map(\.sequence) == [2, 3, 4])
        #expect(stored.agedOut == 2)
        // Older than the window: gone at the next pass, and counted.
        try store.commit(StateDelta(), now: 100_000_000 + 86_400_000 + StateStore.ageOutInterval + 1)
        let later = try store.load(feedLimit: 10)
        #expect(later.feed.isEmpty)
        #expect(later.agedOut == 5)
    }

    /// The duplicate window's entries come back oldest first across
    /// batches, and rows wholly older than the window are dropped.
    @Test func theDuplicateWindowIsKeptWithinItsSize() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        do {
            let store = try StateStore.open(path: path, inputs: inputs, retention: .init(dedupeWindow: 5))
            for batch in [[1, 2, 3], [4, 5], [6, 7, 8]] as [[UInt64]] {
                var delta = StateDelta()
                delta.dedupeAdded = batch
                try store.commit(delta, now: 1_000)
            }
        }
        let stored = try StateStore.open(path: path, inputs: inputs).load(feedLimit: 0)
        // [1, 2, 3] held nothing of the newest five (4…8) and went; [4, 5] stays whole.
        #expect(stored.dedupe == [4, 5, 6, 7, 8])
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        try Data("{\"not\": \"a database\"}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StateStoreError.foreign(path: path, detail: "not a SQLite database")) {
            try StateStore.open(path: path, inputs: inputs)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"not\": \"a database\"}\n")
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/other.sqlite"
        let made = try ChildProcess.run(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", path])
        try #require(made.status == 0, "\(made.stderr)")
        do {
            _ = try StateStore.open(path: path, inputs: inputs)
            Issue.record("another program's database was opened")
        } catch {
            guard case .foreign = error else { Issue.record("expected foreign, got \(error)"); return }
            #expect(error.description.contains("--reset-state"))
        }
    }

    @Test func aDamagedFileSaysSoAndResetMovesItAside() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        do {
            let store = try StateStore.open(path: path, inputs: inputs)
            try store.commit(delta(arrivals: 4), now: 0)
        }
        // Keep the header, wreck the pages behind it.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for index in 100..<bytes.count { bytes[index] = 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        do {
            let store = try StateStore.open(path: path, inputs: inputs)
            _ = try store.load(feedLimit: 10)
            Issue.record("a damaged file was read")
        } catch {
            switch error {
            case .damaged, .foreign: #expect(error.description.contains("--reset-state"))
            default: Issue.record("expected damaged, got \(error)")
            }
        }
        let moved = try #require(try StateStore.moveAside(path: path, now: 1_764_471_600_000))
        #expect(moved.hasPrefix(path + ".2025-11-30T030000"))
        #expect(FileManager.default.fileExists(atPath: moved))
        #expect(!FileManager.default.fileExists(atPath: path))
        // A fresh file starts where the damaged one was.
        let fresh = try StateStore.open(path: path, inputs: inputs)
        #expect(try fresh.load(feedLimit: 10).facts.isEmpty)
    }

    @Test func aSecondDashboardOnTheSameFileIsRefused() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        let first = try StateStore.open(path: path, inputs: inputs)
        do {
            _ = try StateStore.open(path: path, inputs: inputs)
            Issue.record("a second writer opened the file")
        } catch {
            #expect(error == .locked(path: path, holder: "pid \(getpid())"))
        }
        // A reader beside it is fine.
        try first.commit(delta(arrivals: 4), now: 0)
        #expect(try StateStore.openReadOnly(path: path).incidents().count == 1)
    }

    @Test func otherInputsNeverShareAFile() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        _ = try StateStore.open(path: path, inputs: inputs)
        #expect(throws: StateStoreError.otherInputs(path: path, stored: inputs, given: "events=[/elsewhere] inventory=none")) {
            try StateStore.open(path: path, inputs: "events=[/elsewhere] inventory=none")
        }
    }

    @Test func aReadOnlyDirectoryIsUnwritableNotFatal() throws {
        guard getuid() != 0 else {
            // root writes anywhere: make the path impossible instead.
            #expect {
                try StateStore.open(path: "/proc/trailgrid/state.sqlite", inputs: inputs)
            } throws: { error in
                guard let error = error as? StateStoreError, case .unwritable = error else { return false }
                return true
            }
            return
        }
        let directory = scratchDirectory()
        defer {
            chmod(directory, 0o755)
            try? FileManager.default.removeItem(atPath: directory)
        }
        chmod(directory, 0o555)
        #expect {
            try StateStore.open(path: directory + "/state.sqlite", inputs: inputs)
        } throws: { error in
            guard let error = error as? StateStoreError, case .unwritable = error else { return false }
            return true
        }
    }

    @Test func aFileOfTheFirstSchemaMigratesWithItsContents() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        // Written as the first trailgrid with a state file wrote it.
        do {
            let queue = try GRDBTestSupport.queue(path)
            try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(StateSchema.applicationID)") }
            try StateSchema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('inputs', ?), ('arrivals', '7')", arguments: [inputs])
                try db.execute(sql: """
                    INSERT INTO incidents (id, opened, document) VALUES ('e-stop', 1, ?)
                    """, arguments: [JSONWriter.serialize(delta(arrivals: 7).incidents[0].json)])
            }
        }
        let store = try StateStore.open(path: path, inputs: inputs)
        let stored = try store.load(feedLimit: 10)
        #expect(stored.arrivals == 7)
        #expect(stored.incidents.map(\.id) == ["e-stop"])
        #expect(try GRDBTestSupport.hasIndex("events_by_stored_at", path))
        try store.commit(delta(arrivals: 8), now: 5)
        #expect(try store.load(feedLimit: 10).feed.count == 1)
    }
}
