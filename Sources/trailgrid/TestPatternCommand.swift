import ArgumentParser
import TrailGridCore

/// `trailgrid test-pattern`: `aws events test-event-pattern`, offline.
struct TestPatternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-pattern",
        abstract: "Test an EventBridge pattern against an event, offline.",
        discussion: """
            Prints true (exit 0) or false (exit 1), or why the pattern is invalid (exit 2), as \
            `aws events test-event-pattern` would, for any JSON event. With --cases, runs a JSON Lines \
            file of cases (name, pattern, event, expected: true|false|"invalid") and prints how many agree.
            """
    )

    @Option(name: .long, help: "The pattern (JSON, or @FILE).")
    var pattern: String?

    @Option(name: .long, help: "The event (JSON, or @FILE).")
    var event: String?

    @Option(name: .long, help: "A JSON Lines file of test cases.")
    var cases: String?

    @Option(name: .long, help: "Pattern size limit in characters.")
    var maxPatternLength = 2048

    func validate() throws {
        if cases == nil && (pattern == nil || event == nil) {
            throw ValidationError("give --pattern and --event, or --cases FILE")
        }
    }

    func run() throws {
        let limits = PatternLimits(maxLength: maxPatternLength)
        if let cases {
            try runCases(path: cases, limits: limits)
            return
        }
        guard let pattern, let event else { return }
        let compiled: EventPattern
        do {
            compiled = try EventPattern(json: try textArgument(pattern), limits: limits)
        } catch let error as PatternError {
            print("invalid pattern: \(error)")
            throw ExitCode(2)
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(try textArgument(event))
        } catch let error as JSONParseError {
            print("invalid event: \(error)")
            throw ExitCode(2)
        }
        let matched = compiled.matches(document)
        print(matched ? "true" : "false")
        if !matched { throw ExitCode(1) }
    }

    private func runCases(path: String, limits: PatternLimits) throws {
        let text = try textArgument("@" + path)
        let loaded: [PatternTestCase]
        do {
            loaded = try PatternTestCase.parseCases(text)
        } catch {
            StandardStreams.error("trailgrid: \(path): \(error)")
            throw ExitCode(2)
        }
        var disagreements = 0
        for testCase in loaded {
            let outcome = testCase.outcome(limits: limits)
            if outcome != testCase.expected {
                disagreements += 1
                print("DISAGREE \(testCase.name): expected \(testCase.expected.rawValue), got \(outcome.rawValue)")
            }
        }
        print("\(loaded.count - disagreements) of \(loaded.count) cases agree")
        if disagreements > 0 { throw ExitCode(1) }
    }
}
