import Foundation
import Testing
@testable import TrailGridCore

/// Issue 15 part 7: `check`'s table at organization scale prints each
/// distinct problem once, with its count and where it holds; json and csv
/// keep a row per cell.
@Suite struct ProblemGroupTests {
    static let regions = Array(AWSRegions.commercial.prefix(17))
    static let busGap = "central-events (111122223333, eu-west-1) has no enabled rule forwarding iam-policy-changes"
    static let stopped = "trail org-trail (organization, multi-region, home us-east-1) not logging"

    /// 2,000 accounts × 17 regions: every eu-west-1 cell behind a bus with no
    /// rule, one account's trail stopped, the rest OK.
    static func organization() -> [CellReport] {
        var reports: [CellReport] = []
        for index in 0..<2_000 {
            let account = String(100_000_000_000 + index)
            for region in regions {
                var report = CellReport(account: account, accountName: "member-account-number-\(index)", region: region, verdict: .ok, trail: .logging, reason: "")
                if index == 7 {
                    report.verdict = .stopped
                    report.reason = stopped
                } else if region == "eu-west-1" {
                    report.verdict = .blind
                    report.reason = busGap
                }
                reports.append(report)
            }
        }
        return reports
    }

    @Test func anOrganizationsProblemsArePrintedOnceEach() throws {
        let reports = Self.organization()
        #expect(reports.count == 34_000)
        let table = CoverageReportFormat.table(reports, attention: Verdict.failingByDefault)
        // Wrapped lines joined again, to read each problem's head as one line.
        let after = try #require(table.range(of: "distinct problems")).upperBound
        let problems = table[after...].replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        #expect(table.contains("2016 cells need attention, 2 distinct problems"))
        // Worst first: the stopped account, in every region, named.
        #expect(problems.contains("STOPPED in 17 cells: 100000000007 (member-account-number-7): every region"), "\(problems)")
        #expect(problems.contains("BLIND in 1999 cells: 100000000000 (member-account-number-0), 100000000001 (member-account-number-1), "
                                  + "100000000002 (member-account-number-2), 100000000003 (member-account-number-3) and 1995 more accounts: eu-west-1"), "\(problems)")
        #expect(problems.components(separatedBy: "has no enabled rule forwarding").count == 2)
        #expect(problems.range(of: "STOPPED")!.lowerBound < problems.range(of: "BLIND")!.lowerBound)
        // The grid is 2,000 lines; what follows it is a handful.
        #expect(table[after...].split(separator: "\n").count < 12, "\(problems)")
    }

    @Test func jsonAndCSVKeepARowPerCell() {
        let reports = Self.organization()
        let order = ["iam-policy-changes"]
        #expect(CoverageReportFormat.csv(reports, watchOrder: order).components(separatedBy: "\r\n").count == 34_002)
        #expect(CoverageReportFormat.json(reports, watchOrder: order).split(separator: "\n").count == 34_002)
    }

    @Test func namesAreWholeWhereTheWidthAllowsAndCutWithAnEllipsisWhereNot() {
        let long = "security-tooling-production-eu"
        let reports = Self.regions.map { CellReport(account: "111122223333", accountName: long, region: $0, verdict: .ok, trail: .logging, reason: "") }
        #expect(CoverageReportFormat.table(reports, attention: []).contains("111122223333 \(long) ....."))
        let narrow = CoverageReportFormat.table(reports, attention: [], width: 40)
        #expect(narrow.contains("111122223333 security-… ....."), "\(narrow)")
    }

    @Test func groupsSplitByVerdictAndReasonAndListPartialRegions() {
        let reports = [
            CellReport(account: "111111111111", accountName: nil, region: "eu-west-1", verdict: .blind, trail: .logging, reason: "r1"),
            CellReport(account: "111111111111", accountName: nil, region: "us-east-1", verdict: .blind, trail: .logging, reason: "r1"),
            CellReport(account: "111111111111", accountName: nil, region: "us-west-2", verdict: .ok, trail: .logging, reason: ""),
            CellReport(account: "222222222222", accountName: nil, region: "eu-west-1", verdict: .dark, trail: .none, reason: "r1"),
            CellReport(account: "222222222222", accountName: nil, region: "us-east-1", verdict: .silent, trail: .logging, reason: "quiet"),
        ]
        let groups = ProblemGroup.grouping(reports, attention: Verdict.failingByDefault)
        #expect(groups.map(\.verdict) == [.dark, .blind])
        #expect(groups[1].cells.map(\.region) == ["eu-west-1", "us-east-1"])
        #expect(groups[1].whereText(regionsPerAccount: ["111111111111": 3], names: [:]) == "111111111111: us-east-1 eu-west-1")
        #expect(groups[0].whereText(regionsPerAccount: ["222222222222": 2], names: [:]) == "222222222222: eu-west-1")
    }
}

/// A hop that fails every watch is one problem in a cell's reason.
@Suite struct CollapsedReasonTests {
    @Test func identicalProblemsAreSaidOnceWithHowManyWatchesTheyFail() {
        let rejects = "central-events (111122223333, us-east-1) does not admit events from 444455556666"
        #expect(CoverageModel.collapsed([rejects, rejects, rejects], of: 3) == ["\(rejects) (every watch)"])
        #expect(CoverageModel.collapsed([rejects, "'x' is not forwarded", rejects], of: 16) == ["\(rejects) (2 watches)", "'x' is not forwarded"])
        #expect(CoverageModel.collapsed(["a"], of: 1) == ["a"])
    }
}
