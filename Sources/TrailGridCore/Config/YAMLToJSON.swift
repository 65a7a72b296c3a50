import Yams

/// Converts YAML (as users write patterns and probes in `trailgrid.yaml`)
/// into `JSONValue`, keeping what EventBridge matching needs: a quoted
/// scalar is always a string, a plain one is a number only when it is a JSON
/// number (with its literal text kept), and mapping order is preserved.
enum YAMLToJSON {
    /// Most values one conversion produces. Aliases are shared in the YAML
    /// tree but copied here, so ten aliases of ten aliases… ("billion
    /// laughs") in a few hundred bytes expanded without end: a hang.
    static let maxValues = 100_000

    /// The JSON for `node`, or nil when it expands beyond `maxValues`.
    static func convert(_ node: Node) -> JSONValue? {
        var budget = maxValues
        return convert(node, budget: &budget)
    }

    private static func convert(_ node: Node, budget: inout Int) -> JSONValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return convert(scalar)
        case .mapping(let mapping):
            var members: [JSONMember] = []
            for (key, value) in mapping {
                guard let converted = convert(value, budget: &budget) else { return nil }
                members.append(JSONMember(key.string ?? "", converted))
            }
            return .object(members)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence {
                guard let converted = convert(element, budget: &budget) else { return nil }
                elements.append(converted)
            }
            return .array(elements)
        case .alias:
            return .null
        }
    }

    private static func convert(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch text {
        case "null", "~", "", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            if case .number(let number)? = try? JSONParser.parse(text) { return .number(number) }
            return .string(text)
        }
    }
}
