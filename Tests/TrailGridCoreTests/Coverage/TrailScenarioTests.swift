import Testing
@testable import TrailGridCore

/// One scenario per trail rule of issue 4: a small inventory, the verdict per cell.
@Suite struct TrailScenarioTests {
    let a = "111111111111"
    let b = "222222222222"
    let c = "333333333333"
    let now = TestEvents.t0 + 3_600_000
    typealias Trail = InventoryFixture.Trail
    typealias Rule = InventoryFixture.Rule

    /// A forwarding rule (all management events, one target) in each listed cell.
    func forwardEverything(_ fixture: InventoryFixture, _ account: String, _ regions: [String]) {
        for region in regions {
            fixture.rules(account, region, [Rule(name: "all", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        }
    }

    @Test func shadowCopiesOfAMultiRegionTrailAreOneTrail() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        for region in ["us-east-1", "eu-west-1", "ap-south-1"] { fixture.trails(a, region, [multi]) }
        fixture.status(a, multi, logging: true)
        forwardEverything(fixture, a, ["us-east-1", "eu-west-1", "ap-south-1"])
        let model = try fixture.model()
        #expect(model.inventory.trails.count == 1)
        #expect(model.inventory.trails[multi.arn]?.isLogging == true)
        for region in ["us-east-1", "eu-west-1", "ap-south-1"] {
            let report = model.report(account: a, region: region, now: now)
            #expect(report.verdict == .ok, "\(region): \(report.reason)")
            #expect(report.trails == ["trail main (multi-region, home us-east-1)"])
        }
    }

    @Test func sameNameInTwoRegionsAreTwoTrailsAndABareNameResolvesInItsOwnRegion() throws {
        let fixture = InventoryFixture()
        let east = Trail(name: "main", owner: a, home: "us-east-1")
        let west = Trail(name: "main", owner: a, home: "eu-west-1")
        fixture.trails(a, "us-east-1", [east])
        fixture.trails(a, "eu-west-1", [west])
        fixture.status(a, east, logging: true)
        fixture.status(a, west, logging: true)
        forwardEverything(fixture, a, ["us-east-1", "eu-west-1"])
        var model = try fixture.model()
        #expect(model.inventory.trails.count == 2)
        model.apply(TestEvents.event("StopLogging", source: "cloudtrail.amazonaws.com", account: a, region: "eu-west-1",
                                     parameters: #"{"name":"main"}"#))
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .stopped)
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .ok)
    }

    @Test func organizationTrailCoversEveryMemberInEveryRegionWhenMultiRegion() throws {
        let fixture = InventoryFixture()
        fixture.accounts([(a, "management"), (b, "member")])
        let org = Trail(name: "org", owner: a, home: "us-east-1", multiRegion: true, organization: true)
        fixture.trails(a, "us-east-1", [org])
        fixture.trails(b, "eu-west-1", [org])  // members see it as a shadow
        fixture.trails(c, "eu-west-1", [])  // not a member: a trail list without it
        fixture.status(a, org, logging: true)
        for account in [a, b, c] { forwardEverything(fixture, account, ["us-east-1", "eu-west-1"]) }
        let model = try fixture.model()
        #expect(model.verdict(account: b, region: "eu-west-1", now: now) == .ok)
        #expect(model.verdict(account: b, region: "us-east-1", now: now) == .ok)
        #expect(model.report(account: b, region: "eu-west-1", now: now).trail == .logging)
        #expect(model.verdict(account: c, region: "eu-west-1", now: now) == .dark)
    }

    @Test func singleRegionOrganizationTrailCoversOnlyItsHomeRegion() throws {
        let fixture = InventoryFixture()
        fixture.accounts([(a, "management"), (b, "member")])
        let org = Trail(name: "org", owner: a, home: "us-east-1", organization: true)
        fixture.trails(a, "us-east-1", [org])
        fixture.trails(b, "us-east-1", [org])
        fixture.trails(b, "eu-west-1", [])
        fixture.status(a, org, logging: true)
        forwardEverything(fixture, b, ["us-east-1", "eu-west-1"])
        let model = try fixture.model()
        #expect(model.verdict(account: b, region: "us-east-1", now: now) == .ok)
        #expect(model.verdict(account: b, region: "eu-west-1", now: now) == .dark)
    }

    @Test func multiRegionTrailCoversEnabledRegionsAndOptInRegionsNotEnabledAreOff() throws {
        let fixture = InventoryFixture()
        fixture.regions(a, optedIn: ["af-south-1"])
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        forwardEverything(fixture, a, ["us-east-1", "af-south-1", "sa-east-1"])
        let model = try fixture.model()
        #expect(model.verdict(account: a, region: "af-south-1", now: now) == .ok)
        #expect(model.verdict(account: a, region: "sa-east-1", now: now) == .ok)
        let optIn = model.report(account: a, region: "me-south-1", now: now)
        #expect(optIn.verdict == .off)
        #expect(optIn.reason.contains("not-opted-in"))
        // Rules unknown where rules.json is missing: never "none".
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .unknown)
    }

    @Test func builtInRegionListHas34RegionsOf17OptIn() {
        #expect(AWSRegions.commercial.count == 34)
        #expect(Set(AWSRegions.commercial).count == 34)
        #expect(AWSRegions.optIn.count == 17)
        #expect(AWSRegions.optIn.isSubset(of: Set(AWSRegions.commercial)))
        for region in ["ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1", "ap-east-2"] {
            #expect(AWSRegions.optIn.contains(region))
        }
    }

    @Test func withoutRegionsFileOptInRegionsAreUnknownAndOthersEnabled() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        forwardEverything(fixture, a, ["us-east-1", "eu-south-2"])
        let model = try fixture.model()
        let unknown = model.report(account: a, region: "il-central-1", now: now)
        #expect(unknown.verdict == .unknown)
        #expect(unknown.reason.contains("opt-in"))
        // A rule list was read there: the API answered, so the region is enabled.
        #expect(model.verdict(account: a, region: "eu-south-2", now: now) == .ok)
    }

