import ArgumentParser
import TrailGridCore
import TrailGridStore
import TrailGridUI

/// `trailgrid incidents`: the incidents a dashboard's state file holds,
/// read beside a running dashboard (SQLite's WAL lets a reader in).
struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List the incidents kept in a dashboard's state file, newest first."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .long, help: "State file (as `watch --state`).")
    var state: String

    @Option(name: .long, help: "table or json.")
    var format: Format = .table

    @Flag(name: .long, help: "Only incidents no one has acknowledged.")
    var open = false

    func run() throws {
        let incidents: [Incident]
        do {
            incidents = try StateStore.openReadOnly(path: state).incidents()
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let listed = incidents.reversed().filter { !open || !$0.isAcknowledged }
        switch format {
        case .json:
            StandardStreams.write(JSONWriter.serialize(.array(listed.map(\.json)), indent: 2) + "\n")
        case .table:
            guard !listed.isEmpty else {
                StandardStreams.write("no incidents\n")
                return
            }
            for incident in listed {
                let status = incident.acknowledgedBy.map { "ack by \($0)" } ?? "OPEN"
                let line = "\(incident.eventTime)  \(status)  \(incident.eventName)  \(incident.account)/\(incident.region)  "
                    + "\(incident.principal)  \(incident.transitionSummary)  \(incident.summary)"
                StandardStreams.write(TextSanitizer.sanitize(line) + "\n")
            }
        }
    }
}
