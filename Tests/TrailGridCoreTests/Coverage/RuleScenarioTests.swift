import Testing
@testable import TrailGridCore

/// One scenario per rule-coverage rule of issue 4.
@Suite struct RuleScenarioTests {
    let a = "111111111111"
    let now = TestEvents.t0 + 3_600_000
    typealias Rule = InventoryFixture.Rule
    static let sgOnly = #"{"source":["aws.ec2"],"detail":{"eventName":["AuthorizeSecurityGroupIngress","RevokeSecurityGroupIngress"]}}"#

    /// A logging multi-region trail plus `rules` in us-east-1.
    func report(_ rules: [Rule], region: String = "us-east-1", watches: [Watch] = TestWatches.all) throws -> CellReport {
        let fixture = InventoryFixture()
        let multi = InventoryFixture.Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.rules(a, region, rules)
        return try fixture.model(watches).report(account: a, region: region, now: now)
    }

    @Test func anEnabledRuleWithAllManagementEventsAndATargetForwardsEverything() throws {
        let cell = try report([Rule(name: "all", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        #expect(cell.verdict == .ok, "\(cell.reason)")
        #expect(cell.rules == ["security-group-changes": .forwarding, "iam-changes": .forwarding, "recon": .forwarding])
    }

    @Test func onlyTheDefaultBusCounts() throws {
        let cell = try report([Rule(name: "custom", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", bus: "security")])
        #expect(cell.verdict == .blind)
        #expect(cell.rules["security-group-changes"] == RuleCoverage.none)
    }

    @Test func aDisabledRuleDoesNotForward() throws {
        let cell = try report([Rule(name: "off", pattern: TestWatches.everything, state: "DISABLED")])
        #expect(cell.verdict == .blind)
        #expect(cell.rules["security-group-changes"] == .disabled)
        #expect(cell.reason.contains("rule 'off' matching 'security-group-changes' is DISABLED"))
    }

    @Test func plainEnabledMissesReadOnlyCallsButForwardsMutatingOnes() throws {
        let cell = try report([Rule(name: "writes", pattern: TestWatches.everything, state: "ENABLED")])
        #expect(cell.verdict == .blind)
        #expect(cell.rules["security-group-changes"] == .forwarding)
        #expect(cell.rules["recon"] == .readsMissed)
        #expect(cell.reason.contains("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"))
        let writesOnly = try report([Rule(name: "writes", pattern: TestWatches.everything)],
                                    watches: [TestWatches.securityGroups, TestWatches.iam])
        #expect(writesOnly.verdict == .ok)
    }

    @Test func aRuleWithoutTargetsDoesNotForward() throws {
        let cell = try report([Rule(name: "lonely", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", targets: [])])
        #expect(cell.verdict == .blind)
        #expect(cell.rules["security-group-changes"] == .noTarget)
        #expect(cell.reason.contains("has no target"))
    }

    @Test func aMissingTargetsFileIsUnknown() throws {
        let cell = try report([Rule(name: "r", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", targets: nil)])
        #expect(cell.verdict == .unknown)
        #expect(cell.rules["security-group-changes"] == .unknown)
    }

    @Test func aRuleMustMatchEveryProbeOfTheWatch() throws {
        let half = #"{"source":["aws.ec2"],"detail":{"eventName":["AuthorizeSecurityGroupIngress"]}}"#
        let cell = try report([Rule(name: "half", pattern: half)], watches: [TestWatches.securityGroups])
        #expect(cell.verdict == .blind)
        #expect(cell.rules["security-group-changes"] == .narrow)
        #expect(cell.reason.contains("RevokeSecurityGroupIngress"))
        // Two rules covering one probe each forward the whole watch.
        let other = #"{"source":["aws.ec2"],"detail":{"eventName":["RevokeSecurityGroupIngress"]}}"#
        let both = try report([Rule(name: "half", pattern: half), Rule(name: "other", pattern: other)], watches: [TestWatches.securityGroups])
        #expect(both.verdict == .ok)
    }

    @Test func rulesThatMatchNothingAreNarrowAndNoRulesAtAllIsNone() throws {
        let narrow = try report([Rule(name: "s3", pattern: #"{"source":["aws.s3"]}"#), Rule(name: "cron", pattern: nil)])
        #expect(narrow.rules["security-group-changes"] == .narrow)
        #expect(narrow.reason.contains("no enabled rule on the default bus matches 'security-group-changes'"))
        let none = try report([Rule(name: "cron", pattern: nil)])
        #expect(none.rules["security-group-changes"] == RuleCoverage.none)
        #expect(none.verdict == .blind)
    }

    @Test func probesArePlacedInTheCellsAccountAndRegion() throws {
        let here = #"{"source":["aws.ec2"],"region":["eu-west-1"],"account":["111111111111"]}"#
        let west = try report([Rule(name: "here", pattern: here)], region: "eu-west-1", watches: [TestWatches.securityGroups])
        #expect(west.verdict == .ok, "\(west.reason)")
        let east = try report([Rule(name: "here", pattern: here)], region: "us-east-1", watches: [TestWatches.securityGroups])
        #expect(east.rules["security-group-changes"] == .narrow)
    }

    @Test func anInvalidPatternMatchesNothing() throws {
        let cell = try report([Rule(name: "broken", pattern: #"{"source":"aws.ec2"}"#)], watches: [TestWatches.securityGroups])
        #expect(cell.rules["security-group-changes"] == .narrow)
    }

    @Test func aRuleInACellWithoutALoggingTrailIsDeadAndTheCellDark() throws {
        let fixture = InventoryFixture()
        fixture.trails(a, "eu-west-1", [])
        fixture.rules(a, "eu-west-1", [Rule(name: "forwarder", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        let cell = try fixture.model().report(account: a, region: "eu-west-1", now: now)
        #expect(cell.verdict == .dark)
        #expect(cell.reason.contains("rule 'forwarder' is dead"))
    }

    @Test func missingRuleListIsUnknownNeverNone() throws {
        let fixture = InventoryFixture()
        let multi = InventoryFixture.Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        let cell = try fixture.model().report(account: a, region: "us-east-1", now: now)
        #expect(cell.verdict == .unknown)
        #expect(cell.rules.values.allSatisfy { $0 == .unknown })
        #expect(cell.reason.contains("no rules.json"))
    }
}
