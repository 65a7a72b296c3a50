import Foundation
@testable import TrailGridCore

typealias ConformanceCase = PatternTestCase

/// Loads `../shared/conformance/*.jsonl` through the library's own case reader.
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
        return try PatternTestCase.parseCases(text)
    }

    static func outcome(of testCase: ConformanceCase) -> ConformanceCase.Expected {
        testCase.outcome()
    }
}
