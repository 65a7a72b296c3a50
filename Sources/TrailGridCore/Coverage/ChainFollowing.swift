/// Following a watch's probe from a cell's forwarding rule to a sink.
///
/// Every hop inside the inventory is followed and judged; a hop whose facts
/// were not collected (a bus list, a bus's rules, a targets file beyond the
/// cell) is `unverified`, which does not fail the cell by itself. Of several
/// targets or rules, the one that gets furthest counts: EventBridge sends to
/// all of them, so one working path is enough.
struct ChainProbe {
    var watch: Int
    var probe: Int
    /// The cell the call was made in: forwarded events keep its `account`
    /// and `region`, so rules further on match the event as it was there.
    var origin: CellKey
    var watchName: String
    var facts: ProbeFacts
    /// `source` and `detail-type`, which bus policy conditions may test.
    var source: String?
    var detailType: String?
}

/// What a bus's policy says of one sender, or why it cannot say.
enum BusAdmission: Equatable {
    case admitted(String)
    case refused(String)
    case missing(String)
    case undecided(String)
}

/// A target's ARN read once: what it is, and the account and region it names.
struct ParsedTarget: Sendable {
    var kind: TargetKind
    var account: String
    var region: String

    init(arn: String) {
        kind = TargetKind(arn: arn)
        let parts = ARNParts(arn)
        account = parts?.account ?? ""
        region = parts?.region ?? ""
    }
}

extension CoverageModel {
    /// Every watch's probes as the chain follower reads them, placed nowhere yet.
    static func chainProbes(_ watches: [WatchProfile]) -> [[ChainProbe]] {
        watches.enumerated().map { index, profile in
            profile.watch.probes.enumerated().map { probe, document in
                ChainProbe(watch: index, probe: probe, origin: CellKey(account: "", region: ""), watchName: profile.name,
                           facts: profile.probes[probe], source: document["source"]?.stringValue,
                           detailType: document["detail-type"]?.stringValue)
            }
        }
    }

    func chainProbe(_ watch: Int, _ probe: Int, origin: CellKey) -> ChainProbe {
        var placed = chainProbes[watch][probe]
        placed.origin = origin
        return placed
    }

    /// The ARN of `target` read, from the table `compile` fills (parsed now
    /// for a target that reached the model some other way).
    func parsed(_ target: RuleTarget) -> ParsedTarget {
        parsedTargets[target.arn] ?? ParsedTarget(arn: target.arn)
    }

    mutating func noteTargets(of rule: EventRule) {
        for target in rule.targets ?? [] where parsedTargets[target.arn] == nil {
            parsedTargets[target.arn] = ParsedTarget(arn: target.arn)
        }
    }

    /// What `rule` (enabled, matching, with targets) on `bus` makes of the
    /// probe: the best of its targets. `path` holds the buses the event is
    /// already on, the cell's default bus first; `bus` is its last.
    func deliver(_ rule: EventRule, on bus: BusKey, _ probe: ChainProbe, path: [BusKey]) -> DeliveryChain {
        var best: DeliveryChain?
        for target in rule.targets ?? [] {
            let chain = follow(target, of: rule, on: bus, probe, path: path)
            if chain.word.badness < (best?.word.badness ?? .max) { best = chain }
            if chain.word == .forwarding { break }
        }
        return best ?? DeliveryChain(word: .noTarget, hops: [], problem: "rule '\(rule.name)' on \(bus.label) has no target")
    }

