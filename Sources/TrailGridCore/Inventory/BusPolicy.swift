/// An event bus's resource policy (the `Policy` string of
/// `events list-event-buses`), read far enough to answer one question:
/// does it admit `events:PutEvents` from a given sending account?
///
/// A bus admits its own account without a policy; any other sender needs an
/// Allow statement naming its account, its role, or everyone — usually with
/// an `aws:PrincipalOrgID` condition — and no Deny that applies. What
/// trailgrid cannot judge (an unknown condition key, `NotPrincipal`) leaves
/// the answer undecided, never admitted or refused by guess.
public struct BusPolicy: Sendable, Equatable {
    public var statements: [Statement]

    public struct Statement: Sendable, Equatable {
        public var sid: String?
        public var allows: Bool
        /// nil: absent. `NotAction`/`NotResource` invert their match.
        public var actions: [String]?
        public var notActions: [String]?
        public var principals: Principals
        public var resources: [String]?
        public var notResources: [String]?
        public var conditions: [Condition]

        /// `statement 'OrgMembers'`, or its position when it has no Sid.
        var label: String { sid.map { "statement '\($0)'" } ?? "an unnamed statement" }
    }

    /// Who a statement names.
    public enum Principals: Sendable, Equatable {
        /// `"*"`, `{"AWS": "*"}`, or moto's spelling of it, `arn:aws:iam::*:root`.
        case anyone
        /// Account ids and IAM ARNs (`arn:aws:iam::ACCT:root`, roles).
        case aws([String])
        /// Service principals and the like: never a sending account.
        case others
        /// `NotPrincipal`, or a shape trailgrid does not read.
        case unjudged(String)
    }

    public struct Condition: Sendable, Equatable {
        /// As written: `StringEquals`, `ForAnyValue:StringLike`, `StringEqualsIfExists`…
        public var operation: String
        public var key: String
        public var values: [String]
    }

    /// Why a `Policy` string is not a readable policy.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(statements: [Statement]) {
        self.statements = statements
    }

    public init(parsing text: String) throws(Problem) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw Problem(description: "the Policy is not JSON: \(error)")
        }
        let list: [JSONValue]
        switch document["Statement"] {
        case .array(let items)?: list = items
        case .object(let members)?: list = [.object(members)]
        default: throw Problem(description: "the Policy has no \"Statement\"")
        }
        var statements: [Statement] = []
        for item in list {
            guard case .object = item, let effect = item["Effect"]?.stringValue, effect == "Allow" || effect == "Deny" else {
                throw Problem(description: "a statement without an \"Effect\" of Allow or Deny")
            }
            statements.append(Statement(
                sid: item["Sid"]?.stringValue, allows: effect == "Allow",
                actions: Self.strings(item["Action"]), notActions: Self.strings(item["NotAction"]),
                principals: Self.principals(item), resources: Self.strings(item["Resource"]),
                notResources: Self.strings(item["NotResource"]), conditions: Self.conditions(item["Condition"])
            ))
        }
        self.init(statements: statements)
    }

    static func strings(_ value: JSONValue?) -> [String]? {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return nil
        }
    }

    static func principals(_ statement: JSONValue) -> Principals {
        if statement["NotPrincipal"] != nil { return .unjudged("NotPrincipal") }
        switch statement["Principal"] {
        case .string("*")?:
            return .anyone
        case .object(let members)?:
            var names: [String] = []
            for member in members {
                guard member.key == "AWS" else { continue }
                names += strings(member.value) ?? []
            }
            if names.contains(where: { $0 == "*" || $0.hasSuffix(":iam::*:root") }) { return .anyone }
            return names.isEmpty ? .others : .aws(names)
        case nil:
            return .unjudged("no Principal")
        default:
            return .unjudged("a Principal of another shape")
        }
    }

    static func conditions(_ value: JSONValue?) -> [Condition] {
        guard case .object(let operations)? = value else { return [] }
        return operations.flatMap { operation -> [Condition] in
            guard case .object(let keys) = operation.value else { return [] }
            return keys.map { Condition(operation: operation.key, key: $0.key, values: strings($0.value) ?? [text(of: $0.value)]) }
        }
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        default: return JSONWriter.serialize(value)
        }
    }
}

/// What EventBridge would check when a rule in `sender` puts an event on a bus.
public struct PutEventsRequest: Sendable, Equatable {
    public var sender: String
    /// The target's `RoleArn`, the principal EventBridge acts as.
    public var senderRole: String?
    public var organization: OrganizationMembership
    public var busArn: String
    /// The probe's `source` and `detail-type` (`events:source`, `events:detail-type`).
    public var source: String?
    public var detailType: String?

    public init(sender: String, senderRole: String?, organization: OrganizationMembership, busArn: String,
                source: String? = nil, detailType: String? = nil) {
        self.sender = sender
        self.senderRole = senderRole
        self.organization = organization
        self.busArn = busArn
        self.source = source
        self.detailType = detailType
    }
}

/// Which organization an account belongs to, as far as the inventory knows.
public enum OrganizationMembership: Sendable, Equatable {
    case member(String)
    /// The organization's account list was read and does not list it.
    case outside
    case unknown
}

/// A bus policy's answer, with the words for the hop's reason.
public enum Admission: Sendable, Equatable {
    case admitted(String)
    case refused(String)
    case undecided(String)
}

