import TrailGridCore

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
            if term.allSatisfy(\.isLetter) { return term + "-*" }
            return term
        }
    }

    /// A term matches the region's name or the short code the grid's header
    /// prints (`euw1`, `apse*`), so what is on screen can be typed back.
    public func matches(_ region: String) -> Bool {
        let region = region.lowercased()
        let code = AWSRegions.shortCode(region)
        return terms.contains { Glob.matches($0, region) || Glob.matches($0, code) }
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

/// Shell-style `*` and `?` matching of characters (`StarMatch`).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern), text = Array(text)
        return StarMatch.matches(
            patternCount: pattern.count, textCount: text.count, isStar: { pattern[$0] == "*" },
            matchesOne: { pattern[$0] == "?" || pattern[$0] == text[$1] })
    }
}