    func follow(_ target: RuleTarget, of rule: EventRule, on bus: BusKey, _ probe: ChainProbe, path: [BusKey]) -> DeliveryChain {
        let delivery = path.count
        // Words for reasons, built only when a hop breaks.
        var sender: String { "rule '\(rule.name)' on \(bus.label)" }
        var watch: String { "'\(probe.watchName)'" }
        let target = (rule: target, parsed: parsed(target))
        func stop(_ step: ChainHop.Step, _ word: RuleCoverage, _ problem: String, state: ChainHop.State = .breaks) -> DeliveryChain {
            DeliveryChain(word: word, hops: [ChainHop(step: step, state: state, note: problem)], problem: problem)
        }
        switch target.parsed.kind {
        case .sink(let kind):
            let step = ChainHop.Step.sink(kind, arn: target.rule.arn)
            let arn = target.parsed
            // Only event buses are reached across regions: any other target must be in the rule's own region.
            if !arn.region.isEmpty && arn.region != bus.region && (arn.account.isEmpty || arn.account == bus.account) {
                return stop(step, .unreachable, "\(sender) targets a \(kind.rawValue) in another region (\(arn.region)): EventBridge delivers across regions only to event buses")
            }
            if !arn.account.isEmpty, arn.account != bus.account {
                guard kind.reachableFromOtherAccounts else {
                    return stop(step, .unreachable, "\(sender) targets a \(kind.rawValue) in account \(arn.account): EventBridge delivers to another account only buses and API Gateway, Kinesis, Lambda, SNS and SQS targets")
                }
                if !arn.region.isEmpty && arn.region != bus.region {
                    return stop(step, .unreachable, "\(sender) targets a \(kind.rawValue) in another account and region (\(arn.account), \(arn.region)): EventBridge delivers to another account's targets only within one region")
                }
                if target.rule.roleArn == nil {
                    return stop(step, .noRole, "\(sender) targets a \(kind.rawValue) in account \(arn.account) without an execution role (RoleArn): nothing is delivered")
                }
            } else if kind.needsRole && target.rule.roleArn == nil {
                return stop(step, .noRole, "\(sender) targets a \(kind.rawValue) without an execution role (RoleArn): nothing is delivered")
            }
            return DeliveryChain(word: .forwarding, hops: [ChainHop(step: step, state: .holds, note: "delivered")])
        case .eventBus(let next):
            let step = ChainHop.Step.bus(next)
            if path.contains(next) {
                return stop(step, .loop, "\(sender) sends \(watch) back to \(next.label), already on its chain: a loop delivers nothing")
            }
            if delivery >= DeliveryChain.maxBuses {
                return stop(step, .tooLong, "\(sender) would put \(watch) on \(next.label), but \(bus.label) received it from \(path[delivery - 2].label): EventBridge does not route an event received from another bus on to a third bus")
            }
            if (next.account != bus.account || next.region != bus.region) && target.rule.roleArn == nil {
                return stop(step, .noRole, "\(sender) sends to \(next.label) without an execution role (RoleArn): a bus in another account or region needs one")
            }
            switch admission(to: next, from: bus.account, role: target.rule.roleArn, probe) {
            case .refused(let why):
                return stop(step, .busRejects, "\(next.label) does not admit events from \(bus.account): \(why)")
            case .missing(let why):
                return stop(step, .noBus, "\(sender) targets \(next.label), which does not exist: \(why)")
            case .undecided(let why):
                return stop(step, .unverified, "\(watch) goes on to \(next.label), not verified: \(why)", state: .unverified)
            case .admitted(let note):
                let rest = arrive(at: next, probe, path: path + [next])
                return DeliveryChain(word: rest.word, hops: [ChainHop(step: step, state: .holds, note: note)] + rest.hops, problem: rest.problem)
            }
        }
    }

    /// Whether `next` takes an event from a rule in account `sender`.
    func admission(to next: BusKey, from sender: String, role: String?, _ probe: ChainProbe) -> BusAdmission {
        let listed = inventory.buses[next.cell]
        if let listed, listed[next.name] == nil, !next.isDefault {
            return .missing("the bus list of \(next.account), \(next.region) (buses.json) does not name it")
        }
        if sender == next.account { return .admitted("admitted: its own account") }
        guard let listed else {
            return .undecided("its policy is unknown (\(inventory.whyMissing("buses.json", of: next.cell)) for \(next.account), \(next.region))")
        }
        switch listed[next.name]?.policy ?? .none {
        case .none:
            return .refused("it has no resource policy, so it admits only its own account")
        case .unreadable(let why):
            return .undecided("its policy cannot be read (\(why))")
        case .document(let policy):
            let request = PutEventsRequest(sender: sender, senderRole: role, organization: inventory.organization(of: sender),
                                           busArn: listed[next.name]?.arn ?? next.arn, source: probe.source, detailType: probe.detailType)
            switch policy.admission(of: request) {
            case .admitted(let why): return .admitted(why)
            case .refused(let why): return .refused(why)
            case .undecided(let why): return .undecided(why)
            }
        }
    }

