import Testing
@testable import TrailGridCore

/// Runs the shared conformance corpus. Every failing case must be listed in
/// `knownExceptions` with its reason, and every listed case must still fail,
/// so the list can neither hide a regression nor go stale.
@Suite struct PatternConformanceTests {
    /// Cases this engine deliberately answers differently, with the reason.
    static let knownExceptions: [String: String] = [:]

    /// Issue 15's bar: 173 of 173 pattern cases (the 3 where AWS refused
    /// the Event argument, not the pattern, aside), which `test-pattern
    /// --cases` reports with those 3 as 176 of 176.
    @Test func awsRecordedCasesAllPass() throws {
        let cases = try ConformanceData.load(ConformanceData.awsFile)
        // The file's own tally (76 match, 55 no match, 45 invalid), so a
        // loader that misreads `expected` cannot pass.
        #expect(cases.count == 176, "\(cases.count) AWS cases loaded")
        #expect(cases.count(where: { $0.expected == .match }) == 76)
        #expect(cases.count(where: { $0.expected == .noMatch }) == 55)
        #expect(cases.count(where: { $0.expected == .invalid }) == 45)
        let apiCases = cases.filter { $0.invalidPart == "event" }
        let patternCases = cases.filter { $0.invalidPart != "event" }
        #expect(apiCases.map(\.name) == ["ls/test_plain_string_payload", "ls/test_array_event_payload", "ls/test_invalid_event_payload"])
        let passed = patternCases.filter { ConformanceData.outcome(of: $0) == $0.expected }
        let failures = patternCases.filter { ConformanceData.outcome(of: $0) != $0.expected }
        let summary = failures.map { "\($0.name): expected \($0.expected), got \(ConformanceData.outcome(of: $0))" }
        #expect(passed.count == 173, "\(passed.count) of \(patternCases.count) AWS pattern cases pass:\n\(summary.joined(separator: "\n"))")
        #expect(patternCases.count == 173)
        #expect(apiCases.allSatisfy { ConformanceData.outcome(of: $0) == .invalid })
        // The repeated-key case the issue names.
        let multiKey = try #require(cases.first { $0.name == "ls/test_event_pattern_with_multi_key" })
        #expect(ConformanceData.outcome(of: multiKey) == .match)
    }

    @Test func eventRulerCasesPassExceptKnownOnes() throws {
        let cases = try ConformanceData.load(ConformanceData.rulerFile)
        // The file's tally (603 match, 873 no match, 98 invalid, 40 specific).
        #expect(cases.count == 1_574, "\(cases.count) event-ruler cases loaded")
        #expect(cases.count(where: { $0.expected == .match }) == 603)
        #expect(cases.count(where: { $0.expected == .noMatch }) == 873)
        #expect(cases.count(where: { $0.expected == .invalid }) == 98)
        #expect(cases.count(where: \.rulerSpecific) == 40)
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
        #expect(passed == 1_574 - PatternConformanceTests.knownExceptions.count)
        #expect(stale.isEmpty, "known exceptions that now pass; remove them: \(stale)")
    }
}
