/// A pattern test case in the format of `shared/conformance/*.jsonl`
/// (`name`, `pattern`, `event`, `expected`: true, false or "invalid"), so
/// users can check their own rules with `trailgrid test-pattern --cases`.
///
/// The original `pattern_text`/`event_text` are used when a row has them:
/// re-serialising would change number tokens a case depends on.
public struct PatternTestCase: Sendable {
    public enum Expected: String, Sendable, Equatable { case match, noMatch = "no match", invalid }
    public var name: String
    public var patternText: String
    /// The event text; parsed lazily because a few rows hold invalid events.
    public var eventText: String?
    public var expected: Expected
    public var rulerSpecific: Bool
    /// "event" when AWS rejected the Event argument rather than the pattern.
    public var invalidPart: String?

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses JSON Lines of cases.
    public static func parseCases(_ text: String) throws(FormatError) -> [PatternTestCase] {
        var cases: [PatternTestCase] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let row: JSONValue
            do {
                row = try JSONParser.parse(String(line))
            } catch {
                throw FormatError(line: index + 1, message: "not JSON: \(error)")
            }
            guard let pattern = row["pattern"] else { throw FormatError(line: index + 1, message: "no pattern") }
            let name = row["name"]?.stringValue ?? "line \(index + 1)"
            let patternText: String
            if let original = row["pattern_text"]?.stringValue {
                patternText = original
            } else if case .string(let raw) = pattern {
                patternText = raw
            } else {
                patternText = JSONWriter.serialize(pattern)
            }
            var eventText: String?
            if let original = row["event_text"]?.stringValue {
                eventText = original
            } else if let event = row["event"] {
                if case .string(let raw) = event { eventText = raw } else { eventText = JSONWriter.serialize(event) }
            }
            let expected: Expected
            switch row["expected"] {
            case .bool(true): expected = .match
            case .bool(false): expected = .noMatch
            case .string("invalid"): expected = .invalid
            default: throw FormatError(line: index + 1, message: "expected must be true, false or \"invalid\"")
            }
            var rulerSpecific = false
            switch row["ruler_specific"] {
            case .none, .null, .bool(false): rulerSpecific = false
            default: rulerSpecific = true
            }
            cases.append(PatternTestCase(
                name: name, patternText: patternText, eventText: eventText, expected: expected,
                rulerSpecific: rulerSpecific, invalidPart: row["invalid_part"]?.stringValue))
        }
        return cases
    }

    /// What the engine answers for this case, in the case's own terms.
    public func outcome(limits: PatternLimits = .init()) -> Expected {
        let pattern: EventPattern
        do {
            pattern = try EventPattern(json: patternText, limits: limits)
        } catch {
            return .invalid
        }
        guard let eventText, let event = try? JSONParser.parse(eventText) else {
            return .invalid
        }
        if invalidPart == "event" && !EventEnvelope.isValidTestEvent(event) {
            return .invalid
        }
        return pattern.matches(event) ? .match : .noMatch
    }
}
