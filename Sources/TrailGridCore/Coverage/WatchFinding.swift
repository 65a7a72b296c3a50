/// How one watch fares in one cell.
struct WatchFinding {
    var name: String
    var rule: RuleCoverage
    /// Whether the covering logging trails record every probe; nil: unknown.
    var recorded: Bool?
    /// Enabled rules with targets that would forward some probe of this watch.
    var forwardingRules: [String]
    /// What is wrong, in words; nil when nothing is.
    var problem: String?
    /// The chain of the probe that fares worst (the first probe's when all
    /// are forwarded), from the cell's rule to where it ends or breaks.
    var chain = DeliveryChain(word: .unknown, hops: [])

    var isFailing: Bool {
        recorded == false || rule.isFailing
    }

    var isUnknown: Bool { recorded == nil || rule.isUndecided }
}

/// One probe's outcome against the rules of a cell and the chain behind them.
private struct ProbeOutcome {
    var probe: ProbeFacts
    var word: RuleCoverage
    var rule: String?
    var chain: DeliveryChain
}

extension CoverageModel {
    /// nil when the watch does not apply in the cell's region. Only the
    /// probes whose events are recorded in the cell's region are asked of it
    /// (a root sign-in is recorded in us-east-1 only).
    func watchFinding(_ index: Int, cell: CellKey, trail: TrailFindings) -> WatchFinding? {
        let profile = watches[index]
        guard profile.applies(in: cell.region) else { return nil }
        let proven = evidence[cell]?.forwardedWatches.contains(index) ?? false
        let rules = inventory.rules[cell]
        let matches = ruleMatches[cell] ?? [:]

        let bus = BusKey.defaultBus(of: cell)
        var outcomes: [ProbeOutcome] = []
        var forwarding: Set<String> = []
        let patternRules = (rules?.values.filter { $0.pattern != nil } ?? []).sorted { $0.name < $1.name }
        for (probeIndex, probe) in profile.probes.enumerated() where probe.regions.includes(cell.region) {
            guard rules != nil else {
                outcomes.append(ProbeOutcome(probe: probe, word: .unknown, rule: nil, chain: DeliveryChain(word: .unknown, hops: [
                    ChainHop(step: .rules(on: bus), state: .unknown, note: "rules unknown (\(inventory.whyMissing("rules.json", of: cell)))"),
                ])))
                continue
            }
            var found: ProbeOutcome?
            for rule in patternRules {
                guard matches[rule.name]?.matches(watch: index, probe: probeIndex) == true else { continue }
                // Once a chain delivers, the other rules only count as live (for dead-rule reasons).
                if found?.word == .forwarding {
                    if Self.outcome(of: rule, for: probe) == .forwarding { forwarding.insert(rule.name) }
                    continue
                }
                let candidate = Self.originOutcome(of: rule, on: bus, for: probe) { rule in
                    forwarding.insert(rule.name)
                    return deliver(rule, on: bus, chainProbe(index, probeIndex, origin: cell), path: [bus])
                }
                if candidate.word.badness < (found?.word.badness ?? .max) { found = candidate }
            }
            let none: RuleCoverage = patternRules.isEmpty ? .none : .narrow
            var best = found ?? ProbeOutcome(probe: probe, word: none, rule: nil, chain: DeliveryChain(word: none, hops: [
                ChainHop(step: .rules(on: bus), state: .breaks,
                         note: patternRules.isEmpty ? "no event-pattern rule" : "no rule matches \(probe.eventName)"),
            ]))
            if inventory.rulesIncomplete.contains(cell) && best.word != .forwarding {
                best = ProbeOutcome(probe: probe, word: .unknown, rule: nil, chain: DeliveryChain(word: .unknown, hops: [
                    ChainHop(step: .rules(on: bus), state: .unknown, note: "rules known only from events (no rules.json)"),
                ]))
            }
            outcomes.append(best)
        }
        // The first of the worst probes (nil when no probe is asked here): with every probe forwarded, the first probe's chain.
        let worst = outcomes.reduce(nil as ProbeOutcome?) { worst, outcome in
            guard let worst else { return outcome }
            return outcome.word.badness > worst.word.badness ? outcome : worst
        }
        let recording = recording(profile, trail: trail)
        var finding = WatchFinding(name: profile.name, rule: proven ? .forwarding : worst?.word ?? .forwarding,
                                   recorded: recording.recorded, forwardingRules: forwarding.sorted(),
                                   chain: worst?.chain ?? DeliveryChain(word: .forwarding, hops: []))
        finding.problem = problem(finding, profile: profile, outcomes: outcomes, worst: worst, unrecorded: recording.missing,
                                  cell: cell, trail: trail)
        return finding
    }

    /// What a cell's own rule whose pattern matches a probe does with it:
    /// when it would fire and send, `follow` says what its targets make of it.
    private static func originOutcome(of rule: EventRule, on bus: BusKey, for probe: ProbeFacts,
                                      follow: (EventRule) -> DeliveryChain) -> ProbeOutcome {
        let word = outcome(of: rule, for: probe)
        let step = ChainHop.Step.rule(rule.name, on: bus)
        guard word == .forwarding else {
            let note: String
            switch word {
            case .disabled: note = "\(rule.state)"
            case .readsMissed: note = "ENABLED: read-only calls are not delivered"
            case .unknown: note = "targets unknown (no targets file)"
            default: note = "no target"
            }
            return ProbeOutcome(probe: probe, word: word, rule: rule.name, chain: DeliveryChain(word: word, hops: [
                ChainHop(step: step, state: word == .unknown ? .unknown : .breaks, note: note),
            ]))
        }
        let rest = follow(rule)
        return ProbeOutcome(probe: probe, word: rest.word, rule: rule.name, chain: DeliveryChain(
            word: rest.word, hops: [ChainHop(step: step, state: .holds, note: "\(rule.state), matches")] + rest.hops, problem: rest.problem))
    }

