/// One alternative of a leaf array, compiled so that testing an event value
/// does no parsing: case-insensitive operands are pre-folded, wildcards
/// tokenised, CIDRs turned into bytes.
enum Matcher: Sendable, Equatable {
    /// `ip` is set when the string is an IP address: event-ruler then also
    /// matches other spellings of the same address.
    case exactString(String, ip: IPAddress?)
    /// `value` is nil for literals `ComparableNumber` refuses (a double
    /// would round them): those match by text only.
    case exactNumber(text: String, value: Double?)
    case exactBool(Bool)
    case exactNull
    case prefix(String)
    case prefixIgnoringCase([Unicode.Scalar])
    case suffix(String)
    case suffixIgnoringCase([Unicode.Scalar])
    case equalsIgnoringCase([Unicode.Scalar])
    case wildcard(WildcardPattern)
    case anythingBut(AnythingBut)
    case numeric(NumericRange)
    case exists
    case cidr(CIDRBlock)

    func matches(_ value: FlatValue) -> Bool {
        switch self {
        case .exactString(let expected, let ip):
            guard case .string(let bytes) = value else { return false }
            if ExactText.equals(bytes, expected) { return true }
            if let ip, let other = IPAddress(String(decoding: bytes, as: UTF8.self)) { return other == ip }
            return false
        case .exactNumber(let text, let expected):
            guard case .number(let number) = value else { return false }
            if ExactText.equals(number.text, text) { return true }
            if let expected, let actual = number.value { return expected == actual }
            return false
        case .exactBool(let expected):
            guard case .bool(let flag) = value else { return false }
            return flag == expected
        case .exactNull:
            guard case .null = value else { return false }
            return true
        case .prefix(let prefix):
            guard case .string(let bytes) = value else { return false }
            return ExactText.hasPrefix(bytes, prefix)
        case .prefixIgnoringCase(let folded):
            guard case .string(let bytes) = value else { return false }
            return CaseFolding.hasPrefix(String(decoding: bytes, as: UTF8.self), folded)
        case .suffix(let suffix):
            guard case .string(let bytes) = value else { return false }
            return ExactText.hasSuffix(bytes, suffix)
        case .suffixIgnoringCase(let folded):
            guard case .string(let bytes) = value else { return false }
            return CaseFolding.hasSuffix(String(decoding: bytes, as: UTF8.self), folded)
        case .equalsIgnoringCase(let folded):
            guard case .string(let bytes) = value else { return false }
            return CaseFolding.equals(String(decoding: bytes, as: UTF8.self), folded)
        case .wildcard(let pattern):
            guard case .string(let bytes) = value else { return false }
            return pattern.matches(bytes)
        case .anythingBut(let exclusion):
            return !exclusion.excludes(value)
        case .numeric(let range):
            guard case .number(let number) = value, let actual = number.value else { return false }
            return range.contains(actual)
        case .exists:
            return true
        case .cidr(let block):
            guard case .string(let bytes) = value else { return false }
            return block.contains(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// The excluded set of an `anything-but`. Only values of the excluded kind
/// can be excluded: a number is never excluded by a string list (and vice
/// versa), and JSON null is never excluded, which AWS confirms for every
/// variant.
enum AnythingBut: Sendable, Equatable {
    case strings([String])
    /// Every operand compares numerically (the compiler rejects others);
    /// an event number that does not is excluded only by equal text.
    case numbers([Double], texts: [String])
    case prefixes([String])
    case suffixes([String])
    case ignoringCase([[Unicode.Scalar]])
    case wildcards([WildcardPattern])

    func excludes(_ value: FlatValue) -> Bool {
        switch self {
        case .numbers(let values, let texts):
            guard case .number(let number) = value else { return false }
            if texts.contains(where: { ExactText.equals(number.text, $0) }) { return true }
            guard let actual = number.value else { return false }
            return values.contains { $0 == actual }
        case .strings(let strings):
            guard case .string(let bytes) = value else { return false }
            return strings.contains { ExactText.equals(bytes, $0) }
        case .prefixes(let prefixes):
            guard case .string(let bytes) = value else { return false }
            return prefixes.contains { ExactText.hasPrefix(bytes, $0) }
        case .suffixes(let suffixes):
            guard case .string(let bytes) = value else { return false }
            return suffixes.contains { ExactText.hasSuffix(bytes, $0) }
        case .ignoringCase(let folded):
            guard case .string(let bytes) = value else { return false }
            let text = String(decoding: bytes, as: UTF8.self)
            return folded.contains { CaseFolding.equals(text, $0) }
        case .wildcards(let patterns):
            guard case .string(let bytes) = value else { return false }
            return patterns.contains { $0.matches(bytes) }
        }
    }
}

/// A `numeric` condition: `=` or up to one lower and one upper bound.
struct NumericRange: Sendable, Equatable {
    var lower: Double?
    var lowerInclusive = false
    var upper: Double?
    var upperInclusive = false

    func contains(_ value: Double) -> Bool {
        if let lower {
            if lowerInclusive ? value < lower : value <= lower { return false }
        }
        if let upper {
            if upperInclusive ? value > upper : value >= upper { return false }
        }
        return true
    }
}
