import ArgumentParser
import TrailGridCore

/// `--config FILE`, shared by every command that uses watches.
struct WatchOptions: ParsableArguments {
    @Option(name: .long, help: "Watch configuration (default: ./trailgrid.yaml when present).")
    var config: String?

    /// Loads the watches, printing each problem as a warning on stderr.
    func load() throws -> WatchConfig {
        let loaded: WatchConfig
        do {
            loaded = try WatchConfig.load(path: config)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        for problem in loaded.problems {
            StandardStreams.error("trailgrid: warning: \(loaded.path ?? "config"): \(problem)")
        }
        return loaded
    }
}

/// Reads an argument that is either literal text or `@FILE`.
func textArgument(_ value: String) throws -> String {
    guard value.hasPrefix("@") else { return value }
    let path = String(value.dropFirst())
    do {
        return String(decoding: try readWholeFile(path, limit: 16 << 20), as: UTF8.self)
    } catch {
        StandardStreams.error("trailgrid: \(error)")
        throw ExitCode(2)
    }
}
