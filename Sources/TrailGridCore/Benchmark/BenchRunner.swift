/// What `trailgrid bench` measures, and how.
public struct BenchOptions: Sendable {
    /// Events in the generated corpus (ignored with `corpusPath`).
    public var count = 100_000
    /// An existing get-records JSON Lines file to measure instead.
    public var corpusPath: String?
    /// Where to write the generated corpus and keep it (for profiling, or to
    /// measure other tools on it); nil: a temporary file, removed after.
    public var saveCorpusPath: String?
    /// CloudTrail records (JSON Lines) to build the corpus from; nil: the embedded real ones.
    public var cloudTrailRecordsPath: String?
    /// Runs per measurement; the median is reported.
    public var runs = 5
    /// Generated watches added to the built-in ones.
    public var extraWatches = 0
    /// Events streamed through the ingester for the memory run (0: skipped).
    public var streamEvents = 0
    /// Run jq and Python on the corpus when they are installed.
    public var baselines = true
    /// The event name the baselines select.
    public var baselineEventName = "StopLogging"
    public var seed: UInt64 = 7

    public init() {}
}

/// Runs the measurements of DESIGN §8 that need no terminal: ingest
/// throughput against the baselines, and memory over a long stream.
///
/// Render timing (a 500×34 frame, key-to-frame latency) belongs to the
/// dashboard; `BenchReport.render` is filled by the executable's render hook.
public enum BenchRunner {
    public static func run(_ options: BenchOptions, log: @escaping @Sendable (String) -> Void = { _ in }) async throws(BenchError) -> BenchReport {
        let watches = BuiltInWatches.all + (try GeneratedWatches.make(options.extraWatches))
        let matcher = WatchMatcher(watches: watches)
        let records = try options.cloudTrailRecordsPath.map { (path) throws(BenchError) in try BenchCorpus.records(inFile: path) } ?? []
        var corpusOptions = BenchCorpus.Options()
        corpusOptions.seed = options.seed
        let corpus = try BenchCorpus(records: records, options: corpusOptions)

        let scratch = try BenchSystem.makeTemporaryDirectory("trailgrid-bench")
        defer { BenchSystem.removeDirectory(scratch) }
        let corpusPath: String
        if let given = options.corpusPath {
            corpusPath = given
        } else {
            corpusPath = options.saveCorpusPath ?? scratch + "/corpus.jsonl"
            log("generating \(options.count) records…")
            var generator = corpus
            try generator.write(count: options.count, to: corpusPath)
        }

        var report = BenchReport()
        report.watchCount = watches.count
        report.runs = max(1, options.runs)

        // Rounds, each running trailgrid and then every baseline back to
        // back: a slow spell of a shared machine (runs here vary by ±15%,
        // for minutes at a time) then slows all of them alike, and each
        // ratio is taken within a round.
        let tools = options.baselines ? Baseline.allCases : []
        var ingestRuns: [IngestRun] = []
        var baselineRuns: [Baseline: [BaselineRun]] = [:]
        var missing: Set<Baseline> = []
        for run in 1...report.runs {
            log("ingest run \(run)/\(report.runs)…")
            let ingest = try await IngestBenchmark.run(path: corpusPath, matcher: matcher)
            ingestRuns.append(ingest)
            for tool in tools where !missing.contains(tool) {
                log("\(tool.rawValue) run \(run)/\(report.runs)…")
                guard let result = try tool.measure(
                    eventName: options.baselineEventName, corpus: corpusPath, events: ingest.events, scriptDirectory: scratch
                ) else {
                    missing.insert(tool)
                    continue
                }
                baselineRuns[tool, default: []].append(result)
            }
        }
        report.ingest = median(ingestRuns, by: \.seconds)
        report.corpus = BenchReport.Corpus(path: options.corpusPath, events: report.ingest?.events ?? 0, bytes: report.ingest?.bytes ?? 0)
        for tool in tools {
            guard let runs = baselineRuns[tool], let middle = median(runs, by: \.seconds) else { continue }
            report.baselines.append(middle)
            let ratios = zip(ingestRuns, runs).map { ingest, baseline in ingest.eventsPerSecond / baseline.eventsPerSecond }
            report.pairedRatios[tool] = median(ratios, by: { $0 })
        }

        if options.streamEvents > 0 {
            log("streaming \(options.streamEvents) events through a followed directory…")
            report.stream = try await StreamBenchmark.run(events: options.streamEvents, corpus: corpus, matcher: matcher) { read in
                log("  \(read) events streamed, RSS \(BenchSystem.currentRSSBytes().map(BenchReport.megabytes) ?? "?")")
            }
        }
        report.peakRSS = BenchSystem.peakRSSBytes()
        return report
    }

    static func median<T>(_ values: [T], by key: (T) -> Double) -> T? {
        let sorted = values.sorted { key($0) < key($1) }
        return sorted.isEmpty ? nil : sorted[sorted.count / 2]
    }
}
