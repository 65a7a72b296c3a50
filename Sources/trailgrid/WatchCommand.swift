import ArgumentParser
import TrailGridCore
import TrailGridStore
import TrailGridUI

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

    @Option(name: .long, help: ArgumentHelp(Heartbeat.help))
    var heartbeat = Heartbeat(minutes: 15)

    @Option(name: .long, help: "Theme name or YAML file (t cycles).")
    var theme: String?

    @Option(name: .long, help: "Positions of an older run's checkpoint file, imported once into a new state file (watch keeps them in --state now).")
    var checkpoint: String?

    @Option(name: .long, help: "Append refused records here (default: $TRAILGRID_STATE_DIR/quarantine.jsonl).")
    var quarantine: String?

    @Option(name: .long, help: "Re-collect the inventory in the background this often (15m, 30s, 1h), with trailgrid's own AWS client (reached as --profile, --role-name, --regions and --endpoint-url say).")
    var refresh: String?

    /// With --refresh: how it reaches AWS, as `collect` does.
    @OptionGroup var access: AWSAccessOptions

    @Option(name: .long, help: "With --refresh: calls in flight at once.")
    var jobs: Int = 8

    @OptionGroup var watchOptions: WatchOptions

    @OptionGroup var stateOptions: StateOptions

    func validate() throws {
        if events.isEmpty && inventory == nil { throw ValidationError("give --events PATH and/or --inventory DIR") }
        if let refresh {
            guard InventoryRefresher.interval(refresh) != nil else { throw ValidationError("--refresh \(refresh): give a duration such as 15m, 30s or 1h") }
            guard inventory != nil else { throw ValidationError("--refresh re-collects the --inventory DIR: give it") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }
    }

    /// The background re-collect `--refresh` asks for; nil without it.
    func refresher() throws -> InventoryRefresher? {
        guard let refresh, let interval = InventoryRefresher.interval(refresh), let inventory else { return nil }
        return InventoryRefresher(settings: access.settings(regions: try access.checkedRegions(), jobs: jobs), interval: interval, directory: inventory)
    }

    func run() async throws {
        let refresher = try refresher()
        let config = try watchOptions.load()
        let loaded = try loadInventory(inventory)
        let inputs = StateOptions.inputsDescription(events: events, inventory: inventory)
        let opened = try stateOptions.open(inputs: inputs, feedLimit: DashboardState.defaultFeedCapacity)
        var options = IngestOptions()
        options.follow = true
        options.keepRejects(in: quarantine)
        options.resumeCheckpoint = opened.stored?.checkpoint
        options.resumeCounters = opened.stored?.counters
        options.resumeDedupe = opened.stored?.dedupe
        options.journalsDedupe = opened.store != nil
        if let checkpoint, let stored = opened.stored {
            options.resumeCheckpoint = try Self.migrate(checkpoint: checkpoint, into: stored, at: opened.store?.path ?? "")
        }
        let matcher = WatchMatcher(watches: config.watches)
        let ingester: Ingester
        do {
            ingester = try Ingester(paths: events, options: options, matcher: matcher)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        var coverage = CoverageModel(inventory: loaded, watches: config.watches,
                                     options: CoverageOptions(heartbeatWindow: heartbeat.milliseconds))
        if let stored = opened.stored {
            coverage.restore(facts: stored.facts, sightings: stored.sightings, evidence: stored.evidence)
        }
        let organization = loaded.accountOrder.isEmpty ? "events only" : "\(loaded.accountOrder.count) accounts"
        let runner = DashboardRunner(coverage: coverage, watches: config.watches, organization: organization,
                                     ingester: ingester, themeName: theme, store: opened.store, restored: opened.stored,
                                     stateWarning: opened.warning, refresher: refresher)
        try await runDashboard(runner)
    }

    /// `watch --checkpoint` from before the state store: its positions seed
    /// a new state file once; a state file with positions of its own refuses
    /// it, since the two could disagree about what was read.
    static func migrate(checkpoint path: String, into stored: StoredState, at statePath: String) throws -> Checkpoint {
        guard stored.checkpoint.entries.isEmpty && stored.arrivals == 0 else {
            StandardStreams.error("trailgrid: watch keeps feed positions in its state file \(statePath) now; drop --checkpoint \(path) (it is for scan)")
            throw ExitCode(2)
        }
        do {
            let checkpoint = try Checkpoint.load(from: path)
            StandardStreams.error("trailgrid: imported the feed positions of \(path) into the state file \(statePath); --checkpoint is no longer needed for watch")
            return checkpoint
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
    }
}