    @Test func regionalTrailCoversOnlyItsOwnRegion() throws {
        let fixture = InventoryFixture()
        let regional = Trail(name: "euw1", owner: a, home: "eu-west-1")
        fixture.trails(a, "eu-west-1", [regional])
        fixture.trails(a, "eu-west-2", [])
        fixture.status(a, regional, logging: true)
        forwardEverything(fixture, a, ["eu-west-1", "eu-west-2"])
        let model = try fixture.model()
        #expect(model.verdict(account: a, region: "eu-west-1", now: now) == .ok)
        let dark = model.report(account: a, region: "eu-west-2", now: now)
        #expect(dark.verdict == .dark)
        #expect(dark.trail == TrailCoverage.none)
    }

    @Test func globalServiceEventsNeedIncludeGlobalServiceEvents() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true, globalEvents: false)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        forwardEverything(fixture, a, ["us-east-1", "eu-west-1"])
        let model = try fixture.model()
        let east = model.report(account: a, region: "us-east-1", now: now)
        #expect(east.verdict == .blind)
        #expect(east.unrecorded == ["iam-changes"])
        #expect(east.reason.contains("global service events"))
        // The IAM watch applies to us-east-1 only.
        let west = model.report(account: a, region: "eu-west-1", now: now)
        #expect(west.verdict == .ok)
        #expect(west.rules["iam-changes"] == nil)
    }

    @Test func aTrailThatIsNotLoggingIsStopped() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: false)
        forwardEverything(fixture, a, ["us-east-1"])
        let model = try fixture.model()
        let report = model.report(account: a, region: "us-east-1", now: now)
        #expect(report.verdict == .stopped)
        #expect(report.trail == .stopped)
        #expect(report.reason.contains("not logging"))
    }

    @Test func missingStatusFileIsUnknownNotStopped() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true)
        fixture.trails(a, "us-east-1", [multi])
        forwardEverything(fixture, a, ["us-east-1"])
        let model = try fixture.model()
        #expect(model.verdict(account: a, region: "us-east-1", now: now) == .unknown)
    }

    @Test func basicWriteOnlySelectorsMissReadOnlyWatches() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true, customSelectors: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.selectors(a, multi, basic: #"[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[]}]"#)
        forwardEverything(fixture, a, ["us-east-1"])
        let report = try fixture.model().report(account: a, region: "us-east-1", now: now)
        #expect(report.trail == .partial)
        #expect(report.verdict == .blind)
        #expect(report.unrecorded == ["recon"])
        #expect(report.reason.contains("records no read-only management events"))
    }

    @Test func selectorsWithoutManagementEventsMakeTheCellDark() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "data", owner: a, home: "us-east-1", multiRegion: true, customSelectors: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.selectors(a, multi, basic: #"[{"ReadWriteType":"All","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]"#)
        forwardEverything(fixture, a, ["us-east-1"])
        let report = try fixture.model().report(account: a, region: "us-east-1", now: now)
        #expect(report.trail == .partial)
        #expect(report.verdict == .dark)
    }

    @Test func advancedSelectorsForWritesOnlyOrExcludingASourceArePartial() throws {
        let fixture = InventoryFixture()
        let writes = Trail(name: "writes", owner: a, home: "eu-west-1", customSelectors: true)
        let noEC2 = Trail(name: "no-ec2", owner: a, home: "eu-west-2", customSelectors: true)
        fixture.trails(a, "eu-west-1", [writes])
        fixture.trails(a, "eu-west-2", [noEC2])
        fixture.status(a, writes, logging: true)
        fixture.status(a, noEC2, logging: true)
        fixture.selectors(a, writes, advanced: #"[{"Name":"Mgmt write","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"readOnly","Equals":["false"]}]}]"#)
        fixture.selectors(a, noEC2, advanced: #"[{"Name":"no ec2","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventSource","NotEquals":["ec2.amazonaws.com"]}]}]"#)
        forwardEverything(fixture, a, ["eu-west-1", "eu-west-2"])
        let model = try fixture.model()
        let west1 = model.report(account: a, region: "eu-west-1", now: now)
        #expect(west1.trail == .partial)
        #expect(west1.unrecorded == ["recon"])
        let west2 = model.report(account: a, region: "eu-west-2", now: now)
        #expect(west2.verdict == .blind)
        #expect(Set(west2.unrecorded) == ["security-group-changes", "recon"])
    }

    @Test func emptySelectorListsAreTheDefaultOfEveryManagementEvent() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true, customSelectors: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.selectors(a, multi)
        forwardEverything(fixture, a, ["us-east-1"])
        let report = try fixture.model().report(account: a, region: "us-east-1", now: now)
        #expect(report.trail == .logging)
        #expect(report.verdict == .ok)
    }

    @Test func excludedKMSEventsDoNotAffectAnEC2Watch() throws {
        let fixture = InventoryFixture()
        let multi = Trail(name: "main", owner: a, home: "us-east-1", multiRegion: true, customSelectors: true)
        fixture.trails(a, "us-east-1", [multi])
        fixture.status(a, multi, logging: true)
        fixture.selectors(a, multi, basic: #"[{"ReadWriteType":"All","IncludeManagementEvents":true,"ExcludeManagementEventSources":["kms.amazonaws.com"]}]"#)
        forwardEverything(fixture, a, ["us-east-1"])
        let report = try fixture.model().report(account: a, region: "us-east-1", now: now)
        #expect(report.trail == .partial)
        #expect(report.verdict == .ok)
    }
}
