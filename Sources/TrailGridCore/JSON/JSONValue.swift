/// A parsed JSON value that keeps what EventBridge semantics need and
/// Foundation's `JSONSerialization` drops: the literal text of numbers
/// (`1.0` and `1` differ as strings but not as numbers), member order, and
/// duplicate keys (a pattern's later duplicate overrides an earlier one leaf
/// path by leaf path, so both must be kept).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The value of the last member named `key`, as EventBridge reads
    /// duplicate keys; `nil` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// An integer as a JSON number, written exactly (no detour through a
    /// double, which would round counters past 2^53).
    public static func integer(_ value: some BinaryInteger) -> JSONValue {
        .number(JSONNumber(text: String(value)))
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// One `"key": value` pair of a JSON object, in source order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON number as written: the text is kept because EventBridge compares
/// exact-match numbers both numerically and by their literal form.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The IEEE double nearest the literal (infinite for literals beyond
    /// its range, which a 10,000-digit number is).
    public var doubleValue: Double {
        Double(text) ?? .nan
    }

    public var description: String { text }
}
