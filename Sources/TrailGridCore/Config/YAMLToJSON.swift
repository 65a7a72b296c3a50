import Yams

/// Converts YAML (as users write patterns and probes in `trailgrid.yaml`)
/// into `JSONValue`, keeping what EventBridge matching needs: a quoted
/// scalar is always a string, a plain one is a number only when it is a JSON
/// number (with its literal text kept), and mapping order is preserved.
enum YAMLToJSON {
    static func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return convert(scalar)
        case .mapping(let mapping):
            return .object(mapping.map { key, value in JSONMember(key.string ?? "", convert(value)) })
        case .sequence(let sequence):
            return .array(sequence.map(convert))
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
