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

    /// The events in the selection: those whose cell is in, and, with
    /// `--verdict`, whose cell's verdict is one asked for (judged once per cell).
    func events(
        _ events: [(event: CloudTrailEvent, watches: [String])], in model: CoverageModel, now: Int64
    ) -> [(event: CloudTrailEvent, watches: [String])] {
        var verdictOfCell: [CellKey: Verdict] = [:]
        return events.filter { item in
            let event = item.event
            guard includes(account: event.account, region: event.awsRegion) else { return false }
            guard !verdicts.isEmpty else { return true }
            let cell = CellKey(account: event.account, region: event.awsRegion)
            let verdict = verdictOfCell[cell] ?? model.verdict(account: cell.account, region: cell.region, now: now)
            verdictOfCell[cell] = verdict
            return verdicts.contains(verdict)
        }
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
