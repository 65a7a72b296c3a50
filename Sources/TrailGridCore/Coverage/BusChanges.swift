extension CoverageModel {
    /// Bus calls change a bus, named in the request (`eventBusName`, or
    /// `name` for CreateEventBus and DeleteEventBus; the caller's default
    /// bus when none is given): who it admits, or whether it exists. The
    /// change is filed under the bus's cell.
    static func busTarget(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        let event = call.event
        let key: String
        switch event.eventName {
        case "CreateEventBus", "DeleteEventBus": key = "name"
        case "PutPermission", "RemovePermission": key = "eventBusName"
        default: return nil
        }
        let given = call.parameters[key]?.stringValue ?? "default"
        let bus: BusKey
        if given.hasPrefix("arn:") {
            guard case .eventBus(let named) = TargetKind(arn: given) else { return nil }
            bus = named
        } else {
            bus = BusKey(account: call.cell.account, region: call.cell.region, name: given.isEmpty ? "default" : given)
        }
        return (.bus(bus), bus.cell)
    }

    /// What a bus call makes of the bus (nil: it does not exist).
    ///
    /// - Parameter listRead: whether the cell's bus list was read: without
    ///   it the bus's policy was never known, so a statement added or removed
    ///   leaves it unknown (recorded, not applied).
    static func busStep(_ call: ManagementCall, _ bus: BusKey, _ existing: EventBus?, listRead: Bool) -> CallOutcome {
        let event = call.event
        guard listRead else {
            return CallOutcome(state: .bus(existing), summary: "\(event.eventName) on \(bus.label) (its bus list is not in the inventory)", applied: false)
        }
        switch event.eventName {
        case "CreateEventBus":
            let created = EventBus(name: bus.name, arn: call.response["eventBusArn"]?.stringValue ?? bus.arn)
            return CallOutcome(state: .bus(created), summary: "bus \(bus.label) created")
        case "DeleteEventBus":
            return CallOutcome(state: .bus(nil), summary: "bus \(bus.label) deleted: nothing sent to it is delivered")
        default:
            // The default bus is always there, listed or not.
            guard var changed = existing ?? (bus.isDefault ? EventBus(name: bus.name, arn: bus.arn) : nil) else {
                return CallOutcome(state: .bus(nil), summary: "\(event.eventName) on \(bus.label) (bus not in the inventory)", applied: false)
            }
            let summary: String
            if event.eventName == "PutPermission" {
                (changed.policy, summary) = granted(call, to: changed, bus)
            } else {
                (changed.policy, summary) = revoked(call, from: changed, bus)
            }
            return CallOutcome(state: .bus(changed), summary: summary)
        }
    }

    /// PutPermission: a whole `policy` replaces the bus's, or one statement
    /// (`statementId`) admitting `principal` — an account, or `*` with an
    /// organization condition — is added in place of one with the same id.
    private static func granted(_ call: ManagementCall, to bus: EventBus, _ key: BusKey) -> (EventBus.Policy, String) {
        if let text = call.parameters["policy"]?.stringValue {
            do {
                return (.document(try BusPolicy(parsing: text)), "policy of \(key.label) replaced")
            } catch {
                return (.unreadable(error.description), "policy of \(key.label) replaced by one that cannot be read: who it admits is unknown")
            }
        }
        let principal = call.parameters["principal"]?.stringValue ?? ""
        let sid = call.parameters["statementId"]?.stringValue
        var conditions: [BusPolicy.Condition] = []
        if let condition = call.parameters["condition"], let conditionKey = condition["key"]?.stringValue {
            conditions.append(BusPolicy.Condition(operation: condition["type"]?.stringValue ?? "StringEquals", key: conditionKey,
                                                  values: [condition["value"]?.stringValue ?? ""]))
        }
        let statement = BusPolicy.Statement(
            sid: sid, allows: true, actions: [call.parameters["action"]?.stringValue ?? "events:PutEvents"], notActions: nil,
            principals: principal == "*" ? .anyone : .aws([principal]), resources: [bus.arn ?? key.arn], notResources: nil,
            conditions: conditions)
        var statements: [BusPolicy.Statement] = []
        if case .document(let policy) = bus.policy { statements = policy.statements }
        if case .unreadable = bus.policy {
            return (bus.policy, "\(key.label) now also admits \(principal) (the rest of its policy cannot be read)")
        }
        statements.removeAll { $0.sid != nil && $0.sid == sid }
        statements.append(statement)
        let whom = principal == "*" ? (conditions.first.map { "anyone with \($0.key) \($0.values.joined())" } ?? "anyone") : principal
        return (.document(BusPolicy(statements: statements)), "\(key.label) now admits \(whom)")
    }

    /// RemovePermission: the statement `statementId`, or every one
    /// (`removeAllPermissions`): the bus then admits its own account only.
    private static func revoked(_ call: ManagementCall, from bus: EventBus, _ key: BusKey) -> (EventBus.Policy, String) {
        if call.parameters["removeAllPermissions"]?.boolValue == true {
            return (.none, "every permission of \(key.label) removed: it admits its own account only")
        }
        let sid = call.parameters["statementId"]?.stringValue ?? ""
        guard case .document(let policy) = bus.policy else {
            return (bus.policy, "statement '\(sid)' removed from \(key.label)")
        }
        let kept = policy.statements.filter { $0.sid != sid }
        return (kept.isEmpty ? .none : .document(BusPolicy(statements: kept)), "statement '\(sid)' removed from \(key.label)")
    }
}
