extension CoverageModel {
    /// Rule calls change a rule on the bus they name: the default bus of the
    /// caller's account and region unless `eventBusName` says otherwise (a
    /// name there, or an ARN, which may be another account's bus). The
    /// change is filed under the bus's cell.
    static func ruleTarget(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        let event = call.event
        guard ["PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets"].contains(event.eventName)
        else { return nil }
        let nameKey = ["PutTargets", "RemoveTargets"].contains(event.eventName) ? "rule" : "name"
        guard let name = call.parameters[nameKey]?.stringValue, !name.isEmpty else { return nil }
        let given = call.parameters["eventBusName"]?.stringValue ?? "default"
        let bus: BusKey
        if given.hasPrefix("arn:") {
            guard case .eventBus(let named) = TargetKind(arn: given) else { return nil }
            bus = named
        } else {
            bus = BusKey(account: call.cell.account, region: call.cell.region, name: given)
        }
        return (bus.isDefault ? .rule(bus.cell, name: name) : .busRule(bus, name: name), bus.cell)
    }

    /// What a rule call makes of the rule (nil: none).
    ///
    /// - Parameter listRead: whether the cell's rule list was read, so that a
    ///   new rule's targets are known to be none until PutTargets.
    static func ruleStep(_ call: ManagementCall, name: String, _ rule: EventRule?, listRead: Bool) -> CallOutcome {
        let event = call.event
        switch event.eventName {
        case "PutRule":
            // PutRule replaces the rule's properties (an omitted state means ENABLED) but keeps its targets.
            let state = RuleState(call.parameters["state"]?.stringValue ?? "ENABLED")
            let pattern = call.parameters["eventPattern"]?.stringValue
            let put = EventRule(name: name, arn: call.response["ruleArn"]?.stringValue ?? rule?.arn, state: state,
                                pattern: pattern, targets: rule?.targets ?? (listRead ? [] : nil))
            return CallOutcome(state: .rule(put), summary: "rule '\(name)' put (\(state))")
        case "DeleteRule":
            return CallOutcome(state: .rule(nil), summary: "rule '\(name)' deleted")
        case "EnableRule", "DisableRule":
            let verb = event.eventName == "EnableRule" ? "enabled" : "disabled"
            guard var existing = rule else {
                return CallOutcome(state: .rule(nil), summary: "rule '\(name)' \(verb) (not in the inventory)", applied: false)
            }
            existing.state = event.eventName == "EnableRule" ? .enabled : .disabled
            return CallOutcome(state: .rule(existing), summary: "rule '\(name)' \(existing.state)")
        default:  // PutTargets, RemoveTargets
            guard var existing = rule else {
                return CallOutcome(state: .rule(nil), summary: "targets of rule '\(name)' changed (rule not in the inventory)", applied: false)
            }
            let failed = Set((call.response["failedEntries"]?.arrayValue ?? []).compactMap { $0["targetId"]?.stringValue })
            var targets = existing.targets ?? []
            let summary: String
            if event.eventName == "PutTargets" {
                let added = (call.parameters["targets"]?.arrayValue ?? []).compactMap { item -> RuleTarget? in
                    guard let id = item["id"]?.stringValue ?? item["Id"]?.stringValue, !failed.contains(id) else { return nil }
                    return RuleTarget(id: id, arn: item["arn"]?.stringValue ?? item["Arn"]?.stringValue ?? "",
                                      roleArn: item["roleArn"]?.stringValue ?? item["RoleArn"]?.stringValue)
                }
                for target in added {
                    targets.removeAll { $0.id == target.id }
                    targets.append(target)
                }
                // Targets were unknown before: now at least these exist.
                existing.targets = targets
                summary = "rule '\(name)' targets added: " + added.map(\.id).joined(separator: ", ")
            } else {
                let ids = Set((call.parameters["ids"]?.arrayValue ?? []).compactMap(\.stringValue)).subtracting(failed)
                targets.removeAll { ids.contains($0.id) }
                // Removing from an unknown list leaves it unknown unless nothing could remain.
                existing.targets = existing.targets == nil ? nil : targets
                summary = "rule '\(name)' targets removed: " + ids.sorted().joined(separator: ", ")
            }
            return CallOutcome(state: .rule(existing), summary: summary)
        }
    }
}
