import ArgumentParser
import Foundation
import TrailGridCore
import TrailGridStore
import TrailGridTerminal

/// `trailgrid demo`: the dashboard on a simulated organization, fed live
/// through the real ingester (DESIGN §4).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a simulated organization with a live feed.",
        discussion: """
            A dozen accounts across the 34 commercial regions, with a realistic mix of OK, BLIND, DARK, \
            STOPPED and OFF cells. A simulator writes Kinesis record files into a temporary folder, and \
            the real ingester tails it; part-way through, someone stops a trail and deletes a rule.
            """
    )

    @Option(name: .long, help: "Seed of the simulated organization and its activity.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Simulated API calls per second.")
    var rate = 20

    @Option(name: .long, help: ArgumentHelp(Heartbeat.help))
    var heartbeat = Heartbeat(seconds: 30)

    @Option(name: .long, help: "Theme name or YAML file (t cycles).")
    var theme: String?

    @Flag(name: .long, help: "Keep the temporary folder (inventory, feed, quarantine) and print its path.")
    var keep = false

    @OptionGroup var watchOptions: WatchOptions

    func run() async throws {
        let config = try watchOptions.load()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer {
            if keep {
                StandardStreams.error("demo files kept in \(directory)")
            } else {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let organization = DemoOrganization(seed: seed)
        let inventory: Inventory
        let writer: DemoFeedWriter
        var options = IngestOptions()
        do {
            try DemoInventoryWriter.write(organization, to: directory + "/inventory")
            inventory = try InventoryReader.read(directory: directory + "/inventory")
            writer = try DemoFeedWriter(organization: organization, directory: directory + "/feed", seed: seed, eventsPerSecond: rate)
            options.follow = true
            options.pollInterval = .milliseconds(100)
            options.quarantinePath = directory + "/quarantine.jsonl"
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let simulator = Task { await writer.run(clock: { wallClockMilliseconds() }) }
        defer { simulator.cancel() }

        let matcher = WatchMatcher(watches: config.watches)
        let ingester = try Ingester(paths: [directory + "/feed"], options: options, matcher: matcher)
        let coverage = CoverageModel(inventory: inventory, watches: config.watches, options: CoverageOptions(heartbeatWindow: heartbeat.milliseconds))
        // A state file of its own, in the folder removed on exit: the staged
        // StopLogging and DeleteRule open incidents a newcomer can list (I) and acknowledge (A).
        let store: StateStore
        do {
            store = try StateStore.open(path: directory + "/state.sqlite", inputs: "demo seed \(seed)")
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let runner = DashboardRunner(
            coverage: coverage, watches: config.watches,
            organization: "demo \(organization.organizationID) (\(organization.accounts.count) accounts)",
            ingester: ingester, themeName: theme, store: store
        )
        try await runDashboard(runner)
    }
}

/// Runs the dashboard and turns "no terminal" into a clear one-line error.
func runDashboard(_ runner: DashboardRunner) async throws {
    do {
        // A signal ends the session with the shell's convention, 128 + the
        // signal (130 for Ctrl-C), so a script can tell it from `q`.
        if case .signal(let number) = try await runner.run() { throw ExitCode(128 + number) }
    } catch let error as TerminalError {
        StandardStreams.error("trailgrid: \(error)")
        throw ExitCode(2)
    }
}
