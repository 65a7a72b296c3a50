import Testing
@testable import TrailGridCore

/// Runs the shared conformance corpus. Every failing case must be listed in
/// `knownExceptions` with its reason, and every listed case must still fail,
/// so the list can neither hide a regression nor go stale.
@Suite struct PatternConformanceTests {
    /// Cases this engine deliberately answers differently, with the reason.
    static let knownExceptions: [String: String] = [:]

    @Test func awsRecordedCasesAllPass() throws {
        let cases = try ConformanceData.load(ConformanceData.awsFile)
        #expect(cases.count >= 170, "only \(cases.count) AWS cases loaded")
        // The file's own tally (76 match, 55 no match, 45 invalid), so a
        // loader that misreads `expected` cannot pass.
        #expect(cases.count(where: { $0.expected == .match }) >= 70)
        #expect(cases.count(where: { $0.expected == .noMatch }) >= 50)
        #expect(cases.count(where: { $0.expected == .invalid }) >= 40)
        let failures = cases.filter { ConformanceData.outcome(of: $0) != $0.expected }
        let summary = failures.map { "\($0.name): expected \($0.expected), got \(ConformanceData.outcome(of: $0))" }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) AWS cases fail:\n\(summary.joined(separator: "\n"))")
    }

    @Test func eventRulerCasesPassExceptKnownOnes() throws {
        let cases = try ConformanceData.load(ConformanceData.rulerFile)
        #expect(cases.count >= 1_500, "only \(cases.count) event-ruler cases loaded")
        #expect(cases.count(where: { $0.expected == .match }) >= 550)
        #expect(cases.count(where: { $0.expected == .noMatch }) >= 800)
        #expect(cases.count(where: { $0.expected == .invalid }) >= 90)
        #expect(cases.count(where: \.rulerSpecific) >= 30)
        var unexpected: [String] = []
        var stale: [String] = []
        var passed = 0
        for testCase in cases {
            let outcome = ConformanceData.outcome(of: testCase)
            let known = PatternConformanceTests.knownExceptions[testCase.name] != nil
            if outcome == testCase.expected {
                passed += 1
                if known { stale.append(testCase.name) }
            } else if !known {
                let tag = testCase.rulerSpecific ? " [ruler_specific]" : ""
                unexpected.append("\(testCase.name)\(tag): expected \(testCase.expected), got \(outcome)")
            }
        }
        #expect(unexpected.isEmpty, "\(unexpected.count) unexpected failures (\(passed)/\(cases.count) pass):\n\(unexpected.joined(separator: "\n"))")
        #expect(stale.isEmpty, "known exceptions that now pass; remove them: \(stale)")
    }
}