    /// What a rule whose pattern matches a probe does with it.
    static func outcome(of rule: EventRule, for probe: ProbeFacts) -> RuleCoverage {
        guard rule.state.isEnabled else { return .disabled }
        if probe.readOnly && rule.state != .enabledWithAllManagementEvents { return .readsMissed }
        guard let targets = rule.targets else { return .unknown }
        return targets.isEmpty ? .noTarget : .forwarding
    }

    /// Whether the covering logging trails record every probe of the watch
    /// asked of the cell (nil: some trail's selectors are unknown, or a trail
    /// nobody has seen may record what the known ones miss), and the probes
    /// no known trail records.
    func recording(_ profile: WatchProfile, trail: TrailFindings) -> (recorded: Bool?, missing: [ProbeFacts]) {
        guard !trail.logging.isEmpty else {
            // Logging proven by the feed alone records what it delivered; otherwise not applicable.
            return (trail.coverage == .logging ? true : nil, [])
        }
        var missing: [ProbeFacts] = []
        var unknown = false
        for probe in profile.probes where probe.regions.includes(trail.cell.region) {
            var seen = false
            var undecided = false
            for candidate in trail.logging {
                // Outside us-east-1 a sign-in or STS call is a regional endpoint's event, recorded without the option.
                if probe.isGlobalService && trail.cell.region == AWSRegions.globalEventRegion && !candidate.includeGlobalServiceEvents { continue }
                guard let capture = candidate.capture else {
                    undecided = true
                    continue
                }
                if capture.records(eventSource: probe.eventSource, eventName: probe.eventName,
                                   readOnly: probe.readOnly, eventType: probe.eventType) {
                    seen = true
                    break
                }
            }
            if !seen {
                if undecided { unknown = true } else { missing.append(probe) }
            }
        }
        if !missing.isEmpty { return (trail.unseen == nil ? false : nil, missing) }
        return (unknown ? nil : true, [])
    }

    private func problem(
        _ finding: WatchFinding, profile: WatchProfile, outcomes: [ProbeOutcome], worst: ProbeOutcome?,
        unrecorded missing: [ProbeFacts], cell: CellKey, trail: TrailFindings
    ) -> String? {
        let watch = "'\(profile.name)'"
        if finding.recorded == false {
            let global = missing.contains { $0.isGlobalService } && trail.logging.allSatisfy { !$0.includeGlobalServiceEvents }
            return global
                ? "no logging trail here includes global service events: \(watch) is never recorded"
                : "the logging trails' event selectors do not record \(watch) (\(Self.eventNames(missing)))"
        }
        let failingProbes = outcomes.filter { $0.word == worst?.word }.map(\.probe)
        let names = Self.eventNames(failingProbes)
        let rule = worst?.rule.map { "'\($0)'" } ?? "a matching rule"
        switch finding.rule {
        case .forwarding:
            if finding.recorded == nil, !missing.isEmpty, let unseen = trail.unseen {
                return "the known logging trails do not record \(watch) (\(Self.eventNames(missing))), and whether another does is unknown: \(unseen)"
            }
            if finding.recorded == nil { return "event selectors of a logging trail unknown: \(watch) may not be recorded" }
            return nil
        case .unknown:
            if inventory.rules[cell] == nil { return "rules unknown (\(inventory.whyMissing("rules.json", of: cell)))" }
            if inventory.rulesIncomplete.contains(cell) && worst?.rule == nil {
                return "rules known only from events (no rules.json): \(watch) not known to be forwarded"
            }
            return "targets of rule \(rule) unknown (no targets file): \(watch) may not be forwarded"
        case .none:
            return "no event-pattern rule on the default bus: \(watch) is not forwarded"
        case .narrow:
            let partly = outcomes.contains { $0.word != .narrow }
            return partly
                ? "no enabled rule on the default bus matches \(watch) for \(names)"
                : "no enabled rule on the default bus matches \(watch)"
        case .disabled:
            return "rule \(rule) matching \(watch) is DISABLED"
        case .noTarget:
            return "rule \(rule) matching \(watch) has no target"
        case .readsMissed:
            // On the cell's own rule, or (the chain says so) on a rule further along.
            if let further = worst?.chain.problem { return further }
            return "rule \(rule) matches \(watch) but its state is ENABLED, not ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS: read-only calls (\(names)) are not delivered"
        case .unverified, .noRole, .unreachable, .busRejects, .noBus, .busNoRule, .loop, .tooLong:
            // Words of the chain behind the cell's rule: its problem names the hop.
            return worst?.chain.problem ?? "the delivery chain of \(watch) breaks (\(finding.rule.rawValue))"
        }
    }

    static func eventNames(_ probes: [ProbeFacts]) -> String {
        let names = probes.map(\.eventName)
        return names.count > 4 ? names.prefix(4).joined(separator: ", ") + " and \(names.count - 4) more" : names.joined(separator: ", ")
    }
}
