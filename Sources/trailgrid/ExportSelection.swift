import TrailGridCore
import TrailGridUI

/// The `--region`, `--account` and `--verdict` filters of `trailgrid
/// export`: the same region globs as the dashboard's `r` (`RegionFilter`),
/// exact account ids, and verdicts judged at the command's `now`.
struct ExportSelection {
    var regions: RegionFilter?
    /// Empty: every account.
    var accounts: Set<String>
    /// Empty: every verdict.
    var verdicts: Set<Verdict>

    func includes(_ report: CellReport) -> Bool {
        includes(account: report.account, region: report.region) && (verdicts.isEmpty || verdicts.contains(report.verdict))
    }

    func includes(account: String, region: String) -> Bool {
        (regions?.matches(region) ?? true) && (accounts.isEmpty || accounts.contains(account))
    }

    /// An event is in when its cell is, and, with `--verdict`, when its cell's verdict is one asked for.
    func includes(_ event: CloudTrailEvent, in model: CoverageModel, now: Int64) -> Bool {
        guard includes(account: event.account, region: event.awsRegion) else { return false }
        return verdicts.isEmpty || verdicts.contains(model.verdict(account: event.account, region: event.awsRegion, now: now))
    }

    /// Parses the flags, or names the bad value in one line.
    static func parse(region: String?, accounts: [String], verdicts: [String]) -> Result<ExportSelection, ExportArgumentError> {
        var regionFilter: RegionFilter?
        if let region {
            guard let filter = RegionFilter(region) else { return .failure(.init("--region: give a region, glob or comma list (eu-*, us-east-1,eu-west-1)")) }
            regionFilter = filter
        }
        let ids = Set(accounts.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: " ") } }.filter { !$0.isEmpty })
        var verdictSet = Set<Verdict>()
        for word in verdicts.flatMap({ $0.split(separator: ",") }) {
            let name = word.trimmingCharacters(in: " ").uppercased()
            guard let verdict = Verdict(rawValue: name) else {
                return .failure(.init("--verdict: unknown verdict \(name) (use \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            verdictSet.insert(verdict)
        }
        return .success(ExportSelection(regions: regionFilter, accounts: ids, verdicts: verdictSet))
    }
}

/// A flag value that makes `trailgrid export` stop before reading anything.
struct ExportArgumentError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
