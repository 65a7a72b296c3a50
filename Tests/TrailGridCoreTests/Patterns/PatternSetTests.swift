import Testing
@testable import TrailGridCore

@Suite struct PatternSetTests {
    /// Every valid conformance pattern in one set must give, for every
    /// conformance event, exactly the patterns that match one by one.
    @Test func agreesWithIndividualMatchingOnTheCorpus() throws {
        let cases = try ConformanceData.load(ConformanceData.awsFile) + ConformanceData.load(ConformanceData.rulerFile)
        var seen = Set<String>()
        var patterns: [EventPattern] = []
        for testCase in cases where seen.insert(testCase.patternText).inserted {
            if let pattern = try? EventPattern(json: testCase.patternText) { patterns.append(pattern) }
        }
        #expect(patterns.count >= 300, "only \(patterns.count) distinct valid patterns")
        let set = PatternSet(patterns)
        var events = 0
        var disagreements: [String] = []
        var seenEvents = Set<String>()
        for testCase in cases {
            guard let text = testCase.eventText, seenEvents.insert(text).inserted,
                  let document = try? JSONParser.parse(text) else { continue }
            events += 1
            let expected = patterns.indices.filter { patterns[$0].matches(document) }
            let actual = set.matches(document)
            if actual != expected { disagreements.append("\(testCase.name): set \(actual) vs one-by-one \(expected)") }
        }
        #expect(events >= 500)
        #expect(disagreements.isEmpty, "\(disagreements.count) events disagree:\n\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    /// The normalizer's table of single values must read every slot as the
    /// leaf scan does: the last value outside arrays, nothing when some value
    /// is inside an array (conformance events have arrays, nested arrays and
    /// repeated keys).
    @Test func singleValuesAgreeWithScanningTheLeaves() throws {
        let cases = try ConformanceData.load(ConformanceData.awsFile) + ConformanceData.load(ConformanceData.rulerFile)
        let patterns = cases.compactMap { try? EventPattern(json: $0.patternText) }
        let paths = FlatPaths(PatternSet.pathNames(of: patterns))
        var compared = 0
        var withArrays = 0
        for testCase in cases {
            guard let text = testCase.eventText, let document = try? JSONParser.parse(text) else { continue }
            let event = FlatEvent(document: document, paths: paths)
            if event.hasArrays { withArrays += 1 }
            event.withSingleValues(slotCount: paths.slotCount) { values in
                for slot in 0..<Int32(paths.slotCount) {
                    #expect(values.scalar(at: slot) == event.scalar(at: slot), "\(testCase.name): \(paths.slotPaths[Int(slot)])")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000 && withArrays > 100)
    }

    @Test func indexesExactFieldsAndStillEvaluatesTheRest() throws {
        let patterns = try [
            EventPattern(json: #"{"source":["aws.iam"],"detail":{"eventName":["CreateUser"]}}"#),
            EventPattern(json: #"{"detail":{"eventName":[{"prefix":"Delete"}]}}"#),
            EventPattern(json: #"{"detail":{"errorCode":[{"exists":false}]},"source":["aws.iam","aws.sts"]}"#),
            EventPattern(json: #"{"$or":[{"source":["aws.s3"]},{"detail":{"eventName":["CreateUser"]}}]}"#),
            EventPattern(json: #"{"account":[123456789012]}"#),
        ]
        let set = PatternSet(patterns)
        func run(_ json: String) throws -> [Int] { set.matches(try JSONParser.parse(json)) }
        #expect(try run(#"{"source":"aws.iam","detail":{"eventName":"CreateUser"}}"#) == [0, 2, 3])
        #expect(try run(#"{"source":"aws.iam","detail":{"eventName":"DeleteUser","errorCode":"x"}}"#) == [1])
        #expect(try run(#"{"source":"aws.s3","account":123456789012.0}"#) == [3, 4])
        #expect(try run(#"{"source":"aws.ec2"}"#) == [])
    }

    /// A smoke check that thousands of indexed patterns stay cheap: each
    /// event should reach only its own few rules.
    @Test func thousandsOfPatterns() throws {
        var patterns: [EventPattern] = []
        for index in 0..<3_000 {
            patterns.append(try EventPattern(json: #"{"source":["aws.svc\#(index % 50)"],"detail":{"eventName":["Op\#(index)"],"requestParameters":{"name":[{"prefix":"p"}]}}}"#))
        }
        let set = PatternSet(patterns)
        let event = try JSONParser.parse(#"{"source":"aws.svc7","detail":{"eventName":"Op1207","requestParameters":{"name":"prod"}}}"#)
        let flat = FlatEvent(document: event, paths: set.paths)
        for _ in 0..<1_000 { #expect(set.matches(flat) == [1207]) }
    }
}
