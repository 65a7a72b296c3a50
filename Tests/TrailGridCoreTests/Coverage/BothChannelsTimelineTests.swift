import Foundation
import Testing
@testable import TrailGridCore

/// One call seen on both channels (EventBridge and the trail's log file)
/// is one change: one timeline entry, one change returned.
@Suite struct BothChannelsTimelineTests {
    @Test func aCallSeenOnBothChannelsIsOneTimelineEntry() throws {
        let account = "111111111111"
        let (fixture, trail) = InventoryFixture.soloLogging(account)
        var model = try fixture.model([TestWatches.securityGroups])
        let parameters = #"{"name":"\#(trail.arn)"}"#
        let later = TestEvents.t0 + 60_000
        let realtime = TestEvents.event("StopLogging", source: "cloudtrail.amazonaws.com", account: account, at: later,
                                        parameters: parameters, channel: .realtime, id: "stop-1")
        let logged = TestEvents.event("StopLogging", source: "cloudtrail.amazonaws.com", account: account, at: later,
                                      parameters: parameters, channel: .trail, id: "stop-1")
        #expect(model.apply(realtime).count == 1)
        #expect(model.apply(logged).isEmpty)
        #expect(model.timeline(account: account, region: "us-east-1").count == 1)
        #expect(model.verdict(account: account, region: "us-east-1", now: later + 1) == .stopped)
    }
}
