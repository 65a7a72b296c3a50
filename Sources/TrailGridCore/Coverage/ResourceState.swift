/// One resource's part of the model, as a value: what management calls
/// act on, so that a resource can be put back to what the inventory said
/// and its calls applied again in event-time order.
enum ResourceState: Sendable, Equatable {
    case trail(TrailInfo?)
    case rule(EventRule?)
    /// nil: the bus does not exist (its cell's bus list was read).
    case bus(EventBus?)
    /// nil: as the region list (or its absence) says.
    case region(RegionStatus?)
    case account(AccountInfo?)
}

/// What one call made of a resource, and the words for its timeline entry.
struct CallOutcome {
    var state: ResourceState
    var summary: String
    /// False when the call found nothing to act on (EnableRule on a rule not
    /// known): `state` is then the state it was given.
    var applied = true
}

extension CoverageModel {
    /// The resource's state in the model now.
    func state(of resource: CoverageResource) -> ResourceState {
        switch resource {
        case .trail(let arn): return .trail(inventory.trails[arn])
        case .rule(let cell, let name): return .rule(inventory.rules[cell]?[name])
        case .busRule(let bus, let name): return .rule(inventory.busRules[bus]?[name])
        case .bus(let bus): return .bus(inventory.buses[bus.cell]?[bus.name])
        case .region(let cell):
            return .region(inventory.regions[cell.account] != nil ? inventory.regions[cell.account]?[cell.region] : regionOverrides[cell])
        case .account(let id): return .account(inventory.accounts[id])
        }
    }

    /// The resource's state as the inventory was read.
    func inventoryState(of resource: CoverageResource) -> ResourceState {
        switch resource {
        case .trail(let arn): return .trail(baseInventory.trails[arn])
        case .rule(let cell, let name): return .rule(baseInventory.rules[cell]?[name])
        case .busRule(let bus, let name): return .rule(baseInventory.busRules[bus]?[name])
        case .bus(let bus): return .bus(baseInventory.buses[bus.cell]?[bus.name])
        case .region(let cell): return .region(baseInventory.regions[cell.account]?[cell.region])
        case .account(let id): return .account(baseInventory.accounts[id])
        }
    }

    /// Puts `state` into the model, with the indexes and match tables that follow from it.
    mutating func store(_ state: ResourceState, for resource: CoverageResource) {
        switch (resource, state) {
        case (.trail(let arn), .trail(let trail)):
            if let trail { inventory.upsertTrail(trail) } else { inventory.removeTrail(arn: arn) }
        case (.rule(let cell, let name), .rule(let rule)):
            guard let rule else {
                removeRule(name, in: cell)
                return
            }
            // Without the cell's rule list, rules learnt from events prove forwarding, not its absence.
            if baseInventory.rules[cell] == nil { inventory.rulesIncomplete.insert(cell) }
            setRule(rule, in: cell)
        case (.busRule(let bus, let name), .rule(let rule)):
            guard let rule else {
                inventory.busRules[bus]?[name] = nil
                busRuleMatches[bus]?[name] = nil
                return
            }
            // Without the bus's rule list, a rule learnt from events proves forwarding, not its absence.
            if baseInventory.busRules[bus] == nil { inventory.busRulesIncomplete.insert(bus) }
            inventory.busRules[bus, default: [:]][rule.name] = rule
            compileBusRule(rule, on: bus)
        case (.bus(let bus), .bus(let state)):
            // Only a cell whose bus list was read holds buses: elsewhere who a bus admits stays unknown.
            guard inventory.buses[bus.cell] != nil else { return }
            inventory.buses[bus.cell]?[bus.name] = state
        case (.region(let cell), .region(let status)):
            if inventory.accounts[cell.account] == nil { inventory.addAccount(AccountInfo(id: cell.account)) }
            if inventory.regions[cell.account] != nil {
                inventory.regions[cell.account]?[cell.region] = status
            } else {
                regionOverrides[cell] = status
            }
        case (.account(let id), .account(let account)):
            if inventory.accounts[id] == nil {
                if let account { inventory.addAccount(account) }
            } else {
                // An account the events introduced stays listed, with nothing known about it.
                inventory.accounts[id] = account ?? AccountInfo(id: id)
            }
        default:
            assertionFailure("state \(state) is not one of \(resource)")
        }
    }

    /// What `call` makes of `state`.
    func step(_ call: ManagementCall, on resource: CoverageResource, _ state: ResourceState) -> CallOutcome {
        switch (resource, state) {
        case (.trail(let arn), .trail(let trail)): return Self.trailStep(call, arn: arn, trail)
        case (.rule(let cell, let name), .rule(let rule)):
            return Self.ruleStep(call, name: name, rule, listRead: baseInventory.rules[cell] != nil)
        case (.busRule(let bus, let name), .rule(let rule)):
            var outcome = Self.ruleStep(call, name: name, rule, listRead: baseInventory.busRules[bus] != nil)
            outcome.summary += " on \(bus.label)"
            return outcome
        case (.bus(let bus), .bus(let existing)):
            return Self.busStep(call, bus, existing, listRead: inventory.buses[bus.cell] != nil)
        case (.region(let cell), .region): return Self.regionStep(call, cell)
        case (.account(let id), .account(let account)): return Self.accountStep(call, id: id, account)
        default: return CallOutcome(state: state, summary: "\(call.event.eventName): not applicable", applied: false)
        }
    }
}
