/// The `r` filter: which regions the grid and the feed show.
///
/// Accepts what an on-call engineer types without thinking: a glob
/// (`eu-*`, `ap-*-1`), a comma list (`us-east-1,eu-west-1`), or a geography
/// word (`us`, `eu`, `ap`, `ca`, `sa`, `me`, `af`, `il`, `mx`) — mixed
/// freely (`eu,us-east-1`). Matching is case-insensitive.
public struct RegionFilter: Sendable, Equatable {
    public let text: String
    private let terms: [String]

    public init?(_ text: String) {
        let terms = text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !terms.isEmpty else { return nil }
        self.text = text
        self.terms = terms.map { term in
            // A bare geography word means every region of that geography.
            if !term.contains("-") && !term.contains("*") && !term.contains("?") { return term + "-*" }
            return term
        }
    }

    public func matches(_ region: String) -> Bool {
        let region = region.lowercased()
        return terms.contains { Glob.matches($0, region) }
    }
}

/// The `a` filter: accounts whose name or id contains any of the terms.
public struct AccountFilter: Sendable, Equatable {
    public let text: String
    private let terms: [String]

    public init?(_ text: String) {
        let terms = text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !terms.isEmpty else { return nil }
        self.text = text
        self.terms = terms
    }

    public func matches(id: String, name: String?) -> Bool {
        let name = name?.lowercased() ?? ""
        return terms.contains { term in
            term.contains("*") || term.contains("?")
                ? Glob.matches(term, id) || Glob.matches(term, name)
                : id.contains(term) || name.contains(term)
        }
    }
}

/// Shell-style `*` and `?` matching, iterative so no input can make it
/// recurse deeply.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern), text = Array(text)
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
