/// Watches by name in a state file, by index in a running dashboard: a
/// restart with another watch file maps each stored name to its own watch,
/// and drops the names it no longer has.
public struct WatchNames: Sendable {
    public let names: [String]
    private let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func names(of indices: some Sequence<Int>) -> [String] {
        indices.compactMap { names.indices.contains($0) ? names[$0] : nil }
    }

    public func indices(of names: [String]) -> [Int] {
        names.compactMap { index[$0] }
    }
}
