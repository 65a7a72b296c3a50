import ArgumentParser
import TrailGridCore

/// `trailgrid watches`: what is being watched for, and whether it is sound.
struct WatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watches",
        abstract: "List the watches in force (built-in and from the configuration).",
        discussion: "With --check, verifies each watch compiles within limits and matches all of its probe events (exit 1 otherwise)."
    )

    @Flag(name: .long, help: "Verify every watch against its probes.")
    var check = false

    @Flag(name: .long, help: "Print each watch's pattern too.")
    var verbose = false

    @OptionGroup var watchOptions: WatchOptions

    func run() throws {
        let config = try watchOptions.load()
        let width = config.watches.map(\.name.count).max() ?? 0
        for watch in config.watches {
            let name = watch.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let origin = watch.isBuiltIn ? "built-in" : "config"
            let scope: String
            switch watch.regions {
            case .every: scope = "all regions"
            case .only(let regions): scope = regions.joined(separator: ",")
            }
            print("\(name)  \(watch.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(origin.padding(toLength: 8, withPad: " ", startingAt: 0))  \(scope.padding(toLength: 11, withPad: " ", startingAt: 0))  \(watch.description)")
            if verbose { print("    \(watch.pattern.text)") }
        }
        guard check else { return }
        let failures = config.probeFailures() + config.problems
        for failure in failures { print("FAIL \(failure)") }
        print(failures.isEmpty ? "\(config.watches.count) watches: all match their probes" : "\(failures.count) problem(s)")
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
