/// Compiles one `{"operator": operand}` object of a leaf array. Messages are
/// event-ruler's (which EventBridge returns verbatim); the caller adds the
/// key path.
enum OperatorCompiler {
    static func compile(name: String, operand: JSONValue) throws(PatternError) -> Matcher {
        switch name {
        case "prefix":
            return try affix(operand, name: name, exact: Matcher.prefix, ignoringCase: Matcher.prefixIgnoringCase)
        case "suffix":
            return try affix(operand, name: name, exact: Matcher.suffix, ignoringCase: Matcher.suffixIgnoringCase)
        case "equals-ignore-case":
            return .equalsIgnoringCase(CaseFolding.fold(try ignoreCaseOperand(operand)))
        case "wildcard":
            guard case .string(let text) = operand else {
                throw PatternError("wildcard match pattern must be a string")
            }
            return .wildcard(try WildcardPattern(parsing: text))
        case "anything-but":
            return .anythingBut(try anythingBut(operand))
        case "numeric":
            return .numeric(try numeric(operand))
        case "cidr":
            // event-ruler reports a non-string CIDR with the prefix message,
            // and AWS answers the same.
            guard case .string(let text) = operand else {
                throw PatternError("prefix match pattern must be a string")
            }
            return .cidr(try CIDRBlock(parsing: text))
        default:
            throw PatternError("Unrecognized match type \(name)")
        }
    }

    private static func affix(
        _ operand: JSONValue, name: String,
        exact: (String) -> Matcher, ignoringCase: ([Unicode.Scalar]) -> Matcher
    ) throws(PatternError) -> Matcher {
        switch operand {
        case .string(let text):
            return exact(text)
        case .object(let members):
            guard members.count == 1, let member = members.first else {
                throw PatternError("Only one key allowed in match expression")
            }
            guard member.key == "equals-ignore-case" else {
                throw PatternError("Unsupported \(name) pattern: \(member.key)")
            }
            return ignoringCase(CaseFolding.fold(try ignoreCaseOperand(member.value)))
        default:
            throw PatternError("\(name) match pattern must be a string")
        }
    }

    private static func ignoreCaseOperand(_ operand: JSONValue) throws(PatternError) -> String {
        guard case .string(let text) = operand else {
            throw PatternError("equals-ignore-case match pattern must be a string")
        }
        return text
    }

    private static func anythingBut(_ operand: JSONValue) throws(PatternError) -> AnythingBut {
        switch operand {
        case .string(let text):
            return .strings([text])
        case .number(let number):
            return .numbers([try comparable(number)], texts: [number.text])
        case .array(let items):
            return try anythingButList(items)
        case .object(let members):
            guard members.count == 1, let member = members.first else {
                throw PatternError(members.isEmpty ? "Empty objects are not allowed" : "Only one key allowed in match expression")
            }
            switch member.key {
            case "prefix", "suffix":
                let values = try stringOrList(member.value, message: "prefix/suffix match pattern must be a string")
                if values.contains(where: \.isEmpty) { throw PatternError("Null prefix/suffix not allowed") }
                return member.key == "prefix" ? .prefixes(values) : .suffixes(values)
            case "equals-ignore-case":
                let message = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
                let values = try stringOrList(member.value, message: message)
                return .ignoringCase(values.map(CaseFolding.fold))
            case "wildcard":
                let values = try stringOrList(member.value, message: "wildcard match pattern must be a string")
                var patterns: [WildcardPattern] = []
                for value in values { patterns.append(try WildcardPattern(parsing: value)) }
                return .wildcards(patterns)
            default:
                throw PatternError("Unsupported anything-but pattern: \(member.key)")
            }
        case .null, .bool:
            throw PatternError("Value of anything-but must be an array or single string/number value.")
        }
    }

    private static func anythingButList(_ items: [JSONValue]) throws(PatternError) -> AnythingBut {
        if items.isEmpty { throw PatternError("Empty arrays are not allowed") }
        var strings: [String] = []
        var numbers: [Double] = []
        var texts: [String] = []
        for item in items {
            switch item {
            case .string(let text): strings.append(text)
            case .number(let number):
                numbers.append(try comparable(number))
                texts.append(number.text)
            default:
                throw PatternError("Inside anything but list, start|null|boolean is not supported.")
            }
        }
        if !strings.isEmpty && !texts.isEmpty {
            throw PatternError("Inside anything but list, either all values are number or string, mixed type is not supported")
        }
        return strings.isEmpty ? .numbers(numbers, texts: texts) : .strings(strings)
    }

    private static func stringOrList(_ operand: JSONValue, message: String) throws(PatternError) -> [String] {
        switch operand {
        case .string(let text):
            return [text]
        case .array(let items):
            if items.isEmpty { throw PatternError("Empty arrays are not allowed") }
            var values: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw PatternError(message) }
                values.append(text)
            }
            return values
        default:
            throw PatternError(message)
        }
    }

    /// `["=", v]`, or a lower bound, an upper bound, or a lower then an upper
    /// bound: event-ruler's grammar, including its order requirement.
    private static func numeric(_ operand: JSONValue) throws(PatternError) -> NumericRange {
        guard case .array(let items) = operand else {
            throw PatternError("Value of numeric must be an array.")
        }
        if items.isEmpty { throw PatternError("Empty arrays are not allowed") }
        var range = NumericRange()
        var isEquality = false
        var index = 0
        while index < items.count {
            guard case .string(let op) = items[index] else {
                throw PatternError(index >= 4 ? "Too many terms in numeric range expression" : "Unrecognized numeric range operator: \(describe(items[index]))")
            }
            let label = op == "=" ? "equals" : op
            guard ["=", "<", "<=", ">", ">="].contains(op) else {
                throw PatternError("Unrecognized numeric range operator: \(op)")
            }
            guard index + 1 < items.count, case .number(let number) = items[index + 1] else {
                throw PatternError("Value of \(label) must be numeric")
            }
            let value = try comparable(number)
            switch op {
            case "=":
                guard index == 0, items.count == 2 else { throw PatternError("Too many elements in numeric expression") }
                isEquality = true
                range.lower = value
                range.lowerInclusive = true
                range.upper = value
                range.upperInclusive = true
            case ">", ">=":
                guard range.lower == nil, range.upper == nil else { throw PatternError("Bad numeric range operator: \(op)") }
                range.lower = value
                range.lowerInclusive = op == ">="
            default:
                guard range.upper == nil else { throw PatternError("Bad numeric range operator: \(op)") }
                range.upper = value
                range.upperInclusive = op == "<="
                if index + 2 < items.count { throw PatternError("Too many elements in numeric expression") }
            }
            index += 2
            if index >= 4 && index < items.count {
                throw PatternError("Too many terms in numeric range expression")
            }
        }
        if !isEquality, let lower = range.lower, let upper = range.upper, !(lower < upper) {
            throw PatternError("Bottom must be less than top")
        }
        return range
    }

    /// An operand that must compare numerically (`numeric`, a numeric
    /// `anything-but`): event-ruler rejects one that `ComparableNumber`
    /// refuses rather than excluding or bounding by a rounded neighbour.
    private static func comparable(_ number: JSONNumber) throws(PatternError) -> Double {
        guard let value = ComparableNumber.value(number.text) else {
            throw PatternError("Cannot compare number : \(number.text)")
        }
        return value
    }

    private static func describe(_ value: JSONValue) -> String {
        JSONWriter.serialize(value)
    }
}