    /// The event is on `bus` (the last of `path`): a rule there, in that
    /// bus's own region, must match it and send it on.
    func arrive(at bus: BusKey, _ probe: ChainProbe, path: [BusKey]) -> DeliveryChain {
        var watch: String { "'\(probe.watchName)'" }
        guard let rules = rules(on: bus) else {
            let file = bus.isDefault ? "\(bus.account)/\(bus.region)/rules.json" : "\(bus.account)/\(bus.region)/buses/\(bus.name)/rules.json"
            let problem = "\(watch) reaches \(bus.label), whose rules were not collected (no \(file)): not verified beyond it"
            return DeliveryChain(word: .unverified, hops: [ChainHop(step: .rules(on: bus), state: .unverified, note: problem)], problem: problem)
        }
        var best: DeliveryChain?
        var nearMiss: String?
        for rule in rules.values.filter({ $0.pattern != nil }).sorted(by: { $0.name < $1.name }) where matches(rule, on: bus, probe) {
            let step = ChainHop.Step.rule(rule.name, on: bus)
            let chain: DeliveryChain
            switch Self.outcome(of: rule, for: probe.facts) {
            case .forwarding:
                let rest = deliver(rule, on: bus, probe, path: path)
                chain = DeliveryChain(word: rest.word, hops: [ChainHop(step: step, state: .holds, note: "\(rule.state), matches")] + rest.hops,
                                      problem: rest.problem)
            case .readsMissed:
                let problem = "rule '\(rule.name)' on \(bus.label) matches \(watch) but its state is ENABLED, not ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS: read-only calls (\(probe.facts.eventName)) are not delivered"
                chain = DeliveryChain(word: .readsMissed, hops: [ChainHop(step: step, state: .breaks, note: problem)], problem: problem)
            case .unknown:
                let problem = "targets of rule '\(rule.name)' on \(bus.label) unknown (no targets file): \(watch) not verified beyond it"
                chain = DeliveryChain(word: .unverified, hops: [ChainHop(step: step, state: .unverified, note: problem)], problem: problem)
            default:
                let why = rule.state.isEnabled ? "has no target" : "is \(rule.state)"
                nearMiss = nearMiss ?? "rule '\(rule.name)' matching it \(why)"
                continue
            }
            if chain.word.badness < (best?.word.badness ?? .max) { best = chain }
            if chain.word == .forwarding { break }
        }
        if let best, best.word == .forwarding || !inventory.busRulesIncomplete.contains(bus) { return best }
        if inventory.busRulesIncomplete.contains(bus) {
            let problem = "\(bus.label)'s rules are known only from events (no rules.json): \(watch) not verified beyond it"
            return DeliveryChain(word: .unverified, hops: [ChainHop(step: .rules(on: bus), state: .unverified, note: problem)], problem: problem)
        }
        let problem = "\(bus.label) has no enabled rule forwarding \(watch)" + (nearMiss.map { " (\($0))" } ?? "")
        return DeliveryChain(word: .busNoRule, hops: [ChainHop(step: .rules(on: bus), state: .breaks, note: problem)], problem: problem)
    }

    /// The rules of a bus, nil when they were not collected.
    func rules(on bus: BusKey) -> [String: EventRule]? {
        bus.isDefault ? inventory.rules[bus.cell] : inventory.busRules[bus]
    }

    /// Whether `rule` on `bus` matches the probe as it was made in the
    /// origin cell: the match tables are placed at the bus's own cell, so a
    /// pattern that tests where an event came from is matched again.
    func matches(_ rule: EventRule, on bus: BusKey, _ probe: ChainProbe) -> Bool {
        guard let pattern = rule.pattern else { return false }
        if bus.cell != probe.origin, let placed = placedPatterns[pattern] {
            let document = Watch.place(watches[probe.watch].watch.probes[probe.probe], account: probe.origin.account, region: probe.origin.region)
            return placed.matches(document)
        }
        let table = bus.isDefault ? ruleMatches[bus.cell]?[rule.name] : busRuleMatches[bus]?[rule.name]
        return table?.matches(watch: probe.watch, probe: probe.probe) ?? false
    }

    // MARK: - Match tables of the buses' rules

    /// Compiles a rule of a bus other than `default`, as `compile` does the default bus's.
    mutating func compileBusRule(_ rule: EventRule, on bus: BusKey) {
        guard let pattern = rule.pattern else {
            busRuleMatches[bus]?[rule.name] = nil
            return
        }
        busRuleMatches[bus, default: [:]][rule.name] = matcher.match(pattern, in: bus.cell, watches: watches)
        notePlacement(of: pattern)
        noteTargets(of: rule)
    }

    /// Keeps the compiled pattern of a rule whose matches depend on where the
    /// event was made, for the chains that reach its bus from other cells.
    mutating func notePlacement(of pattern: String) {
        guard placedPatterns[pattern] == nil, let placed = matcher.placedPattern(pattern) else { return }
        placedPatterns[pattern] = placed
    }
}
