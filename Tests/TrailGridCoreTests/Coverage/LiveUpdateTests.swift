import Testing
@testable import TrailGridCore

/// Management events change the model at once; failed and out-of-order ones do not.
@Suite struct LiveUpdateTests {
    let a = "111111111111"
    let b = "222222222222"
    let now = TestEvents.t0 + 3_600_000
    let multi = InventoryFixture.Trail(name: "main", owner: "111111111111", home: "us-east-1", multiRegion: true)

    /// A: multi-region trail logging, its trail list read in us-east-1 and
    /// eu-west-1 (where it is a shadow); a forwarding rule in both.
    func okModel() throws -> CoverageModel {
        let fixture = InventoryFixture()
        fixture.accounts([(a, "management"), (b, "member")])
        fixture.trails(a, "us-east-1", [multi])
        fixture.trails(a, "eu-west-1", [multi])
        fixture.status(a, multi, logging: true)
        for region in ["us-east-1", "eu-west-1"] {
            fixture.rules(a, region, [InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        }
        fixture.trails(b, "us-east-1", [])
        fixture.rules(b, "us-east-1", [InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        return try fixture.model()
    }

    func ct(_ name: String, _ parameters: String, response: String = "null", account: String = "111111111111",
            region: String = "us-east-1", at time: Int64 = TestEvents.t0, errorCode: String? = nil) -> CloudTrailEvent {
        TestEvents.event(name, source: "cloudtrail.amazonaws.com", account: account, region: region, at: time,
                         parameters: parameters, response: response, errorCode: errorCode)
    }

    func ev(_ name: String, _ parameters: String, region: String = "us-east-1", at time: Int64 = TestEvents.t0,
            channel: Channel = .trail) -> CloudTrailEvent {
        TestEvents.event(name, source: "events.amazonaws.com", account: a, region: region, at: time, parameters: parameters, channel: channel)
    }

    @Test func stopAndStartLoggingByARNFromTheHomeRegion() throws {
        var model = try okModel()
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        let changes = model.apply(ct("StopLogging", #"{"name":"\#(multi.arn)"}"#))
        #expect(changes.count == 1)
        #expect(changes.first?.cell == CellKey(account: a, region: "us-east-1"))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .stopped)
        #expect(model.timeline(account: a, region: "us-east-1").last?.summary.contains("stopped logging") == true)
        model.apply(ct("StartLogging", #"{"name":"main"}"#, at: TestEvents.t0 + 1000))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }

    @Test func aFailedCallChangesNothing() throws {
        var model = try okModel()
        let changes = model.apply(ct("StopLogging", #"{"name":"main"}"#, errorCode: "AccessDenied"))
        #expect(changes.isEmpty)
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }

    @Test func anOlderEventArrivingLateDoesNotUndoANewerOne() throws {
        var model = try okModel()
        model.apply(ct("StopLogging", #"{"name":"main"}"#, at: TestEvents.t0 + 10_000))
        let late = model.apply(ct("StartLogging", #"{"name":"main"}"#, at: TestEvents.t0))
        #expect(late.first?.applied == false)
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .stopped)
    }

    @Test func deleteTrailMakesTheAccountDark() throws {
        var model = try okModel()
        model.apply(ct("DeleteTrail", #"{"name":"main"}"#))
        #expect(model.inventory.trails.isEmpty)
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .dark)
    }

    @Test func createTrailIsNotLoggingUntilStarted() throws {
        var model = try okModel()
        model.apply(ct("CreateTrail", #"{"name":"org","s3BucketName":"b","isMultiRegionTrail":true,"isOrganizationTrail":true}"#,
                       response: #"{"name":"org","trailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/org","isMultiRegionTrail":true,"isOrganizationTrail":true,"includeGlobalServiceEvents":true}"#))
        #expect(model.verdict(account: b, region: "us-east-1", now: now) == .stopped)
        model.apply(ct("StartLogging", #"{"name":"arn:aws:cloudtrail:us-east-1:111111111111:trail/org"}"#, at: TestEvents.t0 + 1))
        #expect(model.verdict(account: b, region: "us-east-1", now: now) == .ok)
        // UpdateTrail to single-region: the member's other regions lose it.
        model.apply(ct("UpdateTrail", #"{"name":"org","isMultiRegionTrail":false}"#, at: TestEvents.t0 + 2))
        #expect(model.inventory.trails["arn:aws:cloudtrail:us-east-1:111111111111:trail/org"]?.isMultiRegion == false)
    }

    @Test func putEventSelectorsUsesTheARNsHomeRegion() throws {
        var model = try okModel()
        // Called in eu-west-1 with the ARN of a trail homed in us-east-1.
        let changes = model.apply(ct("PutEventSelectors", #"{"trailName":"\#(multi.arn)","eventSelectors":[{"readWriteType":"WriteOnly","includeManagementEvents":true}]}"#,
                                     region: "eu-west-1"))
        #expect(changes.first?.cell == CellKey(account: a, region: "us-east-1"))
        let report = model.report(account: a, region: "eu-west-1", now: now)
        #expect(report.trail == .partial)
        #expect(report.unrecorded == ["recon"])
    }

    @Test func ruleChangesApplyToTheCallsCell() throws {
        var model = try okModel()
        model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "eu-west-1"))
        #expect(model.report(account: a, region: "eu-west-1", now: now).rules["security-group-changes"] == .disabled)
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .ok)
        model.apply(ev("EnableRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: TestEvents.t0 + 1))
        // EnableRule sets plain ENABLED: read-only calls are missed now.
        #expect(model.report(account: a, region: "eu-west-1", now: now).rules["recon"] == .readsMissed)
        model.apply(ev("DeleteRule", #"{"name":"fwd"}"#, region: "eu-west-1", at: TestEvents.t0 + 2))
        #expect(model.report(account: a, region: "eu-west-1", now: now).rules["security-group-changes"] == RuleCoverage.none)
    }

    @Test func putRuleKeepsTargetsAndRemoveTargetsByIDs() throws {
        var model = try okModel()
        model.apply(ev("PutRule", #"{"name":"fwd","eventPattern":"{\"source\":[\"aws.s3\"]}","state":"ENABLED"}"#))
        #expect(model.report(account: a, region: "us-east-1", now: now).rules["security-group-changes"] == .narrow)
        model.apply(ev("PutRule", #"{"name":"fwd","eventPattern":"{\"source\":[\"aws.ec2\"]}","state":"ENABLED"}"#, at: TestEvents.t0 + 1))
        #expect(model.report(account: a, region: "us-east-1", now: now).rules["security-group-changes"] == .forwarding)
        model.apply(ev("RemoveTargets", #"{"rule":"fwd","ids":["kinesis1"]}"#, at: TestEvents.t0 + 2))
        #expect(model.report(account: a, region: "us-east-1", now: now).rules["security-group-changes"] == .noTarget)
        model.apply(ev("PutTargets", #"{"rule":"fwd","targets":[{"id":"k2","arn":"arn:aws:kinesis:us-east-1:111111111111:stream/s","roleArn":"arn:aws:iam::111111111111:role/events-to-kinesis"}]}"#, at: TestEvents.t0 + 3))
        #expect(model.report(account: a, region: "us-east-1", now: now).rules["security-group-changes"] == .forwarding)
        #expect(model.inventory.rules[CellKey(account: a, region: "us-east-1")]?["fwd"]?.targets?.map(\.id) == ["k2"])
    }

    /// CloudTrail events reach the default bus only: a rule put on another
    /// bus changes that bus (where forwarded events go on), not the cell's own rules.
    @Test func putRuleOnACustomBusLeavesTheDefaultBusAlone() throws {
        var model = try okModel()
        let before = model.report(account: a, region: "us-east-1", now: now)
        let changes = model.apply(ev("PutRule", #"{"name":"x","eventBusName":"security","eventPattern":"{\"source\":[\"aws.ec2\"]}"}"#))
        #expect(changes.map(\.entry.summary) == ["rule 'x' put (ENABLED) on security (111111111111, us-east-1)"])
        #expect(model.inventory.rules[CellKey(account: a, region: "us-east-1")]?["x"] == nil)
        #expect(model.inventory.busRules[BusKey(account: a, region: "us-east-1", name: "security")]?["x"] != nil)
        #expect(model.report(account: a, region: "us-east-1", now: now) == before)
    }

    @Test func rulesLearntFromEventsInACellWithoutInventoryProveOnlyForwarding() throws {
        var model = try okModel()
        let cell = CellKey(account: a, region: "ap-south-1")
        #expect(model.report(account: a, region: cell.region, now: now).verdict == .unknown)
        model.apply(ev("PutRule", #"{"name":"s3","eventPattern":"{\"source\":[\"aws.s3\"]}"}"#, region: cell.region))
        // A rule that matches nothing proves nothing about the rules we have not seen.
        #expect(model.report(account: a, region: cell.region, now: now).verdict == .unknown)
    }

    @Test func disableRegionTurnsTheCellOff() throws {
        var model = try okModel()
        model.apply(TestEvents.event("DisableRegion", source: "account.amazonaws.com", account: a, region: "us-east-1",
                                     parameters: #"{"RegionName":"eu-west-1"}"#))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .off)
        model.apply(TestEvents.event("EnableRegion", source: "account.amazonaws.com", account: a, region: "us-east-1", at: TestEvents.t0 + 1,
                                     parameters: #"{"RegionName":"eu-west-1"}"#))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
    }

    @Test func organizationAccountChanges() throws {
        var model = try okModel()
        model.apply(ct("CreateTrail", #"{"name":"org","isMultiRegionTrail":true,"isOrganizationTrail":true}"#,
                       response: #"{"trailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/org","isMultiRegionTrail":true,"isOrganizationTrail":true}"#))
        model.apply(ct("StartLogging", #"{"name":"org"}"#, at: TestEvents.t0 + 1))
        let newID = "444444444444"
        model.apply(TestEvents.event("CreateAccount", source: "organizations.amazonaws.com", account: a, at: TestEvents.t0 + 2,
                                     parameters: #"{"accountName":"new","email":"n@example.com"}"#,
                                     response: #"{"createAccountStatus":{"accountId":"444444444444","state":"SUCCEEDED"}}"#))
        #expect(model.accounts.contains(newID))
        #expect(model.report(account: newID, region: "us-east-1", now: now).trail == .logging)
        model.apply(TestEvents.event("RemoveAccountFromOrganization", source: "organizations.amazonaws.com", account: a, at: TestEvents.t0 + 3,
                                     parameters: #"{"accountId":"222222222222"}"#))
        #expect(model.verdict(account: b, region: "us-east-1", now: now) == .off)
    }

    @Test func realtimeEnvelopesAreReadThroughTheirDetail() throws {
        var model = try okModel()
        model.apply(ev("DisableRule", #"{"name":"fwd"}"#, region: "eu-west-1", channel: .realtime))
        #expect(model.report(account: a, region: "eu-west-1", now: now).rules["security-group-changes"] == .disabled)
    }
}