extension BusPolicy {
    /// Whether the policy admits `request`: an applicable Deny refuses, an
    /// applicable Allow admits, and a statement that may or may not apply
    /// leaves it undecided (IAM's order: explicit deny, then allow, else deny).
    public func admission(of request: PutEventsRequest) -> Admission {
        var undecidedAllow: String?
        var undecidedDeny: String?
        var allowedBy: String?
        for statement in statements {
            switch statement.applies(to: request) {
            case .no:
                continue
            case .yes:
                if !statement.allows { return .refused("\(statement.label) denies \(request.sender)") }
                allowedBy = allowedBy ?? statement.label
            case .undecided(let why):
                if statement.allows { undecidedAllow = undecidedAllow ?? "\(statement.label): \(why)" }
                else { undecidedDeny = undecidedDeny ?? "\(statement.label) may deny it: \(why)" }
            }
        }
        if let undecidedDeny, allowedBy != nil || undecidedAllow != nil { return .undecided(undecidedDeny) }
        if let allowedBy { return .admitted("admitted by \(allowedBy)") }
        if let undecidedAllow { return .undecided(undecidedAllow) }
        return .refused("no statement of its policy admits \(request.sender)")
    }
}

enum Applicability: Equatable {
    case yes
    case no
    case undecided(String)
}

extension BusPolicy.Statement {
    func applies(to request: PutEventsRequest) -> Applicability {
        let action = "events:PutEvents"
        if let actions, !actions.contains(where: { IAMWildcard.matches($0, action, ignoringCase: true) }) { return .no }
        if let notActions, notActions.contains(where: { IAMWildcard.matches($0, action, ignoringCase: true) }) { return .no }
        if let resources, !resources.contains(where: { IAMWildcard.matches($0, request.busArn) }) { return .no }
        if let notResources, notResources.contains(where: { IAMWildcard.matches($0, request.busArn) }) { return .no }
        switch principals {
        case .anyone: break
        case .others: return .no
        case .unjudged(let why): return .undecided("\(why) is not judged")
        case .aws(let names):
            guard names.contains(where: { Self.names(request, $0) }) else { return .no }
        }
        var result = Applicability.yes
        for condition in conditions {
            switch condition.holds(for: request) {
            case .no: return .no
            case .undecided(let why): result = .undecided(why)
            case .yes: break
            }
        }
        return result
    }

    /// An account id, the account's root, or the sending role itself.
    static func names(_ request: PutEventsRequest, _ principal: String) -> Bool {
        if principal == request.sender { return true }
        if let arn = ARNParts(principal), arn.service == "iam", arn.account == request.sender {
            return arn.resource == "root" || arn.resource == request.senderRole.flatMap(ARNParts.init)?.resource
        }
        return false
    }
}

extension BusPolicy.Condition {
    /// Whether the condition holds for the request; undecided for keys and
    /// operators trailgrid does not model.
    func holds(for request: PutEventsRequest) -> Applicability {
        var operation = Substring(self.operation)
        for prefix in ["ForAnyValue:", "ForAllValues:"] where operation.hasPrefix(prefix) { operation = operation.dropFirst(prefix.count) }
        if operation.hasSuffix("IfExists") { operation = operation.dropLast("IfExists".count) }
        let actual: String
        switch key.lowercased() {
        case "aws:principalorgid":
            switch request.organization {
            case .member(let id): actual = id
            case .outside: actual = ""
            case .unknown: return .undecided("the organization of \(request.sender) is unknown (no accounts.json)")
            }
        case "aws:principalaccount":
            actual = request.sender
        case "aws:principalarn":
            guard let role = request.senderRole else { return .undecided("the sending principal of \(request.sender) is unknown") }
            actual = role
        case "events:source":
            guard let source = request.source else { return .undecided("condition on \(key)") }
            actual = source
        case "events:detail-type":
            guard let detailType = request.detailType else { return .undecided("condition on \(key)") }
            actual = detailType
        default:
            return .undecided("condition key \(key) is not judged")
        }
        let matched: Bool
        let negated: Bool
        switch operation {
        case "StringEquals", "ArnEquals": (matched, negated) = (values.contains(actual), false)
        case "StringNotEquals", "ArnNotEquals": (matched, negated) = (values.contains(actual), true)
        case "StringEqualsIgnoreCase": (matched, negated) = (values.contains { $0.lowercased() == actual.lowercased() }, false)
        case "StringNotEqualsIgnoreCase": (matched, negated) = (values.contains { $0.lowercased() == actual.lowercased() }, true)
        case "StringLike", "ArnLike": (matched, negated) = (values.contains { IAMWildcard.matches($0, actual) }, false)
        case "StringNotLike", "ArnNotLike": (matched, negated) = (values.contains { IAMWildcard.matches($0, actual) }, true)
        default: return .undecided("condition operator \(self.operation) is not judged")
        }
        // An account outside any organization has no aws:PrincipalOrgID: it matches no value.
        if actual.isEmpty && key.lowercased() == "aws:principalorgid" { return negated ? .yes : .no }
        return matched != negated ? .yes : .no
    }
}

/// IAM's wildcards: `*` any run, `?` one character.
enum IAMWildcard {
    static func matches(_ pattern: String, _ text: String, ignoringCase: Bool = false) -> Bool {
        let p = Array(ignoringCase ? pattern.lowercased() : pattern)
        let t = Array(ignoringCase ? text.lowercased() : text)
        return StarMatch.matches(patternCount: p.count, textCount: t.count, isStar: { p[$0] == "*" },
                                 matchesOne: { p[$0] != "*" && (p[$0] == "?" || p[$0] == t[$1]) })
    }
}
