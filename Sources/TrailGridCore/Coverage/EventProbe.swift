/// Whether one event, made in one cell, reaches a sink (issue 15 part 6).
public struct EventProbeCell: Sendable, Equatable {
    public enum Reach: String, Sendable, Equatable {
        /// Every hop holds, from the trail to a sink.
        case reaches
        /// Some hop inside the inventory stops it.
        case stops
        /// Not verified: a hop leaves the inventory, or a fact it needs was not collected.
        case unverified
    }

    public var account: String
    public var accountName: String?
    public var region: String
    public var reach: Reach
    /// Where and why it stops (or what is not verified), naming the hop;
    /// nil when it reaches.
    public var stops: String?
    /// The hops from the cell's rule on, as the cell detail shows a watch's.
    public var chain: DeliveryChain

    /// `true`, `false`, or nil when not verified (what `probe --format json` prints).
    public var reaches: Bool? {
        switch reach {
        case .reaches: return true
        case .stops: return false
        case .unverified: return nil
        }
    }
}

/// The answer for a whole grid: every judged cell's outcome, and the cells
/// left out because the call cannot be made or recorded there.
public struct EventProbeResult: Sendable, Equatable {
    public var event: String
    public var outcomes: [EventProbeCell]
    /// Cells not judged, with why (region off, or the event recorded elsewhere).
    public var notJudged: [(cell: CellKey, why: String)]

    public var reachesEverywhere: Bool { outcomes.allSatisfy { $0.reach == .reaches } }

    public func outcome(_ cell: CellKey) -> EventProbeCell? {
        outcomes.first { $0.account == cell.account && $0.region == cell.region }
    }

    public static func == (lhs: EventProbeResult, rhs: EventProbeResult) -> Bool {
        lhs.event == rhs.event && lhs.outcomes == rhs.outcomes
            && lhs.notJudged.map(\.cell) == rhs.notJudged.map(\.cell) && lhs.notJudged.map(\.why) == rhs.notJudged.map(\.why)
    }
}

extension CoverageModel {
    /// Would `event`, made in each cell of the grid, reach a sink? The event
    /// is placed in the cell (its account and region replaced, as a call
    /// made there would carry them) and judged as a one-probe watch against
    /// this model's inventory, live changes included: the covering trails
    /// must record it, a default-bus rule must match it, and the chain
    /// behind that rule must deliver it — the same follower the watches use.
    public func probe(_ event: ProbeEvent) -> EventProbeResult {
        var single = CoverageModel(inventory: inventory, watches: [event.watch], options: options)
        single.regionOverrides = regionOverrides
        single.cellsSeen = cellsSeen
        return single.probeAll(event)
    }

    private func probeAll(_ event: ProbeEvent) -> EventProbeResult {
        var result = EventProbeResult(event: event.label, outcomes: [], notJudged: [])
        for cell in cells {
            switch probeCell(cell) {
            case .judged(let outcome): result.outcomes.append(outcome)
            case .notJudged(let why): result.notJudged.append((cell, why))
            }
        }
        return result
    }

    private enum CellProbe {
        case judged(EventProbeCell)
        case notJudged(String)
    }

    private func probeCell(_ cell: CellKey) -> CellProbe {
        let info = inventory.accounts[cell.account]
        func outcome(_ reach: EventProbeCell.Reach, _ stops: String?, chain: DeliveryChain = DeliveryChain(word: .unknown, hops: [])) -> CellProbe {
            .judged(EventProbeCell(account: cell.account, accountName: info?.name, region: cell.region, reach: reach, stops: stops, chain: chain))
        }
        if let info, info.isInactive { return .notJudged("account \(info.state?.lowercased() ?? "inactive")") }
        // Where the event is recorded first: a global service's event made anywhere lands in us-east-1, enabled or not.
        let profile = watches[0]
        guard profile.applies(in: cell.region) else {
            let regions: String
            if case .only(let list) = profile.probes[0].regions { regions = list.joined(separator: ", ") } else { regions = "other regions" }
            return .notJudged("\(profile.probes[0].eventSource) events are recorded in \(regions) only: a call made here is delivered to that region's default bus")
        }
        switch regionState(cell) {
        case .disabled(let why): return .notJudged(why)
        case .unknown(let why): return outcome(.unverified, why)
        case .enabled: break
        }
        let trail = trailFindings(cell)
        let name = profile.probes[0].eventName
        switch trail.coverage {
        case .none, .stopped:
            return outcome(.stops, "not recorded: \(trail.summary), so \(name) never reaches EventBridge")
        case .unknown:
            return outcome(.unverified, "whether a logging trail records it is unknown: \(trail.summary)")
        case .logging, .partial:
            break
        }
        if trail.recordsNoManagementEvents && trail.unseen == nil {
            return outcome(.stops, "not recorded: the logging trails here exclude management events (\(trail.summary))")
        }
        guard let finding = watchFinding(0, cell: cell, trail: trail) else {
            return .notJudged("\(name) is not recorded in \(cell.region)")
        }
        switch finding.recorded {
        case false?:
            return outcome(.stops, "not recorded: " + (finding.problem ?? "the logging trails' event selectors do not record \(name)"), chain: finding.chain)
        case nil:
            return outcome(.unverified, finding.problem ?? "whether the logging trails record \(name) is unknown", chain: finding.chain)
        case true?:
            break
        }
        if finding.rule == .forwarding { return outcome(.reaches, nil, chain: finding.chain) }
        let why = finding.problem ?? "the delivery chain breaks (\(finding.rule.rawValue))"
        return outcome(finding.rule.isUndecided ? .unverified : .stops, why, chain: finding.chain)
    }
}
