/// DESIGN §2, *Newer wins*: a call changes the model only if it is newer
/// than what the model holds for its resource, and the calls on a resource
/// take effect in event-time order whatever order they arrive in.
extension CoverageModel {
    /// Applies a management call to its resource and says what it did.
    ///
    /// A call at or before the inventory's capture of the resource is
    /// superseded. A call newer than every one applied so far is applied
    /// at once (the common case). A call older than one already applied
    /// puts the resource back to its inventory state and applies its calls
    /// again in time order: it counts as applied only if that changed the
    /// resource, since a newer call may have overridden it entirely.
    mutating func applyManagement(_ call: ManagementCall) -> CoverageChange? {
        guard let (resource, cell) = Self.target(of: call) else { return nil }
        var history = histories[resource] ?? ResourceHistory(inventoryTime: baseInventory.baseline(of: resource))
        let current = state(of: resource)
        if history.isSuperseded(call.event.timestamp) {
            let reason = history.floorIsInventory
                ? "older than the inventory captured \(Timestamp.iso8601(milliseconds: history.floorTime ?? 0))"
                : "older than the last change"
            return superseded(cell, call, step(call, on: resource, current).summary, reason)
        }
        if history.contains(eventID: call.event.eventID) {
            // The same call on the other channel, or read again from another
            // file: already on the timeline once, so it says nothing again.
            return nil
        }
        let index = history.insert(call)
        let change: CoverageChange
        if index == history.calls.count - 1 {
            let outcome = step(call, on: resource, current)
            if outcome.applied { store(outcome.state, for: resource) }
            change = Self.change(cell, call, outcome.summary, applied: outcome.applied)
        } else {
            var own = CallOutcome(state: current, summary: call.event.eventName, applied: false)
            var replayed = history.floor ?? inventoryState(of: resource)
            for (position, each) in history.calls.enumerated() {
                let outcome = step(each, on: resource, replayed)
                if outcome.applied { replayed = outcome.state }
                if position == index { own = outcome }
            }
            let changed = replayed != current
            if changed { store(replayed, for: resource) }
            change = Self.change(cell, call, own.summary + (changed
                ? " (older than the last change: applied in event-time order)"
                : " (older than the last change: not applied)"), applied: changed)
        }
        history.fold { floor, calls in
            calls.reduce(floor ?? inventoryState(of: resource)) { state, each in
                let outcome = step(each, on: resource, state)
                return outcome.applied ? outcome.state : state
            }
        }
        histories[resource] = history
        return change
    }

    func superseded(_ cell: CellKey, _ call: ManagementCall, _ summary: String, _ reason: String) -> CoverageChange {
        Self.change(cell, call, "\(summary) (\(reason): not applied)", applied: false)
    }

    static func change(_ cell: CellKey, _ call: ManagementCall, _ summary: String, applied: Bool) -> CoverageChange {
        CoverageChange(cell: cell, entry: TimelineEntry(event: call.event, summary: summary), applied: applied)
    }
}
