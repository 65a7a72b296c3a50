/// One field condition of a compiled rule: the event must have a value at
/// `path` that one of `matchers` accepts, or (when `matchesAbsent`, from
/// `exists: false`) have no value there at all.
struct FieldTest: Sendable, Equatable {
    var path: String
    var matchers: [Matcher]
    var matchesAbsent: Bool
}

/// A conjunction of field tests. A pattern compiles to several rules when it
/// uses `$or` (disjunctive normal form), which is also how EventBridge counts
/// `$or` combinations against its limit.
struct CompiledRule: Sendable, Equatable {
    var fields: [FieldTest]
}

/// Turns pattern JSON into rules, validating as event-ruler does and
/// reporting errors with the key path where they occur.
struct PatternCompiler {
    let limits: PatternLimits

    /// Operator names cannot be field names directly inside `$or`, where
    /// event-ruler could not tell `{"numeric": [...]}` from a field test.
    static let reservedNames: Set<String> = [
        "prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but", "numeric", "exists", "cidr",
    ]

    func compile(text: String) throws(PatternError) -> [CompiledRule] {
        let length = text.unicodeScalars.count
        if length > limits.maxLength {
            throw PatternError("Event pattern is \(length) characters long, more than the limit of \(limits.maxLength)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw PatternError("Malformed JSON: \(error.description)")
        }
        guard case .object(let members) = document else {
            throw PatternError("Filter is not an object")
        }
        let conjunctions = try compileObject(members, path: "", insideOr: false)
        return conjunctions.map(CompiledRule.init(fields:))
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    private func compileObject(_ members: [JSONMember], path: String, insideOr: Bool) throws(PatternError) -> [[FieldTest]] {
        if members.isEmpty { throw PatternError("Empty objects are not allowed", at: path) }
        var result: [[FieldTest]] = [[]]
        // A repeated key is compiled like any other member, in order, and
        // `combine` lets a later test of the same leaf path replace an
        // earlier one: event-ruler's overriding, which AWS shows
        // (`test_event_pattern_with_multi_key`). So a repeated object key
        // adds its leaves to the first one's instead of discarding them,
        // two `$or`s at one level both apply, and an invalid first value is
        // still an error, as in event-ruler.
        for member in members {
            let alternatives: [[FieldTest]]
            if member.key == "$or" {
                alternatives = try compileOr(member.value, path: path)
            } else {
                let child = join(path, member.key)
                if insideOr && PatternCompiler.reservedNames.contains(member.key) {
                    throw PatternError("\(member.key) is Ruler reserved fieldName which cannot be used inside $or.", at: child)
                }
                switch member.value {
                case .object(let nested):
                    alternatives = try compileObject(nested, path: child, insideOr: false)
                case .array(let items):
                    alternatives = [[try compileLeaf(items, path: child)]]
                default:
                    throw PatternError("must be an object or an array", at: child)
                }
            }
            result = try combine(result, alternatives, path: path)
        }
        return result
    }

    private func combine(_ left: [[FieldTest]], _ right: [[FieldTest]], path: String) throws(PatternError) -> [[FieldTest]] {
        let count = left.count * right.count
        if count > limits.maxCombinations {
            throw PatternError("$or expands into more than \(limits.maxCombinations) rule combinations", at: path)
        }
        var result: [[FieldTest]] = []
        result.reserveCapacity(count)
        for a in left {
            for b in right {
                // The same path twice in one conjunction (a repeated key, a
                // `$or` branch naming a sibling's field, or `"a.b"` beside
                // `{"a":{"b"}}`): the later one wins, as in event-ruler.
                // Paths compare byte-wise, so canonically equivalent
                // spellings of a key stay distinct fields.
                let kept = a.filter { field in !b.contains { ExactText.equals($0.path, field.path) } }
                result.append(kept + b)
            }
        }
        return result
    }

    private func compileOr(_ value: JSONValue, path: String) throws(PatternError) -> [[FieldTest]] {
        let orPath = join(path, "$or")
        guard case .array(let items) = value else {
            throw PatternError("It must be an Array followed with $or.", at: orPath)
        }
        guard items.count >= 2 else {
            throw PatternError("There must have at least 2 Objects in $or relationship.", at: orPath)
        }
        var result: [[FieldTest]] = []
        for item in items {
            guard case .object(let members) = item else {
                throw PatternError("Only JSON object is allowed in array of $or relationship.", at: orPath)
            }
            result += try compileObject(members, path: path, insideOr: true)
            if result.count > limits.maxCombinations {
                throw PatternError("$or expands into more than \(limits.maxCombinations) rule combinations", at: orPath)
            }
        }
        return result
    }

    private func compileLeaf(_ items: [JSONValue], path: String) throws(PatternError) -> FieldTest {
        if items.isEmpty { throw PatternError("Empty arrays are not allowed", at: path) }
        var test = FieldTest(path: path, matchers: [], matchesAbsent: false)
        for item in items {
            switch item {
            case .string(let text):
                test.matchers.append(.exactString(text, ip: IPAddress(text)))
            case .number(let number):
                test.matchers.append(.exactNumber(text: number.text, value: ComparableNumber.value(number.text)))
            case .bool(let flag):
                test.matchers.append(.exactBool(flag))
            case .null:
                test.matchers.append(.exactNull)
            case .array:
                throw PatternError("Match value must be a string, number, boolean, null or operator object", at: path)
            case .object(let members):
                do throws(PatternError) {
                    guard members.count == 1, let member = members.first else {
                        throw PatternError(members.isEmpty ? "Empty objects are not allowed" : "Only one key allowed in match expression")
                    }
                    if member.key == "exists" {
                        guard case .bool(let flag) = member.value else {
                            throw PatternError("exists match pattern must be either true or false.")
                        }
                        if flag { test.matchers.append(.exists) } else { test.matchesAbsent = true }
                    } else {
                        test.matchers.append(try OperatorCompiler.compile(name: member.key, operand: member.value))
                    }
                } catch {
                    throw PatternError(error.message, at: path)
                }
            }
        }
        let wildcards = test.matchers.compactMap { matcher -> WildcardPattern? in
            if case .wildcard(let pattern) = matcher { return pattern }
            return nil
        }
        if WildcardComplexity.exceeds(wildcards, limit: limits.maxWildcardComplexity) {
            throw PatternError("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character", at: path)
        }
        return test
    }
}
