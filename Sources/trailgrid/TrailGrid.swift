import ArgumentParser
import TrailGridCore

@main
struct TrailGrid: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailgrid",
        abstract: "Shows, for every AWS account × region, whether API calls there reach real-time alerting.",
        subcommands: [DemoCommand.self, WatchCommand.self, ScanCommand.self, CheckCommand.self, CollectCommand.self, ExportCommand.self, IncidentsCommand.self, StateCommand.self, WatchesCommand.self, TestPatternCommand.self, BenchCommand.self]
    )

    static func main() async {
        ProcessMemory.configure()
        await main(nil)
    }
}
