import Testing
@testable import TrailGridCore

/// Issue 15, part 4: a probe is asked only of the regions where AWS records
/// its event, and root's watch covers its read-only calls.
@Suite struct WatchRegionScenarioTests {
    let account = "111111111111"
    let now = TestEvents.t0 + 3_600_000
    typealias Trail = InventoryFixture.Trail
    typealias Rule = InventoryFixture.Rule

    static let apiCallsOnly = #"{"detail-type":["AWS API Call via CloudTrail"]}"#
    static let apiCallsAndSignIns = #"{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail"]}"#

    var root: Watch {
        get throws { try #require(BuiltInWatches.all.first { $0.name == "root-account-usage" }) }
    }

    /// A logging multi-region trail listed in both regions, and `rule` in both.
    func model(_ rule: Rule, watches: [Watch]) throws -> CoverageModel {
        let fixture = InventoryFixture()
        let trail = Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
        for region in ["us-east-1", "eu-west-1"] {
            fixture.trails(account, region, [trail])
            fixture.rules(account, region, [rule])
        }
        fixture.status(account, trail, logging: true)
        return try fixture.model(watches)
    }

    @Test func rootsSignInProbeIsAskedOfUSEast1Only() throws {
        let rule = Rule(name: "api-calls", pattern: Self.apiCallsOnly, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
        let model = try model(rule, watches: [try root])
        // us-east-1: the rule misses root's ConsoleLogin, which is recorded there.
        let east = model.report(account: account, region: "us-east-1", now: now)
        #expect(east.rules["root-account-usage"] == .narrow)
        #expect(east.verdict == .blind)
        #expect(east.reason.contains("for ConsoleLogin"), "\(east.reason)")
        // eu-west-1: root never signs in there, so API calls are all the watch needs.
        let west = model.report(account: account, region: "eu-west-1", now: now)
        #expect(west.rules["root-account-usage"] == .forwarding)
        #expect(west.verdict == .ok, "\(west.reason)")
    }

    @Test func aPlainEnabledRuleMissesRootsReadsInAndOutsideUSEast1() throws {
        let rule = Rule(name: "everything", pattern: Self.apiCallsAndSignIns, state: "ENABLED")
        let model = try model(rule, watches: [try root])
        for region in ["us-east-1", "eu-west-1"] {
            let report = model.report(account: account, region: region, now: now)
            #expect(report.rules["root-account-usage"] == .readsMissed, "\(region)")
            #expect(report.verdict == .blind)
            #expect(report.reason.contains("read-only calls (DescribeInstances) are not delivered"), "\(region): \(report.reason)")
        }
    }

    @Test func aRuleWithAllManagementEventsForwardsRootEverywhere() throws {
        let rule = Rule(name: "everything", pattern: Self.apiCallsAndSignIns, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
        let model = try model(rule, watches: [try root])
        for region in ["us-east-1", "eu-west-1"] {
            let report = model.report(account: account, region: region, now: now)
            #expect(report.rules["root-account-usage"] == .forwarding, "\(region)")
            #expect(report.verdict == .ok, "\(region): \(report.reason)")
        }
    }

    @Test func rootsWatchNeedsReadsAndItsRemediationAsksForThem() throws {
        #expect(try root.needsReadOnlyEvents)
        let plan = try RemediationPlan(watches: [try root], deployments: [], targetArn: "arn:aws:kinesis:us-east-1:111111111111:stream/alerts")
        #expect(plan.rules.first?.state == "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    }

    @Test func whereEachBuiltInProbeIsRecorded() {
        let profiles = BuiltInWatches.all.map(WatchProfile.init)
        for profile in profiles {
            for probe in profile.probes {
                let expected: WatchRegions
                switch (probe.eventSource, probe.eventName) {
                case ("iam.amazonaws.com", _), ("organizations.amazonaws.com", _): expected = .only(["us-east-1"])
                case ("signin.amazonaws.com", "ConsoleLogin") where profile.name == "root-account-usage": expected = .only(["us-east-1"])
                default: expected = .every
                }
                #expect(probe.regions == expected, "\(profile.name) \(probe.eventName)")
            }
            // Every watch asks something of us-east-1; only regional ones of eu-west-1.
            #expect(profile.applies(in: "us-east-1"))
            #expect(profile.applies(in: "eu-west-1") == (profile.watch.regions == .every), "\(profile.name)")
        }
    }

    @Test func anIAMUsersSignInMayBeRecordedInAnyRegion() {
        #expect(EventRecordingRegions.regions(eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", identityType: "IAMUser") == .every)
        #expect(EventRecordingRegions.regions(eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", identityType: "Root") == .only(["us-east-1"]))
        // STS has regional endpoints, recorded where they are.
        #expect(EventRecordingRegions.regions(eventSource: "sts.amazonaws.com", eventName: "AssumeRole", identityType: "AssumedRole") == .every)
    }

    @Test func aConfiguredWatchOnAGlobalServiceIsAskedOfUSEast1OnlyWhateverItsScope() throws {
        let iam = TestWatches.watch("iam-anywhere", #"{"source":["aws.iam"]}"#, [TestWatches.probe("iam", "CreateUser")])
        let rule = Rule(name: "ec2-only", pattern: #"{"source":["aws.ec2"]}"#)
        let model = try model(rule, watches: [iam])
        #expect(model.report(account: account, region: "us-east-1", now: now).rules["iam-anywhere"] == .narrow)
        // IAM events never reach eu-west-1's bus: nothing to ask there.
        #expect(model.report(account: account, region: "eu-west-1", now: now).rules["iam-anywhere"] == nil)
    }

    @Test func outsideUSEast1ASignInIsRecordedWithoutGlobalServiceEvents() throws {
        let signIn = TestWatches.watch(
            "signin-failures", #"{"detail-type":["AWS Console Sign In via CloudTrail"]}"#,
            [try JSONParser.parse(#"{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","detail":{"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","userIdentity":{"type":"IAMUser"}}}"#)]
        )
        let fixture = InventoryFixture()
        let trail = Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true, globalEvents: false)
        for region in ["us-east-1", "eu-west-1"] {
            fixture.trails(account, region, [trail])
            fixture.rules(account, region, [Rule(name: "signins", pattern: Self.apiCallsAndSignIns)])
        }
        fixture.status(account, trail, logging: true)
        let model = try fixture.model([signIn])
        #expect(model.report(account: account, region: "us-east-1", now: now).unrecorded == ["signin-failures"])
        let west = model.report(account: account, region: "eu-west-1", now: now)
        #expect(west.unrecorded.isEmpty)
        #expect(west.verdict == .ok, "\(west.reason)")
    }
}
