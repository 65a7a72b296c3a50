import ArgumentParser
import TrailGridCore

/// `trailgrid probe`: would this event, made in each account × region,
/// reach a sink? The headless form of the dashboard's `w`.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Would this event, made in every account × region, reach alerting? Exit 1 if some cell it does not reach.",
        discussion: """
            The event file holds a CloudTrail record or an EventBridge event (`detail` a CloudTrail \
            record). In each cell of the inventory the event is placed as a call made there would be \
            (its account and region replaced by the cell's): a logging trail must record it, an \
            enabled rule on the cell's default bus must match it, and the rule's targets must deliver \
            it to a sink, through any event buses on the way, each hop checked as `check` checks \
            a watch's. A hop leaving the inventory is not verified (json: "reaches": null).

            Cells where the call cannot be made or is not recorded (region off, or a global \
            service's event, which is recorded in us-east-1 only) are not judged.

            Exit status:
              0  the event reaches a sink from every judged cell
              1  some judged cell it does not reach, or does not reach verifiably
              2  a usage error, an unreadable or invalid event file, an unreadable inventory or --config
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: "Inventory directory (as `trailgrid collect` writes it).")
    var inventory: String

    @Option(name: .long, help: "A file holding one CloudTrail record or EventBridge event.")
    var event: String

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var watchOptions: WatchOptions

    func run() throws {
        let text = try textArgument("@" + event)
        let probe: ProbeEvent
        do {
            probe = try ProbeEvent.parse(json: text)
        } catch {
            StandardStreams.error("trailgrid: \(event): \(error)")
            throw ExitCode(2)
        }
        let watches = try watchOptions.load().watches
        let model = CoverageModel(inventory: try loadInventory(inventory), watches: watches)
        let result = model.probe(probe)
        switch format {
        case .table: StandardStreams.write(EventProbeFormat.table(result))
        case .json: StandardStreams.write(EventProbeFormat.json(result))
        }
        if !result.reachesEverywhere { throw ExitCode(1) }
    }
}
