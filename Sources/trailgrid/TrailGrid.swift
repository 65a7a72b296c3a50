import ArgumentParser
import TrailGridCore

@main
struct TrailGrid: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailgrid",
        abstract: "Shows, for every AWS account × region, whether API calls there reach real-time alerting.",
        version: TrailGrid.version,
        subcommands: [DemoCommand.self, WatchCommand.self, ScanCommand.self, CheckCommand.self, CollectCommand.self, ExportCommand.self, IncidentsCommand.self, StateCommand.self, WatchesCommand.self, TestPatternCommand.self, ProbeCommand.self, BenchCommand.self]
    )

    /// What `trailgrid --version` prints.
    static let version = "trailgrid 0.2.0"

    static func main() async {
        ProcessMemory.configure()
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: usageErrorsExitTwo(error))
        }
    }

    /// Every command documents 2 for a usage error, as for any other input
    /// it cannot use; swift-argument-parser's own is EX_USAGE (64). Help,
    /// version and the commands' own exit codes pass through unchanged.
    static func usageErrorsExitTwo(_ error: any Error) -> any Error {
        guard exitCode(for: error) == .validationFailure else { return error }
        StandardStreams.error(fullMessage(for: error))
        return ExitCode(2)
    }
}
