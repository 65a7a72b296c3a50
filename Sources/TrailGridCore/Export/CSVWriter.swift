/// RFC 4180 CSV, safe to open in a spreadsheet.
///
/// Event fields are attacker-controlled (a user agent can be
/// `=HYPERLINK(...)`), so a cell that a spreadsheet would evaluate — one that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return — is prefixed
/// with `'` (OWASP's CSV-injection advice), and every cell that needs it is
/// quoted with doubled quotes.
public enum CSVWriter {
    public static func row(_ fields: [String]) -> String {
        fields.map(cell).joined(separator: ",") + "\r\n"
    }

    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
