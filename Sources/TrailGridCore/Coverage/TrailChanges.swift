extension CoverageModel {
    /// Trail calls are made in the trail's home region; `name` may be a bare
    /// name (resolved in the caller's account and region) or an ARN.
    mutating func applyTrailChange(_ call: ManagementCall) -> CoverageChange? {
        let event = call.event
        let nameKey = event.eventName == "PutEventSelectors" ? "trailName" : "name"
        let given = call.response["trailARN"]?.stringValue ?? call.parameters[nameKey]?.stringValue
        guard let given, !given.isEmpty else { return nil }
        let arn = given.hasPrefix("arn:") ? given : TrailARN.make(name: given, account: event.account, region: event.awsRegion)
        guard let parts = TrailARN(arn) else { return nil }
        let home = CellKey(account: parts.account, region: parts.region)
        let existing = inventory.trails[arn]
        let current = isCurrent("trail:" + arn, event)
        var trail = existing ?? TrailInfo(arn: arn, name: parts.name, homeRegion: parts.region, ownerAccount: parts.account,
                                          isLogging: nil, capture: .all)
        let summary: String
        switch event.eventName {
        case "CreateTrail", "UpdateTrail":
            if let flag = call.bool("isMultiRegionTrail") { trail.isMultiRegion = flag }
            if let flag = call.bool("isOrganizationTrail") { trail.isOrganization = flag }
            if let flag = call.bool("includeGlobalServiceEvents") { trail.includeGlobalServiceEvents = flag }
            if event.eventName == "CreateTrail" {
                trail.isLogging = false  // a new trail logs only after StartLogging
                trail.capture = .all
                summary = "\(trail.label) created, not logging until started"
            } else {
                summary = "\(trail.label) updated"
            }
        case "DeleteTrail":
            if current { inventory.removeTrail(arn: arn) }
            return change(home, call, "\(trail.label) deleted", applied: current)
        case "StartLogging":
            trail.isLogging = true
            summary = "\(trail.label) started logging"
        case "StopLogging":
            trail.isLogging = false
            summary = "\(trail.label) stopped logging"
        case "PutEventSelectors":
            let source = call.response.member("EventSelectors") != nil || call.response.member("AdvancedEventSelectors") != nil
                ? call.response : call.parameters
            let capture = ManagementCapture(selectorsIn: source)
            trail.capture = capture
            summary = "\(trail.label) event selectors set: " + (capture.isComplete ? "every management event" : capture.gapDescription)
        default:
            return nil
        }
        if current { inventory.upsertTrail(trail) }
        return change(home, call, summary, applied: current)
    }
}
