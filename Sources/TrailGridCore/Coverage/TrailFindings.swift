/// What the trails covering a cell amount to.
struct TrailFindings {
    var cell: CellKey
    var coverage: TrailCoverage
    var trails: [TrailInfo]
    /// The covering trails that are logging.
    var logging: [TrailInfo]
    var summary: String
    /// Why trails beyond the known ones may record calls here (the cell's
    /// trail list was not read, or organization membership is unknown), in
    /// words; nil when every trail that could cover the cell is known.
    ///
    /// A known logging trail is sound evidence of logging whatever else
    /// exists, but "stopped", "none" or "these events are not recorded" are
    /// claims about every trail, which an unseen one could contradict.
    var unseen: String?

    /// Logging trails exist but none records any management event: nothing
    /// of what watches look for reaches EventBridge.
    var recordsNoManagementEvents: Bool {
        !logging.isEmpty && logging.allSatisfy { $0.capture == .nothing }
    }
}

extension CoverageModel {
    func trailFindings(_ cell: CellKey) -> TrailFindings {
        let covering = inventory.coveringTrails(cell)
        let logging = covering.filter { $0.isLogging == true }
        let unknownStatus = covering.filter { $0.isLogging == nil }
        let unseen = unseenTrails(cell)
        func findings(_ coverage: TrailCoverage, _ summary: String, trails: [TrailInfo] = [], logging: [TrailInfo] = []) -> TrailFindings {
            TrailFindings(cell: cell, coverage: coverage, trails: trails, logging: logging, summary: summary, unseen: unseen)
        }

        if !logging.isEmpty { return loggingFindings(cell, covering: covering, logging: logging, unseen: unseen) }
        if !unknownStatus.isEmpty {
            let names = unknownStatus.map(\.label).joined(separator: ", ")
            return findings(.unknown, "logging status unknown for \(names) (no trail-status file)", trails: covering)
        }
        if covering.isEmpty {
            if let unseen {
                if (evidence[cell]?.realtimeCount ?? 0) > 0 {
                    // A CloudTrail event on EventBridge needs a logging trail: the feed proves one.
                    return findings(.logging, "no known trail covers this region, but real-time events prove a logging trail (\(unseen))")
                }
                return findings(.unknown, "trails unknown: \(unseen)")
            }
            return findings(.none, "no trail covers this region")
        }
        let names = covering.map(\.label).joined(separator: ", ")
        let stopped = "\(names) \(covering.count == 1 ? "exists but is" : "exist but are") not logging"
        if let unseen { return findings(.unknown, "\(stopped), and another trail may log here: \(unseen)", trails: covering) }
        return findings(.stopped, stopped, trails: covering)
    }

    private func loggingFindings(_ cell: CellKey, covering: [TrailInfo], logging: [TrailInfo], unseen: String?) -> TrailFindings {
        let complete = logging.contains { $0.capture?.isComplete == true }
        var parts = logging.map { trail -> String in
            guard let capture = trail.capture else { return "\(trail.label) logging (event selectors unknown)" }
            return capture.isComplete ? "\(trail.label) logging" : "\(trail.label) logging but \(capture.gapDescription)"
        }
        let stopped = covering.filter { $0.isLogging == false }
        if !stopped.isEmpty { parts.append(stopped.map(\.label).joined(separator: ", ") + " not logging") }
        // What the known trails miss, another may record: say what is not known.
        if !complete, let unseen { parts.append("other trails unknown: \(unseen)") }
        let capturesKnown = logging.allSatisfy { $0.capture != nil }
        return TrailFindings(cell: cell, coverage: complete || !capturesKnown ? .logging : .partial, trails: covering, logging: logging,
                             summary: parts.joined(separator: "; "), unseen: unseen)
    }

    /// Why trails nobody has seen may cover `cell`, or nil.
    ///
    /// `describe-trails` in a region lists that region's trails and the
    /// multi-region and organization trails that apply there, so a cell
    /// whose list was read holds no unseen trail of its own account. One
    /// whose list was not read may hold a regional trail; and without
    /// `accounts.json` a known organization trail may or may not cover it.
    func unseenTrails(_ cell: CellKey) -> String? {
        var reasons: [String] = []
        if !inventory.trailListed.contains(cell) {
            reasons.append(inventory.unreadableTrailLists.contains(cell)
                ? "trails.json for \(cell) unreadable"
                : inventory.collectFailure("trails.json", of: cell) != nil
                ? "\(inventory.whyMissing("trails.json", of: cell)) for \(cell)" : "no trails.json collected for \(cell)")
        }
        let undecided = inventory.undecidedOrganizationTrails(cell)
        if !undecided.isEmpty {
            let names = undecided.map(\.label).joined(separator: ", ")
            reasons.append("organization membership of \(cell.account) unknown (no readable accounts.json), so \(names) may or may not cover it")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
