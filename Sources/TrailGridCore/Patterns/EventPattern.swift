/// A validated EventBridge event pattern, compiled for matching.
///
/// Patterns are compiled once (when a watch is loaded) and matched against
/// many events, so all validation and operand preparation happens here and
/// matching does no parsing.
public struct EventPattern: Sendable {
    /// The pattern text as given, for display and export.
    public let text: String
    let rules: [CompiledRule]

    public init(json: String, limits: PatternLimits = .init()) throws(PatternError) {
        text = json
        rules = try PatternCompiler(limits: limits).compile(text: json)
    }

    /// The number of `$or` combinations the pattern expands into.
    public var combinationCount: Int { rules.count }

    /// Matches one event. Flattening is the expensive part; when several
    /// patterns test the same event, flatten it once and use `PatternSet`.
    public func matches(_ document: JSONValue) -> Bool {
        matches(FlatEvent(document: document))
    }

    public func matches(_ event: FlatEvent) -> Bool {
        rules.contains { $0.matches(event) }
    }
}
