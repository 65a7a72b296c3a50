import Testing
@testable import TrailGridCore

/// The bench's verdicts: ratios are taken within rounds when there are
/// rounds, and the table and JSON say the same.
@Suite struct BenchReportTests {
    func report() -> BenchReport {
        var report = BenchReport()
        report.runs = 3
        report.corpus = BenchReport.Corpus(path: nil, events: 100_000, bytes: 200_000_000)
        report.ingest = TrailGridCore.IngestRun(events: 100_000, matched: 10, bytes: 200_000_000, seconds: 0.5, cpuSeconds: 0.5)
        report.baselines = [
            BaselineRun(tool: .jq, seconds: 4, eventsPerSecond: 25_000),
            BaselineRun(tool: .python, seconds: 2, eventsPerSecond: 50_000),
        ]
        return report
    }

    @Test func ratiosOfTheMediansWithoutRounds() {
        let report = report()
        #expect(report.ratio(to: .jq) == 8)
        #expect(report.ratio(to: .python) == 4)
        #expect(report.table.contains("8.0x") && report.table.contains("≥10x MISSED"))
        #expect(!report.table.contains("ratios: the median over"))
    }

    @Test func pairedRatiosWinAndAreWhatTheTableAndJSONReport() throws {
        var report = report()
        report.pairedRatios = [.jq: 10.4, .python: 5.2]
        #expect(report.ratio(to: .jq) == 10.4)
        #expect(report.table.contains("10.4x") && report.table.contains("≥10x met") && report.table.contains("≥5x met"))
        #expect(report.table.contains("ratios: the median over 3 rounds"))
        let json = try JSONParser.parse(report.json)
        let jq = json["baselines"]?.arrayValue?.first
        guard case .number(let ratio)? = jq?["ratio"] else {
            Issue.record("no ratio in \(report.json)")
            return
        }
        #expect(Double(ratio.text) == 10.4)
    }

    @Test func theMedianIsTheMiddleRun() {
        #expect(BenchRunner.median([3.0, 1.0, 2.0], by: { $0 }) == 2)
        #expect(BenchRunner.median([Double](), by: { $0 }) == nil)
    }
}
