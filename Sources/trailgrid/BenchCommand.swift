import ArgumentParser
import TrailGridCore

/// `trailgrid bench`: the measurements of DESIGN §8 on this machine, with
/// the baselines (jq, Python) run on the same corpus in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest throughput and memory against jq and Python on the same corpus.",
        discussion: """
            Generates a corpus of `aws kinesis get-records` records (JSON Lines, base64 EventBridge envelopes of \
            real CloudTrail records), or takes one with --corpus, and measures the real ingester on it (decode, \
            parse, de-duplicate, match every built-in watch), each measurement the median of --runs runs. When jq \
            and python3 are installed they select one event name from the same file and the ratios are printed. \
            --events N streams N more events through a followed directory to show memory stays flat. \
            Machines are noisy: compare ratios within one run.
            """
    )

    @Option(name: .long, help: "Records in the generated corpus.")
    var count = 100_000

    @Option(name: .long, help: "Measure this get-records JSON Lines file instead of a generated one.")
    var corpus: String?

    @Option(name: .customLong("save-corpus"), help: "Write the generated corpus to this file and keep it.")
    var saveCorpus: String?

    @Option(name: .customLong("cloudtrail-records"), help: "Build the corpus from these CloudTrail records (JSON Lines) instead of the embedded ones.")
    var cloudTrailRecords: String?

    @Option(name: .long, help: "Runs of each measurement (the median is reported): rounds of trailgrid, jq and Python back to back.")
    var runs = 5

    @Option(name: .long, help: "Add N generated watches mixing every pattern operator.")
    var watches = 0

    @Option(name: .long, help: "Stream N events through the ingester to measure memory (e.g. 10000000); 0 skips it.")
    var events = 0

    @Flag(name: .long, help: "Skip the jq and Python baselines.")
    var noBaselines = false

    @Flag(name: .long, help: "Skip the dashboard render measurements.")
    var noRender = false

    @Option(name: .customLong("store-events"), help: "Demo events read through the dashboard's pipeline with the state store off and on; 0 skips it.")
    var storeEvents = 200_000

    @Option(name: .long, help: "Seed of the corpus generator.")
    var seed: UInt64 = 7

    @Flag(name: .long, help: "Print JSON instead of the table.")
    var json = false

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if watches < 0 || events < 0 || storeEvents < 0 { throw ValidationError("--watches, --events and --store-events cannot be negative") }
    }

    func run() async throws {
        var options = BenchOptions()
        options.count = count
        options.corpusPath = corpus
        options.saveCorpusPath = saveCorpus
        options.cloudTrailRecordsPath = cloudTrailRecords
        options.runs = runs
        options.extraWatches = watches
        options.streamEvents = events
        options.baselines = !noBaselines
        options.seed = seed
        var report: BenchReport
        do {
            report = try await BenchRunner.run(options) { StandardStreams.error("bench: " + $0) }
        } catch {
            StandardStreams.error("trailgrid: bench: \(error)")
            throw ExitCode(2)
        }
        if !noRender {
            report.render = await RenderBenchmark.run(runs: runs) { StandardStreams.error("bench: " + $0) }
        }
        if storeEvents > 0 {
            report.store = await StoreBenchmark.run(events: storeEvents, runs: runs) { StandardStreams.error("bench: " + $0) }
        }
        StandardStreams.write(json ? report.json : report.table)
    }
}
