extension CoverageModel {
    /// Rule calls change the default bus of the caller's account and region;
    /// calls on other buses do not matter to CloudTrail events.
    mutating func applyRuleChange(_ call: ManagementCall) -> CoverageChange? {
        let event = call.event
        let cell = call.cell
        let bus = call.parameters["eventBusName"]?.stringValue ?? "default"
        guard bus == "default" || bus.hasSuffix(":event-bus/default") else { return nil }
        let nameKey = ["PutTargets", "RemoveTargets"].contains(event.eventName) ? "rule" : "name"
        guard let name = call.parameters[nameKey]?.stringValue, !name.isEmpty else { return nil }
        let current = isCurrent("rule:\(cell):\(name)", event)
        let known = inventory.rules[cell] != nil
        var rule = inventory.rules[cell]?[name]

        let summary: String
        switch event.eventName {
        case "PutRule":
            // PutRule replaces the rule's properties (an omitted state means ENABLED) but keeps its targets.
            let state = RuleState(call.parameters["state"]?.stringValue ?? "ENABLED")
            let pattern = call.parameters["eventPattern"]?.stringValue
            let targets = rule?.targets ?? (known && !inventory.rulesIncomplete.contains(cell) ? [] : nil)
            rule = EventRule(name: name, arn: call.response["ruleArn"]?.stringValue ?? rule?.arn, state: state,
                             pattern: pattern, targets: targets)
            summary = "rule '\(name)' put (\(state))"
        case "DeleteRule":
            if current && known { removeRule(name, in: cell) }
            return change(cell, call, "rule '\(name)' deleted", applied: current)
        case "EnableRule", "DisableRule":
            guard var existing = rule else { return change(cell, call, "rule '\(name)' \(event.eventName == "EnableRule" ? "enabled" : "disabled") (not in the inventory)", applied: false) }
            existing.state = event.eventName == "EnableRule" ? .enabled : .disabled
            rule = existing
            summary = "rule '\(name)' \(existing.state)"
        case "PutTargets", "RemoveTargets":
            guard var existing = rule else { return change(cell, call, "targets of rule '\(name)' changed (rule not in the inventory)", applied: false) }
            let failed = Set((call.response["failedEntries"]?.arrayValue ?? []).compactMap { $0["targetId"]?.stringValue })
            var targets = existing.targets ?? []
            if event.eventName == "PutTargets" {
                let added = (call.parameters["targets"]?.arrayValue ?? []).compactMap { item -> RuleTarget? in
                    guard let id = item["id"]?.stringValue ?? item["Id"]?.stringValue, !failed.contains(id) else { return nil }
                    return RuleTarget(id: id, arn: item["arn"]?.stringValue ?? item["Arn"]?.stringValue ?? "")
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
            rule = existing
        default:
            return nil
        }
        guard let rule else { return nil }
        if current {
            if !known { inventory.rulesIncomplete.insert(cell) }
            setRule(rule, in: cell)
        }
        return change(cell, call, summary, applied: current)
    }
}
