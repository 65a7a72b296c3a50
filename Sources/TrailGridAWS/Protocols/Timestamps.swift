import Foundation

/// The timestamp forms AWS answers carry: ISO 8601 in XML and in credential
/// documents (with or without fractional seconds), epoch seconds in JSON 1.1.
public enum Timestamps {
    public static func parseISO8601(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(trimmed)
    }
}
