/// What the trails covering a cell amount to.
struct TrailFindings {
    var coverage: TrailCoverage
    var trails: [TrailInfo]
    /// The covering trails that are logging.
    var logging: [TrailInfo]
    var summary: String

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
        let realtimeSeen = (evidence[cell]?.realtimeCount ?? 0) > 0

        if covering.isEmpty {
            if inventory.trailListed.contains(cell) {
                return TrailFindings(coverage: .none, trails: [], logging: [], summary: "no trail covers this region")
            }
            if realtimeSeen {
                // A CloudTrail event on EventBridge needs a logging trail: the feed proves one.
                return TrailFindings(coverage: .logging, trails: [], logging: [],
                                     summary: "no trail inventory, but real-time events prove a logging trail")
            }
            return TrailFindings(coverage: .unknown, trails: [], logging: [], summary: "trails unknown (no trails.json)")
        }
        if logging.isEmpty {
            if !unknownStatus.isEmpty {
                let names = unknownStatus.map(\.label).joined(separator: ", ")
                return TrailFindings(coverage: .unknown, trails: covering, logging: [],
                                     summary: "logging status unknown for \(names) (no trail-status file)")
            }
            let names = covering.map(\.label).joined(separator: ", ")
            return TrailFindings(coverage: .stopped, trails: covering, logging: [],
                                 summary: "\(names) \(covering.count == 1 ? "exists but is" : "exist but are") not logging")
        }
        let complete = logging.contains { $0.capture?.isComplete == true }
        var parts = logging.map { trail -> String in
            guard let capture = trail.capture else { return "\(trail.label) logging (event selectors unknown)" }
            return capture.isComplete ? "\(trail.label) logging" : "\(trail.label) logging but \(capture.gapDescription)"
        }
        let stopped = covering.filter { $0.isLogging == false }
        if !stopped.isEmpty { parts.append(stopped.map(\.label).joined(separator: ", ") + " not logging") }
        let capturesKnown = logging.allSatisfy { $0.capture != nil }
        return TrailFindings(coverage: complete || !capturesKnown ? .logging : .partial, trails: covering, logging: logging,
                             summary: parts.joined(separator: "; "))
    }
}
