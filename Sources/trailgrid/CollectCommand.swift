import ArgumentParser
import Foundation
import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// `trailgrid collect`: writes the inventory layout of DESIGN §3, with
/// trailgrid's own AWS client (or, with `--via-cli`, one aws CLI process per call).
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write an inventory directory (trails, their status and selectors, rules, targets, event buses) from AWS.",
        discussion: """
            Reads organizations ListAccounts, the enabled regions of each account (account ListRegions, \
            else ec2 DescribeRegions), and in every cell cloudtrail DescribeTrails (shadow trails \
            included), GetTrailStatus and GetEventSelectors in each trail's home region, events \
            ListRules and ListTargetsByRule, and ListEventBuses with, for each bus other than default, \
            its rules and their targets (where forwarded events go next, and whose policies admit \
            them). With --role-name, assumes that role in every organization account other than the \
            caller's. Calls run concurrently (--jobs in all, and a few per account and region, as AWS \
            throttles). A failed call is reported with the AWS error code and its whole message, \
            recorded in collect-errors.txt, and the rest continue (exit 1 at the end); what it would \
            have written stays missing, which check reads as unknown. The inventory is written beside \
            --out and renamed into place when done: an interrupted or failed collect leaves --out as \
            it was (--resume reuses the cells an interrupted run finished). manifest.json records when \
            collection started and when each cell was fetched, so that events older than the \
            inventory do not undo it.
            """
    )

    @Option(name: .long, help: "Directory to write (replaced whole when the collect ends; must be new, empty or an earlier inventory).")
    var out: String

    @OptionGroup var access: AWSAccessOptions

    @Option(name: .long, help: "Calls in flight at once.")
    var jobs: Int = 32

    @Flag(name: .long, help: "Reuse the cells an interrupted collect of the same options finished.")
    var resume = false

    @Flag(name: .long, help: "Run the aws CLI for each call (one after another) instead of trailgrid's own client.")
    var viaCLI = false

    @Option(name: .long, help: "The aws executable (with --via-cli).")
    var aws: String = "aws"

    func run() async throws {
        let regionList = try access.checkedRegions()
        guard jobs >= 1 else {
            StandardStreams.error("trailgrid: --jobs must be at least 1")
            throw ExitCode(2)
        }
        let staging = InventoryStaging(out: out)
        let request = ["regions=\(access.regions)", "role=\(access.roleName ?? "")", "profile=\(access.profile ?? "")", "endpoint=\(access.endpointURL ?? "")",
                       "via=\(viaCLI ? "cli" : "native")"].joined(separator: "\n") + "\n"
        let finished: InventoryStaging.Finished
        do {
            finished = try staging.prepare(resume: resume && !viaCLI, request: request)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        let startedAt = wallClockMilliseconds()
        let outcome = viaCLI ? try collectViaCLI(into: staging.path, regions: regionList, startedAt: startedAt)
                             : try await collectNatively(staging: staging, regions: regionList, finished: finished, startedAt: startedAt)
        var failures = outcome.failures
        let seconds = Double(wallClockMilliseconds() - startedAt) / 1000
        StandardStreams.error("collect: \(outcome.calls) calls, \(outcome.cells) cells in \(String(format: "%.2f", seconds)) s: "
                              + "\(String(format: "%.1f", Double(outcome.calls) / max(seconds, 0.001))) calls/s, "
                              + "\(String(format: "%.2f", Double(outcome.cells) / max(seconds, 0.001))) cells/s, \(failures.count) failed")
        do {
            try staging.writeResults(manifest: outcome.manifest, failures: failures)
            try staging.publish()
        } catch {
            failures.append("\(error)")
            StandardStreams.error("trailgrid: \(error); the collected files are in \(staging.path)")
            throw ExitCode(2)
        }
        if !failures.isEmpty {
            StandardStreams.error("trailgrid: \(failures.count) call(s) failed; see \(staging.out)/\(InventoryStaging.errorsFileName)")
            throw ExitCode(1)
        }
    }

    struct Outcome {
        var failures: [String]
        var manifest: InventoryManifest
        var calls: Int
        var cells: Int
    }

    func collectNatively(staging: InventoryStaging, regions: [String]?, finished: InventoryStaging.Finished, startedAt: Int64) async throws -> Outcome {
        let run = NativeCollectRun(settings: access.settings(regions: regions, jobs: jobs), root: staging.path, staging: staging, finished: finished,
                                   mode: isatty(2) == 1 ? .bar : .lines, startedAt: startedAt)
        do {
            let result = try await run.collect()
            let recorder = result.recorder
            return Outcome(failures: recorder.failures, manifest: InventoryManifest(capturedAt: startedAt, cells: recorder.cellTimes, tool: "trailgrid collect"),
                           calls: result.calls, cells: result.cells)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
    }

    /// The aws CLI path: one process per call, one call after another.
    func collectViaCLI(into root: String, regions explicitRegions: [String]?, startedAt: Int64) throws -> Outcome {
        var collector = Collector(root: root, base: AWSCLI(executable: aws, profile: access.profile, endpointURL: access.endpointURL), startedAt: startedAt)
        let caller: String
        switch collector.base.call(["sts", "get-caller-identity"]) {
        case .success(let result):
            guard let account = (result.json as? [String: Any])?["Account"] as? String else {
                StandardStreams.error("trailgrid: sts get-caller-identity: no Account in the output")
                throw ExitCode(2)
            }
            caller = account
        case .failure(let failure):
            StandardStreams.error("trailgrid: \(failure)")
            throw ExitCode(2)
        }
        var accounts = [caller]
        if let listed = collector.fetch(["organizations", "list-accounts"], to: "accounts.json", cli: collector.base) as? [String: Any],
           let list = listed["Accounts"] as? [[String: Any]] {
            let active = list.filter { ($0["State"] as? String ?? $0["Status"] as? String ?? "ACTIVE") == "ACTIVE" }.compactMap { $0["Id"] as? String }
            accounts = [caller] + active.filter { $0 != caller }
        }
        for account in accounts {
            guard let cli = collector.credentials(for: account, caller: caller, roleName: access.roleName) else { continue }
            collector.collectAccount(account, cli: cli, explicitRegions: explicitRegions)
        }
        return Outcome(failures: collector.failures, manifest: collector.manifest(previous: nil), calls: collector.calls + 1, cells: collector.cells)
    }
}
