/// Why a pattern was rejected. The key path is kept apart from the message so
/// that a watch editor can point at the offending field, and so that the
/// message itself can stay close to event-ruler's wording (EventBridge returns
/// event-ruler's text, which users will search for).
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted key path of the offending field; empty for whole-pattern problems.
    public var path: String
    public var message: String

    public init(_ message: String, at path: String = "") {
        self.message = message
        self.path = path
    }

    public var description: String {
        path.isEmpty ? message : "\"\(path)\" \(message)"
    }
}

/// Limits that EventBridge enforces on a rule. They are values, not
/// constants, because AWS lets accounts raise the size quota (4,096 is a
/// common adjusted value) and a team may want stricter wildcard limits.
public struct PatternLimits: Sendable, Equatable {
    /// Maximum pattern length in characters (Unicode scalars), before parsing.
    public var maxLength: Int
    /// Maximum number of rule combinations `$or` may expand into.
    public var maxCombinations: Int
    /// Maximum number of wildcard automaton states that one input can keep
    /// alive at once, per field. AWS rejects `*:*:*:*:*:event-bus/*` and
    /// accepts `/Users/*/dir/dir/dir/dir/dir/doc.txt`; this measure scores
    /// them 13 and 8, so the default sits between.
    public var maxWildcardComplexity: Int

    public init(maxLength: Int = 2_048, maxCombinations: Int = 1_000, maxWildcardComplexity: Int = 10) {
        self.maxLength = maxLength
        self.maxCombinations = maxCombinations
        self.maxWildcardComplexity = maxWildcardComplexity
    }
}
