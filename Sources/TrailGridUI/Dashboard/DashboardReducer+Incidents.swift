import TrailGridCore

/// The incident list and an incident's detail: move, open, acknowledge.
extension DashboardReducer {
    /// Incidents as the list shows them, newest first.
    static func listedIncidents(_ state: DashboardState) -> [Incident] {
        state.incidents.reversed()
    }

    static func handleIncidents(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        let listed = listedIncidents(state)
        let selected: String? = {
            if case .incident(let id)? = state.overlay { return id }
            return listed.indices.contains(state.incidentCursor) ? listed[state.incidentCursor].id : nil
        }()
        switch key {
        case .char("A"):
            guard let selected else { return [] }
            return acknowledge(selected, &state)
        case .enter:
            if case .incidents? = state.overlay, let selected {
                state.overlay = .incident(selected)
                state.overlayScroll = 0
            } else {
                state.overlay = .incidents
            }
        case .escape, .backspace, .char("q"):
            if case .incident? = state.overlay { state.overlay = .incidents } else { state.overlay = nil }
        case .char("I"):
            state.overlay = nil
        case .up, .char("k"):
            if case .incident? = state.overlay { state.overlayScroll = max(0, state.overlayScroll - 1) } else {
                state.incidentCursor = max(0, state.incidentCursor - 1)
            }
        case .down, .char("j"):
            if case .incident? = state.overlay { state.overlayScroll += 1 } else {
                state.incidentCursor = min(max(0, listed.count - 1), state.incidentCursor + 1)
            }
        case .home, .char("g"):
            state.incidentCursor = 0
            state.overlayScroll = 0
        case .end, .char("G"):
            state.incidentCursor = max(0, listed.count - 1)
        default:
            break
        }
        return []
    }

    /// Marks an incident answered for, by whom and when; stored at once.
    static func acknowledge(_ id: String, _ state: inout DashboardState) -> [DashboardEffect] {
        guard let index = state.incidents.firstIndex(where: { $0.id == id }) else { return [] }
        guard !state.incidents[index].isAcknowledged else {
            say("incident already acknowledged by \(state.incidents[index].acknowledgedBy ?? "someone")", error: false, &state)
            return []
        }
        state.incidents[index].acknowledgedBy = state.operatorName
        state.incidents[index].acknowledgedAt = state.now
        state.refreshIncidentCells()
        say("incident \(state.incidents[index].eventName) acknowledged by \(state.operatorName)", error: false, &state)
        guard state.remembers else { return [] }
        var delta = StateDelta()
        delta.incidents = [state.incidents[index]]
        return [.persist(delta)]
    }
}
