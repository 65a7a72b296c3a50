import ArgumentParser
import TrailGridCore

/// `trailgrid check`: the coverage grid headless, for CI and cron.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print the coverage verdict of every account × region; exit 1 if any cell fails.",
        discussion: """
            Reads an inventory directory (as `trailgrid collect` writes it) and, optionally, event \
            feeds, which update the inventory (trail, rule and region changes) and add channel \
            evidence (trail-channel activity with no real-time event within the heartbeat window).

            A missing inventory file is not an error: what it would have said is UNKNOWN, never \
            "none", and check lists on stderr which files were missing and what each leaves unknown \
            (no accounts.json: organization membership; no trails.json in a region: a regional trail \
            there). An unreadable file is an error, and so is an inventory without any account, or a \
            file collect could not write (its collect-errors.txt names the failed call, and so does \
            each cell it leaves UNKNOWN).

            Exit status:
              0  no cell has a verdict in --fail-on
              1  some cell has one
              2  a usage error, an unreadable --events or --config, or an inventory that is empty \
            or has unreadable or uncollected files (the grid is printed first; with --allow-partial, check judges \
            what it could read and exits 0 or 1 instead)
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(name: .long, help: "Inventory directory (accounts.json, <account>/<region>/trails.json, …).")
    var inventory: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Event feed files or directories.")
    var events: [String] = []

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .table

    @Option(name: .customLong("fail-on"), help: "Comma-separated verdicts that fail the check (default BLIND,DARK,STOPPED).")
    var failOn: String = "BLIND,DARK,STOPPED"

    @Option(name: [.customLong("heartbeat"), .customLong("heartbeat-minutes")], help: ArgumentHelp(Heartbeat.help))
    var heartbeat = Heartbeat(minutes: 15)

    @Option(name: .long, help: "Judge as of this time (ISO-8601) instead of now.")
    var now: String?

    @Flag(name: .customLong("allow-partial"), help: "Judge an inventory with unreadable or uncollected files (or none) without exiting 2: their cells are UNKNOWN.")
    var allowPartial = false

    @OptionGroup var watchOptions: WatchOptions

    func validate() throws {
        if inventory == nil && events.isEmpty {
            throw ValidationError("give an inventory directory with --inventory DIR, event feeds with --events PATH, or both")
        }
    }

    func run() async throws {
        let failing = try parseVerdicts(failOn)
        let clock: Int64
        if let now {
            guard let parsed = Timestamp.parseMilliseconds(now) else {
                StandardStreams.error("trailgrid: --now: not an ISO-8601 time: \(now)")
                throw ExitCode(2)
            }
            clock = parsed
        } else {
            clock = wallClockMilliseconds()
        }
        let watches = try watchOptions.load().watches

        let inventoryValue = try loadInventory(inventory, warn: false)
        var model = CoverageModel(inventory: inventoryValue, watches: watches,
                                  options: CoverageOptions(heartbeatWindow: heartbeat.milliseconds))
        if !events.isEmpty { try await ingest(into: &model, watches: watches) }

        let reports = model.reports(now: clock)
        let order = watches.map(\.name)
        switch format {
        case .table: StandardStreams.write(CoverageReportFormat.table(reports, attention: failing.union([.silent])))
        case .json: StandardStreams.write(CoverageReportFormat.json(reports, watchOrder: order))
        case .csv: StandardStreams.write(CoverageReportFormat.csv(reports, watchOrder: order))
        }
        if inventory != nil { try reportGaps(InventoryGaps(inventoryValue, cells: reports.filter { $0.verdict != .off }.map { CellKey(account: $0.account, region: $0.region) })) }
        if reports.contains(where: { failing.contains($0.verdict) }) { throw ExitCode(1) }
    }

    /// Says on stderr which inventory files were missing or unreadable, and
    /// exits 2 when some could not be read (unless --allow-partial).
    func reportGaps(_ gaps: InventoryGaps) throws {
        for line in gaps.lines { StandardStreams.error("trailgrid: inventory: \(line)") }
        guard gaps.isIncomplete else { return }
        if allowPartial {
            StandardStreams.error("trailgrid: inventory incomplete; judged what could be read (--allow-partial)")
            return
        }
        StandardStreams.error("trailgrid: inventory incomplete: exit 2 (--allow-partial judges what could be read)")
        throw ExitCode(2)
    }

    func parseVerdicts(_ text: String) throws -> Set<Verdict> {
        var result = Set<Verdict>()
        for word in text.split(separator: ",") {
            let trimmed = word.trimmingCharacters(in: " ").uppercased()
            guard let verdict = Verdict(rawValue: trimmed) else {
                StandardStreams.error("trailgrid: --fail-on: unknown verdict \(trimmed) (use \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            result.insert(verdict)
        }
        return result
    }

    func ingest(into model: inout CoverageModel, watches: [Watch]) async throws {
        let ingester: Ingester
        do {
            var options = IngestOptions()
            options.keepRejects(in: nil)
            ingester = try Ingester(paths: events, options: options, matcher: WatchMatcher(watches: watches))
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let reader = Task { await ingester.run() }
        for await batch in ingester.batches { model.apply(batch.events) }
        await reader.value
        for warning in ingester.warnings { StandardStreams.error("trailgrid: warning: \(warning)") }
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
