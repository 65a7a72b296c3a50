import Testing
@testable import TrailGridCore

/// DESIGN §2, *Never infer absence from silence* (issue 15, part 3): what
/// was not collected is UNKNOWN, never DARK or STOPPED; what a known
/// logging trail proves still holds.
@Suite struct UnknownScenarioTests {
    let management = "111111111111"
    let member = "222222222222"
    let outsider = "333333333333"
    let now = TestEvents.t0 + 3_600_000
    typealias Trail = InventoryFixture.Trail
    typealias Rule = InventoryFixture.Rule

    var orgTrail: Trail { Trail(name: "org", owner: management, home: "us-east-1", multiRegion: true, organization: true) }

    func forwardEverything(_ fixture: InventoryFixture, _ account: String, _ regions: [String]) {
        for region in regions {
            fixture.rules(account, region, [Rule(name: "all", pattern: TestWatches.everything, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")])
        }
    }

    /// A logging organization trail in the management account; the member's
    /// and the outsider's eu-west-1 trail lists are read and empty (as the
    /// emulator writes them: it does not show organization trails to members).
    func organization(accounts: Bool) -> InventoryFixture {
        let fixture = InventoryFixture()
        if accounts { fixture.accounts([(management, "management"), (member, "member")]) }
        fixture.trails(management, "us-east-1", [orgTrail])
        fixture.status(management, orgTrail, logging: true)
        for account in [member, outsider] {
            fixture.trails(account, "eu-west-1", [])
            forwardEverything(fixture, account, ["eu-west-1"])
        }
        return fixture
    }

    // MARK: - Organization membership

    @Test func withoutAccountsJSONAnOrganizationTrailNeitherCoversNorMissesOtherAccounts() throws {
        let model = try organization(accounts: false).model()
        for account in [member, outsider] {
            let report = model.report(account: account, region: "eu-west-1", now: now)
            #expect(report.verdict == .unknown, "\(account): \(report.reason)")
            #expect(report.trail == .unknown)
            #expect(report.reason.contains("organization membership of \(account) unknown (no readable accounts.json)"), "\(report.reason)")
            #expect(report.reason.contains("trail org (organization, multi-region, home us-east-1)"))
        }
        #expect(model.inventory.membership(of: member, inOrganizationOf: try #require(model.inventory.trails[orgTrail.arn])) == .unknown)
    }

    @Test func withAccountsJSONMembershipDecides() throws {
        let model = try organization(accounts: true).model()
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        let outside = model.report(account: outsider, region: "eu-west-1", now: now)
        #expect(outside.verdict == .dark)
        #expect(outside.reason.contains("no trail covers this region"))
    }

    @Test func anUnreadableAccountsJSONIsAsUnknownAsAMissingOne() throws {
        let fixture = organization(accounts: false)
        fixture.write("accounts.json", #"{"NextToken":"abc"}"#)
        let model = try fixture.model()
        #expect(model.inventory.issues.map(\.path).contains { $0.hasSuffix("/accounts.json") })
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .unknown)
    }

    @Test func withoutAccountsJSONTheAccountsOwnTrailDataDecides() throws {
        let fixture = organization(accounts: false)
        // A member whose describe-trails lists the organization trail (real AWS shows it to members).
        let listing = "444444444444"
        fixture.trails(listing, "eu-west-1", [orgTrail])
        forwardEverything(fixture, listing, ["eu-west-1"])
        // An account with a logging trail of its own.
        let own = Trail(name: "own", owner: outsider, home: "us-east-1", multiRegion: true)
        fixture.trails(outsider, "us-east-1", [own])
        fixture.trails(outsider, "eu-west-1", [own])
        fixture.status(outsider, own, logging: true)
        // An account whose own trail is stopped: the organization trail might still log its calls.
        let stopped = Trail(name: "halted", owner: member, home: "eu-west-1")
        fixture.trails(member, "eu-west-1", [stopped])
        fixture.status(member, stopped, logging: false)
        let model = try fixture.model()

        let listed = model.report(account: listing, region: "eu-west-1", now: now)
        #expect(listed.verdict == .ok, "\(listed.reason)")
        #expect(listed.trails == ["trail org (organization, multi-region, home us-east-1)"])
        let logging = model.report(account: outsider, region: "eu-west-1", now: now)
        #expect(logging.verdict == .ok, "\(logging.reason)")
        let halted = model.report(account: member, region: "eu-west-1", now: now)
        #expect(halted.verdict == .unknown, "\(halted.reason)")
        #expect(halted.reason.contains("trail halted (regional, home eu-west-1) exists but is not logging"))
        #expect(halted.reason.contains("organization membership of \(member) unknown"))
    }

    @Test func anOrganizationEventProvesMembershipWithoutAccountsJSON() throws {
        var model = try organization(accounts: false).model()
        model.apply(TestEvents.event("CreateAccount", source: "organizations.amazonaws.com", account: management,
                                     response: #"{"createAccountStatus":{"accountId":"\#(member)","accountName":"member","state":"SUCCEEDED"}}"#))
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        #expect(model.verdict(account: outsider, region: "eu-west-1", now: now) == .unknown)
    }

    // MARK: - Regions whose trail list was not collected

    /// A multi-region trail homed in us-east-1, trails.json read there only,
    /// forwarding rules in us-east-1 and eu-west-1.
    func multiRegion(logging: Bool, customSelectors: Bool = false) -> (InventoryFixture, Trail) {
        let fixture = InventoryFixture()
        let trail = Trail(name: "main", owner: management, home: "us-east-1", multiRegion: true, customSelectors: customSelectors)
        fixture.trails(management, "us-east-1", [trail])
        fixture.status(management, trail, logging: logging)
        forwardEverything(fixture, management, ["us-east-1", "eu-west-1"])
        return (fixture, trail)
    }

    @Test func aRegionWithoutTrailsJSONBesideAStoppedMultiRegionTrailIsUnknown() throws {
        let model = try multiRegion(logging: false).0.model()
        #expect(model.verdict(account: management, region: "us-east-1", now: now) == .stopped)
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.verdict == .unknown)
        #expect(west.trail == .unknown)
        #expect(west.trails == ["trail main (multi-region, home us-east-1)"])
        #expect(west.reason.contains("no trails.json collected for \(management)/eu-west-1"), "\(west.reason)")
    }

    @Test func aRegionWithoutTrailsJSONWhereNoTrailIsKnownIsUnknownNotDark() throws {
        let fixture = InventoryFixture()
        fixture.trails(management, "us-east-1", [])
        forwardEverything(fixture, management, ["us-east-1", "eu-west-1"])
        let model = try fixture.model()
        #expect(model.verdict(account: management, region: "us-east-1", now: now) == .dark)
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.verdict == .unknown)
        #expect(west.reason.hasPrefix("trails unknown: no trails.json collected for \(management)/eu-west-1"), "\(west.reason)")
    }

    @Test func aLoggingMultiRegionTrailStillLogsWhereTrailsWereNotCollected() throws {
        let model = try multiRegion(logging: true).0.model()
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.verdict == .ok, "\(west.reason)")
        #expect(west.trail == .logging)
    }

    @Test func whatAKnownTrailDoesNotRecordAnUnseenOneMightWhereTrailsWereNotCollected() throws {
        let (fixture, trail) = multiRegion(logging: true, customSelectors: true)
        fixture.selectors(management, trail, basic: #"[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[]}]"#)
        fixture.trails(management, "eu-west-2", [trail])
        forwardEverything(fixture, management, ["eu-west-2"])
        let model = try fixture.model()
        // Listed: the write-only trail is all there is, reads are missed.
        let listed = model.report(account: management, region: "eu-west-2", now: now)
        #expect(listed.verdict == .blind)
        #expect(listed.unrecorded == ["recon"])
        // Not listed: a regional trail there may record reads.
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.trail == .partial)
        #expect(west.unrecorded.isEmpty)
        #expect(west.verdict == .unknown, "\(west.reason)")
        #expect(west.reason.contains("the known logging trails do not record 'recon' (DescribeInstances)"), "\(west.reason)")
        #expect(west.reason.contains("no trails.json collected for \(management)/eu-west-1"))
    }

    @Test func aKnownTrailRecordingNoManagementEventsDoesNotMakeAnUncollectedRegionDark() throws {
        let (fixture, trail) = multiRegion(logging: true, customSelectors: true)
        fixture.selectors(management, trail, basic: #"[{"ReadWriteType":"All","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]"#)
        let model = try fixture.model()
        #expect(model.verdict(account: management, region: "us-east-1", now: now) == .dark)
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.verdict == .unknown, "\(west.reason)")
        #expect(west.reason.contains("no trails.json collected for \(management)/eu-west-1"))
    }

    @Test func anUnreadableTrailsJSONIsSaidSo() throws {
        let (fixture, _) = multiRegion(logging: false)
        fixture.write("\(management)/eu-west-1/trails.json", #"{"trailList": ["#)
        let model = try fixture.model()
        let west = model.report(account: management, region: "eu-west-1", now: now)
        #expect(west.verdict == .unknown)
        #expect(west.reason.contains("trails.json for \(management)/eu-west-1 unreadable"), "\(west.reason)")
    }

    @Test func realTimeEventsStillProveALoggingTrailWhereTrailsWereNotCollected() throws {
        let fixture = InventoryFixture()
        forwardEverything(fixture, management, ["eu-west-1"])
        var model = try fixture.model()
        model.apply(TestEvents.event("RunInstances", source: "ec2.amazonaws.com", account: management, region: "eu-west-1", channel: .realtime))
        let report = model.report(account: management, region: "eu-west-1", now: now)
        #expect(report.trail == .logging)
        #expect(report.reason.contains("real-time events prove a logging trail"))
    }
}
