import ArgumentParser
import TrailGridCore

/// `trailgrid watch`: the dashboard on real feeds and an inventory.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open the dashboard on event feeds (followed like tail -F) and an inventory."
    )

    @Option(name: .long, parsing: .upToNextOption, help: "Feed files or directories.")
    var events: [String] = []

    @Option(name: .long, help: "Inventory directory (see `trailgrid collect`); without it, cells come from events only.")
    var inventory: String?

    @Option(name: .long, help: "Minutes without a real-time event, after trail activity, before a cell is SILENT.")
    var heartbeat = 15

    @Option(name: .long, help: "Theme name or YAML file (t cycles).")
    var theme: String?

    @Option(name: .long, help: "Resume from and save feed positions to this file.")
    var checkpoint: String?

    @Option(name: .long, help: "Append refused records here (default: $TRAILGRID_STATE_DIR/quarantine.jsonl).")
    var quarantine: String?

    @OptionGroup var watchOptions: WatchOptions

    func validate() throws {
        if events.isEmpty && inventory == nil { throw ValidationError("give --events PATH and/or --inventory DIR") }
    }

    func run() async throws {
        let config = try watchOptions.load()
        let loaded = try loadInventory(inventory)
        var options = IngestOptions()
        options.follow = true
        options.checkpointPath = checkpoint
        options.keepRejects(in: quarantine)
        let matcher = WatchMatcher(watches: config.watches)
        let ingester: Ingester
        do {
            ingester = try Ingester(paths: events, options: options, matcher: matcher)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let coverage = CoverageModel(inventory: loaded, watches: config.watches,
                                     options: CoverageOptions(heartbeatWindow: Int64(heartbeat) * 60_000))
        let organization = loaded.accountOrder.isEmpty ? "events only" : "\(loaded.accountOrder.count) accounts"
        var runner = DashboardRunner(coverage: coverage, watches: config.watches, organization: organization,
                                     ingester: ingester, themeName: theme)
        runner.commitCheckpoints = checkpoint != nil
        try await runDashboard(runner)
    }
}
