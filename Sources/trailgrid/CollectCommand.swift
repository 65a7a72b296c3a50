import ArgumentParser
import Foundation
import TrailGridCore

/// `trailgrid collect`: writes the inventory layout of DESIGN §3 by running the aws CLI.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write an inventory directory (trails, their status and selectors, rules, targets, event buses) using the aws CLI.",
        discussion: """
            Runs organizations list-accounts, ec2 describe-regions --all-regions, cloudtrail \
            describe-trails --include-shadow-trails, get-trail-status, get-event-selectors, events \
            list-rules and list-targets-by-rule, and list-event-buses with, for each bus other than \
            default, list-rules and list-targets-by-rule --event-bus-name (where forwarded events go \
            next, and whose policies admit them). With --role-name, assumes that role in every \
            organization account other than the caller's. A failed call is reported, recorded in \
            collect-errors.txt, and the rest continue (exit 1 at the end); what it would have written \
            stays missing, which check reads as unknown. manifest.json records when collection \
            started and when each cell was fetched, so that events older than the inventory do not undo it.
            """
    )

    @Option(name: .long, help: "Directory to write (created if missing).")
    var out: String

    @Option(name: .long, help: "aws CLI profile.")
    var profile: String?

    @Option(name: .long, help: "all (every enabled region of each account) or a comma-separated list.")
    var regions: String = "all"

    @Option(name: .long, help: "Role to assume in each organization account (e.g. OrganizationAccountAccessRole).")
    var roleName: String?

    @Option(name: .long, help: "Endpoint URL for every call (an emulator such as moto_server).")
    var endpointURL: String?

    @Option(name: .long, help: "The aws executable.")
    var aws: String = "aws"

    func run() async throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            StandardStreams.error("trailgrid: \(out): cannot create: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let manifestPath = out + "/" + InventoryManifest.fileName
        let previous = (try? JSONParser.parse(Array((try? Data(contentsOf: URL(fileURLWithPath: manifestPath))) ?? Data())))
            .flatMap { try? InventoryManifest(parsing: $0) }
        var collector = Collector(root: out, base: AWSCLI(executable: aws, profile: profile, endpointURL: endpointURL),
                                  startedAt: wallClockMilliseconds())
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
        let explicitRegions = regions == "all" ? nil : regions.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        for account in accounts {
            guard let cli = collector.credentials(for: account, caller: caller, roleName: roleName) else { continue }
            collector.collectAccount(account, cli: cli, explicitRegions: explicitRegions)
        }
        do {
            try AtomicFile.write(JSONWriter.serialize(collector.manifest(previous: previous).json, indent: 2) + "\n", to: manifestPath)
        } catch {
            collector.record("\(InventoryManifest.fileName): cannot write: \(error)")
        }
        if !collector.failures.isEmpty {
            let text = collector.failures.joined(separator: "\n") + "\n"
            try? AtomicFile.write(text, to: out + "/collect-errors.txt")
            StandardStreams.error("trailgrid: \(collector.failures.count) call(s) failed; see \(out)/collect-errors.txt")
            throw ExitCode(1)
        }
    }
}
