/// The check EventBridge's `TestEventPattern` API makes on its Event
/// argument before any matching. It is not part of pattern semantics (a
/// pattern happily evaluates any JSON), but a "test this pattern" feature
/// should reject the same sample events AWS would.
public enum EventEnvelope {
    public static let requiredFields = ["id", "account", "source", "time", "region", "detail-type"]

    public static func isValidTestEvent(_ document: JSONValue) -> Bool {
        guard case .object = document else { return false }
        return requiredFields.allSatisfy { document[$0] != nil }
    }
}
