import Foundation
@testable import TrailGridCore

/// One row of `../shared/conformance/*.jsonl`, resolved to the texts the
/// engine must see: the original `pattern_text`/`event_text` when the row has
/// them (re-serialising would change number tokens), the raw string when the
/// pattern is malformed JSON.
struct ConformanceCase: Sendable {
    enum Expected: Sendable, Equatable { case match, noMatch, invalid }
    var name: String
    var patternText: String
    /// The event text; parsed lazily because a few rows hold invalid events.
    var eventText: String?
    var expected: Expected
    var rulerSpecific: Bool
    /// "event" when AWS rejected the Event argument rather than the pattern.
    var invalidPart: String?
}

enum ConformanceData {
    static let awsFile = "eventbridge-aws.jsonl"
    static let rulerFile = "event-ruler.jsonl"

    /// `<package root>/../shared/conformance`, found from this file's path.
    static func directory(filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.deletingLastPathComponent().appendingPathComponent("shared/conformance")
            }
        }
        return URL(fileURLWithPath: "/nonexistent")
    }

    static func load(_ file: String) throws -> [ConformanceCase] {
        let text = try String(contentsOf: directory().appendingPathComponent(file), encoding: .utf8)
        var cases: [ConformanceCase] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            let row = try JSONParser.parse(String(line))
            guard let name = row["name"]?.stringValue, let pattern = row["pattern"] else {
                throw LoadError.badRow(String(line.prefix(120)))
            }
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
            let expected: ConformanceCase.Expected
            switch row["expected"] {
            case .bool(true): expected = .match
            case .bool(false): expected = .noMatch
            case .string("invalid"): expected = .invalid
            default: throw LoadError.badRow(name)
            }
            var rulerSpecific = false
            switch row["ruler_specific"] {
            case .none, .null, .bool(false): rulerSpecific = false
            default: rulerSpecific = true
            }
            cases.append(ConformanceCase(
                name: name, patternText: patternText, eventText: eventText, expected: expected,
                rulerSpecific: rulerSpecific, invalidPart: row["invalid_part"]?.stringValue))
        }
        return cases
    }

    enum LoadError: Error { case badRow(String) }

    /// What the engine answers for a case, in the case's own terms.
    static func outcome(of testCase: ConformanceCase) -> ConformanceCase.Expected {
        let pattern: EventPattern
        do {
            pattern = try EventPattern(json: testCase.patternText)
        } catch {
            return .invalid
        }
        guard let eventText = testCase.eventText, let event = try? JSONParser.parse(eventText) else {
            return .invalid
        }
        if testCase.invalidPart == "event" && !EventEnvelope.isValidTestEvent(event) {
            return .invalid
        }
        return pattern.matches(event) ? .match : .noMatch
    }
}
