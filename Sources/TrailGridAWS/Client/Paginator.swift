/// Follows NextToken-style pagination to the end. Every list call trailgrid
/// makes goes through it, so that a page boundary never hides a rule or an
/// account. A token that comes back unchanged would loop forever; it is an
/// error instead (botocore does the same).
public enum Paginator {
    public static func all<Page: Sendable, Item>(
        startingAt first: String? = nil,
        maxPages: Int = 100_000,
        fetch: (String?) async throws -> Page,
        items: (Page) -> [Item],
        next: (Page) -> String?
    ) async throws -> [Item] {
        var collected: [Item] = []
        var token = first
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            let page = try await fetch(token)
            collected += items(page)
            guard let following = next(page), !following.isEmpty else { return collected }
            guard seen.insert(following).inserted else {
                throw AWSClientError.decoding("the same pagination token came back twice (\(following.prefix(40)))")
            }
            token = following
        }
        throw AWSClientError.decoding("more than \(maxPages) pages")
    }
}
