extension CoverageModel {
    /// Trail calls are made in the trail's home region; `name` may be a bare
    /// name (resolved in the caller's account and region) or an ARN. The
    /// change is filed under the home region's cell.
    static func trailTarget(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        let event = call.event
        guard ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors"].contains(event.eventName)
        else { return nil }
        let nameKey = event.eventName == "PutEventSelectors" ? "trailName" : "name"
        let given = call.response["trailARN"]?.stringValue ?? call.parameters[nameKey]?.stringValue
        guard let given, !given.isEmpty else { return nil }
        let arn = given.hasPrefix("arn:") ? given : TrailARN.make(name: given, account: event.account, region: event.awsRegion)
        guard let parts = TrailARN(arn) else { return nil }
        return (.trail(arn: arn), CellKey(account: parts.account, region: parts.region))
    }

    /// What a trail call makes of the trail (nil: none). A call on a trail
    /// the model does not hold creates it from what the call says.
    static func trailStep(_ call: ManagementCall, arn: String, _ existing: TrailInfo?) -> CallOutcome {
        let event = call.event
        var trail = existing ?? TrailARN(arn).map {
            TrailInfo(arn: arn, name: $0.name, homeRegion: $0.region, ownerAccount: $0.account, isLogging: nil, capture: .all)
        } ?? TrailInfo(arn: arn, name: arn, homeRegion: event.awsRegion, ownerAccount: event.account)
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
            return CallOutcome(state: .trail(nil), summary: "\(trail.label) deleted")
        case "StartLogging":
            trail.isLogging = true
            summary = "\(trail.label) started logging"
        case "StopLogging":
            trail.isLogging = false
            summary = "\(trail.label) stopped logging"
        default:  // PutEventSelectors
            let source = call.response.member("EventSelectors") != nil || call.response.member("AdvancedEventSelectors") != nil
                ? call.response : call.parameters
            let capture = ManagementCapture(selectorsIn: source)
            trail.capture = capture
            summary = "\(trail.label) event selectors set: " + (capture.isComplete ? "every management event" : capture.gapDescription)
        }
        return CallOutcome(state: .trail(trail), summary: summary)
    }
}
