import TrailGridAWS

/// `--regions`: `all`, or names that are checked against the regions known
/// today before any call is made, so that a typo (`eu-west1`) is a usage
/// error and not a column of failed calls (or of cells nobody has).
enum CollectRegions {
    struct Unknown: Error, CustomStringConvertible {
        var names: [String]
        var description: String {
            "unknown region\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) (known: \(AWSRegions.known.joined(separator: ", ")))"
        }
    }

    /// nil for `all`; otherwise the listed names, each known, without repeats.
    static func parse(_ text: String) throws(Unknown) -> [String]? {
        if text.trimmingCharacters(in: .whitespaces) == "all" { return nil }
        var names: [String] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && !names.contains(name) { names.append(name) }
        }
        let unknown = names.filter { !AWSRegions.known.contains($0) }
        guard unknown.isEmpty, !names.isEmpty else { throw Unknown(names: unknown.isEmpty ? [text] : unknown) }
        return names
    }
}
