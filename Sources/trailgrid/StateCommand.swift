import ArgumentParser
import TrailGridCore
import TrailGridStore

/// `trailgrid state`: what a dashboard's state file would show on restart,
/// headless — each cell's verdict, the timeline, incidents, counters and
/// the stored feed. Read beside a running dashboard (WAL lets a reader in),
/// and what the restart tests compare an interrupted run with an
/// uninterrupted one by.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Print what a dashboard's state file holds, as JSON: verdicts, timeline, incidents, counters, feed."
    )

    @Option(name: .long, help: "State file (as `watch --state`).")
    var state: String

    @Option(name: .long, help: "The inventory the dashboard was given, for the verdicts (without it: events only).")
    var inventory: String?

    @Option(name: .long, help: ArgumentHelp(Heartbeat.help))
    var heartbeat = Heartbeat(minutes: 15)

    @Flag(name: .long, help: "Only the counters (cheap enough to poll beside a running dashboard).")
    var counters = false

    @OptionGroup var watchOptions: WatchOptions

    func run() throws {
        if counters {
            do {
                let counted = try StateStore.openReadOnly(path: state).counters() ?? IngestCounters()
                StandardStreams.write(JSONWriter.serialize(StateDump.counters(counted), indent: 2) + "\n")
                return
            } catch {
                StandardStreams.error("trailgrid: \(error)")
                throw ExitCode(2)
            }
        }
        let config = try watchOptions.load()
        let stored: StoredState
        let events: [StoredFeedRow]
        do {
            let store = try StateStore.openReadOnly(path: state)
            stored = try store.load(feedLimit: 0)
            events = try store.storedEvents()
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        var coverage = CoverageModel(inventory: try loadInventory(inventory), watches: config.watches,
                                     options: CoverageOptions(heartbeatWindow: heartbeat.milliseconds))
        coverage.restore(facts: stored.facts, sightings: stored.sightings, evidence: stored.evidence)
        let document = StateDump.json(coverage: coverage, stored: stored, events: events, now: wallClockMilliseconds())
        StandardStreams.write(JSONWriter.serialize(document, indent: 2) + "\n")
    }
}

/// The JSON `trailgrid state` prints.
enum StateDump {
    static func json(coverage: CoverageModel, stored: StoredState, events: [StoredFeedRow], now: Int64) -> JSONValue {
        let cells = coverage.reports(now: now).map { report -> JSONValue in
            .object([
                JSONMember("cell", .string("\(report.account)/\(report.region)")),
                JSONMember("verdict", .string(report.verdict.rawValue)),
                JSONMember("reason", .string(report.reason)),
                JSONMember("timeline", .array(coverage.timeline(account: report.account, region: report.region).map { entry in
                    .string("\(entry.eventTime) \(entry.eventName) \(entry.eventID) \(entry.summary)")
                })),
            ])
        }
        let feed = events.map { row -> JSONValue in
            .object([
                JSONMember("sequence", .integer(row.sequence)),
                JSONMember("eventID", .string(row.event.eventID)),
                JSONMember("eventName", .string(row.event.eventName)),
                JSONMember("channels", .array(Channel.allCases.filter(row.channels.contains).map { .string($0.rawValue) })),
                JSONMember("watches", .array(row.watches.map(JSONValue.string))),
                JSONMember("changedCoverage", .bool(row.changedCoverage)),
            ])
        }
        return .object([
            JSONMember("counters", counters(stored.counters ?? IngestCounters())),
            JSONMember("arrivals", .integer(stored.arrivals)),
            JSONMember("facts", .integer(stored.facts.count)),
            JSONMember("storedEvents", .integer(stored.storedEvents)),
            JSONMember("agedOut", .integer(stored.agedOut)),
            JSONMember("cells", .array(cells)),
            JSONMember("incidents", .array(stored.incidents.map(\.json))),
            JSONMember("feed", .array(feed)),
        ])
    }

    static func counters(_ counters: IngestCounters) -> JSONValue {
        .object([
            JSONMember("read", .integer(counters.read)),
            JSONMember("accepted", .integer(counters.accepted)),
            JSONMember("duplicate", .integer(counters.duplicate)),
            JSONMember("skipped", .integer(counters.skipped)),
            JSONMember("rejected", .integer(counters.rejected)),
            JSONMember("bytesRead", .integer(counters.bytesRead)),
        ])
    }

}
