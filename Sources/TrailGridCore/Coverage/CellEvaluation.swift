extension CoverageModel {
    /// The verdict of one cell at `now`, and why.
    ///
    /// Order of the questions, each answered from the inventory and then the
    /// feeds: can calls happen here at all (OFF), does a logging trail record
    /// them (STOPPED, DARK), does a rule forward every watch (BLIND), and do
    /// the feeds agree (SILENT).
    public func report(account: String, region: String, now: Int64) -> CellReport {
        let cell = CellKey(account: account, region: region)
        let info = inventory.accounts[account]
        var report = CellReport(account: account, accountName: info?.name, region: region, verdict: .unknown, trail: .unknown, reason: "")

        if let info, info.isInactive {
            report.verdict = .off
            report.reason = "account \(info.state?.lowercased() ?? "inactive")" + (info.state == "REMOVED" ? " (left the organization)" : "")
            return report
        }
        switch regionState(cell) {
        case .disabled(let why):
            report.verdict = .off
            report.reason = why
            return report
        case .unknown(let why):
            report.reason = why
            return report
        case .enabled:
            break
        }

        let trail = trailFindings(cell)
        report.trail = trail.coverage
        report.trails = trail.trails.map(\.label)
        let watchFindings = watches.indices.compactMap { watchFinding($0, cell: cell, trail: trail) }
        for finding in watchFindings {
            report.rules[finding.name] = finding.rule
            report.chains[finding.name] = finding.chain
        }
        report.unrecorded = watchFindings.filter { $0.recorded == false }.map(\.name)
        let cellEvidence = evidence[cell] ?? ChannelEvidence()
        let silentSince = cellEvidence.silentSince(now: now, window: options.heartbeatWindow)

        var reasons = [trail.summary]
        switch trail.coverage {
        case .stopped:
            report.verdict = .stopped
            reasons += deadRuleReasons(watchFindings)
        case .none:
            report.verdict = .dark
            reasons += deadRuleReasons(watchFindings)
        case .unknown:
            if let since = silentSince {
                report.verdict = .blind
                reasons.append(silenceReason(since, evidence: cellEvidence, now: now))
            } else {
                report.verdict = .unknown
                reasons += Self.collapsed(watchFindings.compactMap(\.problem), of: watchFindings.count)
            }
        case .logging, .partial:
            let failing = watchFindings.filter(\.isFailing)
            let unknown = watchFindings.filter { !$0.isFailing && $0.isUnknown }
            // Only when no unseen trail could record them (else the findings say what is unknown).
            if trail.recordsNoManagementEvents && trail.unseen == nil {
                report.verdict = .dark
                reasons += deadRuleReasons(watchFindings)
            } else if !failing.isEmpty {
                report.verdict = .blind
                reasons += Self.collapsed(failing.compactMap(\.problem), of: watchFindings.count)
            } else if let since = silentSince {
                report.verdict = unknown.isEmpty ? .silent : .blind
                reasons.append(silenceReason(since, evidence: cellEvidence, now: now))
            } else if !unknown.isEmpty {
                report.verdict = .unknown
                reasons += Self.collapsed(unknown.compactMap(\.problem), of: watchFindings.count)
            } else {
                report.verdict = .ok
                reasons.append(watchFindings.isEmpty
                    ? "no watch applies here"
                    : "every watch forwarded (\(watchFindings.count) of \(watchFindings.count))")
            }
        }
        report.reason = reasons.filter { !$0.isEmpty }.joined(separator: "; ")
        return report
    }

    /// One hop that fails every watch (a bus that rejects the sender) is one
    /// problem, not one sentence per watch: identical problems are said once,
    /// with how many watches they fail.
    static func collapsed(_ problems: [String], of watches: Int) -> [String] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for problem in problems {
            if counts[problem] == nil { order.append(problem) }
            counts[problem, default: 0] += 1
        }
        return order.map { problem in
            let count = counts[problem] ?? 1
            if count == 1 { return problem }
            return problem + (count == watches ? " (every watch)" : " (\(count) watches)")
        }
    }

    /// What of the feeds a cell's report reads (keep in step with
    /// `report(account:region:now:)`, `trailFindings` and `watchFinding`).
    ///
    /// The rest of a report comes from the inventory, which only a coverage
    /// change alters, and from the time. So when a cell's inputs are equal
    /// before and after some events that changed no coverage, its report at
    /// a given time is unchanged: a dashboard taking thousands of events a
    /// second recomputes only the cells whose inputs moved.
    public struct FeedInputs: Sendable, Equatable {
        /// An event came from the cell: its region is evidently enabled.
        var seen: Bool
        /// A realtime event came from the cell.
        var realtimeSeen: Bool
        /// Watches a realtime event proved forwarded.
        var forwardedWatches: Set<Int>
        /// The oldest watch-matching trail event no realtime one followed.
        var oldestUnanswered: Int64?
    }

    /// The feed inputs of `cell`'s report now.
    public func feedInputs(of cell: CellKey) -> FeedInputs {
        let evidence = evidence[cell]
        return FeedInputs(seen: cellsSeen.contains(cell), realtimeSeen: (evidence?.realtimeCount ?? 0) > 0,
                          forwardedWatches: evidence?.forwardedWatches ?? [], oldestUnanswered: evidence?.unanswered.first)
    }

    func silenceReason(_ since: Int64, evidence: ChannelEvidence, now: Int64) -> String {
        let minutes = options.heartbeatWindow / 60_000
        return "trail-channel events matching a watch since \(Timestamp.iso8601(milliseconds: since)) had no real-time event within \(minutes) min"
            + (evidence.realtimeCount == 0 ? " (no real-time event ever seen here)" : "")
    }

    func deadRuleReasons(_ findings: [WatchFinding]) -> [String] {
        let live = Set(findings.flatMap(\.forwardingRules)).sorted()
        guard !live.isEmpty else { return [] }
        let names = live.map { "'\($0)'" }.joined(separator: ", ")
        return ["rule \(names) is dead: it never fires without a logging trail recording the calls"]
    }

    // MARK: - Region

    enum RegionState {
        case enabled
        case disabled(String)
        case unknown(String)
    }

    func regionState(_ cell: CellKey) -> RegionState {
        if let status = regionOverrides[cell] {
            return status.enabled ? .enabled : .disabled("region disabled for the account (\(status.status))")
        }
        if let statuses = inventory.regions[cell.account] {
            if let status = statuses[cell.region] {
                return status.enabled ? .enabled : .disabled("region not enabled for the account (\(status.status))")
            }
            if cellsSeen.contains(cell) { return .enabled }
            return .disabled("region not listed in the account's regions.json")
        }
        if !AWSRegions.optIn.contains(cell.region) && AWSRegions.commercial.contains(cell.region) { return .enabled }
        // The API answered there, or events came from there: it is enabled.
        if cellsSeen.contains(cell) || inventory.trailListed.contains(cell) || inventory.rules[cell] != nil { return .enabled }
        if AWSRegions.optIn.contains(cell.region) {
            return .unknown("opt-in region and the account's enabled regions are unknown (no regions.json)")
        }
        return .unknown("region \(cell.region) not in the built-in list and no regions.json")
    }
}
