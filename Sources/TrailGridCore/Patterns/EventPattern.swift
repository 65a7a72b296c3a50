/// A validated EventBridge event pattern, compiled for matching.
///
/// Patterns are compiled once (when a watch is loaded) and matched against
/// many events, so all validation and operand preparation happens here and
/// matching does no parsing.
public struct EventPattern: Sendable {
    /// The pattern text as given, for display and export.
    public let text: String
    let rules: [CompiledRule]
    /// The paths the pattern reads, and each rule's field slots in them.
    let paths: FlatPaths
    private let slots: [[Int32]]

    public init(json: String, limits: PatternLimits = .init()) throws(PatternError) {
        text = json
        rules = try PatternCompiler(limits: limits).compile(text: json)
        let paths = FlatPaths(rules.flatMap { $0.fields.map(\.path) })
        self.paths = paths
        slots = rules.map { rule in rule.fields.map { Int32(paths.slot(ofPath: $0.path) ?? -1) } }
    }

    /// The number of `$or` combinations the pattern expands into.
    public var combinationCount: Int { rules.count }

    /// Matches one event. Flattening is the expensive part; when several
    /// patterns test the same event, flatten it once and use `PatternSet`.
    public func matches(_ document: JSONValue) -> Bool {
        let event = FlatEvent(document: document, paths: paths)
        return rules.indices.contains { rules[$0].matches(event, slots: slots[$0]) }
    }
}
