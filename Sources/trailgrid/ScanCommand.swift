import ArgumentParser
import Dispatch
import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// `trailgrid scan`: the headless ingester, for pipes, cron and tests.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Decode event feeds and print each accepted event as one normalized line.",
        discussion: """
            Reads every feed form trailgrid knows (kinesis get-records output, Lambda Kinesis events, \
            JSON Lines, Firehose concatenated objects, CloudTrail log files, lookup-events output; \
            .gz included), detected by content. The last line on stderr counts every record read: \
            read=N accepted=N duplicate=N skipped=N rejected=N. Refused records are appended to the \
            quarantine file with their file, offset and reason.

            With --checkpoint and stdout redirected to a file, a restart after a crash resumes exactly \
            where the last batch ended and cuts any output written after it: nothing lost, nothing twice.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @Option(name: .long, parsing: .upToNextOption, help: "Feed files or directories (directories are read recursively).")
    var events: [String] = []

    @Argument(help: "More feed files or directories.")
    var paths: [String] = []

    @Flag(name: .long, help: "Keep following the files and directories for new data, like tail -F.")
    var follow = false

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .jsonl

    @Option(name: .long, help: "Resume from and save positions to this file.")
    var checkpoint: String?

    @Option(name: .long, help: "Append refused records here (default: $TRAILGRID_STATE_DIR/quarantine.jsonl).")
    var quarantine: String?

    @Option(name: .long, help: "How many recent events are searched for duplicates.")
    var dedupeWindow = 262_144

    @Option(name: .customLong("watch"), parsing: .upToNextOption, help: "Print only events matching these watches (see `trailgrid watches`).")
    var watchNames: [String] = []

    @Option(name: .long, help: "Print only events matching this EventBridge pattern (JSON, or @FILE).")
    var pattern: String?

    @Flag(name: .long, help: "Print only events matching any watch.")
    var allWatches = false

    @OptionGroup var watchOptions: WatchOptions

    func validate() throws {
        if events.isEmpty && paths.isEmpty {
            throw ValidationError("give at least one feed file or directory with --events PATH")
        }
    }

    func run() async throws {
        var options = IngestOptions()
        options.follow = follow
        options.checkpointPath = checkpoint
        options.dedupeWindow = dedupeWindow
        options.keepRejects(in: quarantine)

        let matcher = try selectedWatches().map { WatchMatcher(watches: $0) }
        let ingester: Ingester
        do {
            if let matcher {
                ingester = try Ingester(paths: events + paths, options: options, matcher: matcher)
            } else {
                ingester = try Ingester(paths: events + paths, options: options)
            }
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }

        // Output written after the last checkpoint of a crashed run is cut, so
        // its events, read again, appear exactly once.
        if checkpoint != nil, let size = StandardStreams.outputFileSize() {
            let saved = await ingester.resumedConsumerOffset ?? size
            StandardStreams.continueOutput(at: min(saved, size))
        }
        if format == .csv && (StandardStreams.outputFileSize() ?? 0) == 0 {
            StandardStreams.write(CSVWriter.row(EventFormatter.csvHeader))
        }
        // With no output position saved yet (a first run), save where the
        // output starts now: otherwise a crash before the first batch's
        // checkpoint kept that run's output and the restart printed it again.
        if checkpoint != nil, await ingester.resumedConsumerOffset == nil, let size = StandardStreams.outputFileSize() {
            var initial = await ingester.resumedCheckpoint
            initial.consumerOffset = size
            do {
                try await ingester.commit(initial)
            } catch {
                StandardStreams.error("trailgrid: cannot save the checkpoint: \(error)")
                throw ExitCode(1)
            }
        }

        let reader = Task { await ingester.run() }
        let interrupt = InterruptWatcher { reader.cancel() }
        defer { interrupt.stop() }

        var last = IngestCounters()
        for await batch in ingester.batches {
            if !batch.events.isEmpty {
                var text = ""
                for item in batch.events {
                    if let matcher {
                        // Filtering: the original record, or CSV with the watches it matched.
                        guard !item.watchMatches.isEmpty else { continue }
                        switch format {
                        case .jsonl: text += EventFormatter.originalRecordLine(item.event) + "\n"
                        case .csv: text += EventFormatter.csvRow(item.event, watches: matcher.names(item.watchMatches))
                        }
                    } else {
                        switch format {
                        case .jsonl: text += EventFormatter.jsonLine(item.event) + "\n"
                        case .csv: text += EventFormatter.csvRow(item.event)
                        }
                    }
                }
                StandardStreams.write(text)
            }
            last = batch.counters
            if checkpoint != nil {
                var position = batch.checkpoint
                position.consumerOffset = StandardStreams.outputFileSize()
                do {
                    try await ingester.commit(position)
                } catch {
                    StandardStreams.error("trailgrid: cannot save the checkpoint: \(error)")
                    throw ExitCode(1)
                }
            }
        }
        await reader.value

        for warning in ingester.warnings {
            StandardStreams.error("trailgrid: warning: \(warning)")
        }
        if last.rejected > 0 {
            StandardStreams.error("rejected: \(last.rejectionBreakdown)" + (options.quarantinePath.map { " (kept in \($0))" } ?? ""))
        }
        StandardStreams.error(last.summary)
    }
}

extension ScanCommand {
    /// The watches to filter by, or nil to print every event.
    func selectedWatches() throws -> [Watch]? {
        guard allWatches || !watchNames.isEmpty || pattern != nil else { return nil }
        let config = try watchOptions.load()
        var selected: [Watch] = allWatches ? config.watches : []
        for name in watchNames {
            guard let watch = config.watches.first(where: { $0.name == name }) else {
                StandardStreams.error("trailgrid: no watch named '\(name)' (known: \(config.watches.map(\.name).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            if !selected.contains(where: { $0.name == name }) { selected.append(watch) }
        }
        if let pattern {
            do {
                let compiled = try EventPattern(json: try textArgument(pattern))
                selected.append(Watch(name: "pattern", severity: .info, description: "--pattern", pattern: compiled, probes: []))
            } catch let error as PatternError {
                StandardStreams.error("trailgrid: invalid pattern: \(error)")
                throw ExitCode(2)
            }
        }
        return selected
    }
}

/// Turns SIGINT/SIGTERM into a clean stop (counters still printed).
final class InterruptWatcher {
    private let sources: [DispatchSourceSignal]

    init(_ handler: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
