/// Serializes JSON text. Output is always valid UTF-8 with every control
/// character escaped, so a line of it never carries a raw terminal escape.
public enum JSONWriter {
    /// Appends `text` as a quoted JSON string.
    public static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        var start = text.utf8.startIndex
        var index = start
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
                out.append(contentsOf: text[start..<index])
                out.append(escape(byte))
                index = utf8.index(after: index)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        out.append(contentsOf: text[start..<index])
        out.append("\"")
    }

    public static func quoted(_ text: String) -> String {
        var out = ""
        appendString(text, to: &out)
        return out
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// Compact (`indent == nil`) or pretty-printed text of `value`, members
    /// in their original order.
    public static func serialize(_ value: JSONValue, indent: Int? = nil) -> String {
        var out = ""
        append(value, to: &out, indent: indent, level: 0)
        return out
    }

    private static func append(_ value: JSONValue, to out: inout String, indent: Int?, level: Int) {
        switch value {
        case .null: out.append("null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .number(let number): out.append(number.text)
        case .string(let text): appendString(text, to: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(",") }
                newline(&out, indent: indent, level: level + 1)
                append(item, to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(",") }
                newline(&out, indent: indent, level: level + 1)
                appendString(member.key, to: &out)
                out.append(indent == nil ? ":" : ": ")
                append(member.value, to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append("}")
        }
    }

    private static func newline(_ out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out.append("\n")
        out.append(String(repeating: " ", count: indent * level))
    }
}
