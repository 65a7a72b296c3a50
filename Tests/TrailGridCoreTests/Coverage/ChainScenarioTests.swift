import Foundation
import Testing
@testable import TrailGridCore

/// One scenario per delivery-chain case of issue 15: a member's rule
/// forwards to a central bus in a security account, whose policy must admit
/// it and whose rule, in the bus's own region, must send it on to a sink.
@Suite struct ChainScenarioTests {
    let member = "111111111111"
    let security = "111122223333"
    let organization = "o-abc123"
    let now = TestEvents.t0 + 3_600_000
    typealias Target = InventoryFixture.Target
    typealias Rule = InventoryFixture.ChainRule

    func bus(_ region: String = "eu-west-1", _ name: String = "central-events") -> String {
        "arn:aws:events:\(region):\(security):event-bus/\(name)"
    }

    /// An organization of the security account (its management account) and
    /// the member, each with a logging multi-region trail.
    func organizationFixture(accountsListed: Bool = true, memberInOrganization: Bool = true) -> InventoryFixture {
        let fixture = InventoryFixture()
        if accountsListed {
            fixture.accounts(memberInOrganization ? [(security, "security"), (member, "member")] : [(security, "security")], organization: organization)
        }
        for account in [member, security] {
            let trail = InventoryFixture.Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
            fixture.trails(account, "us-east-1", [trail])
            fixture.status(account, trail, logging: true)
        }
        return fixture
    }

    /// The usual design, in one region: the member forwards everything to
    /// central-events, which admits the organization and sends everything to a stream.
    func centralBusFixture(
        region: String = "eu-west-1", policy: String? = nil, centralRules: [Rule]? = nil,
        memberTarget: Target? = nil, accountsListed: Bool = true, memberInOrganization: Bool = true
    ) -> InventoryFixture {
        let fixture = organizationFixture(accountsListed: accountsListed, memberInOrganization: memberInOrganization)
        fixture.chainRules(member, region, [Rule(name: "to-central", targets: [memberTarget ?? .bus("central-events", account: security, region: region)])])
        fixture.buses(security, region, [("central-events", policy ?? InventoryFixture.policy([
            InventoryFixture.organizationStatement(organization, bus: bus(region)),
        ]))])
        fixture.chainRules(security, region, bus: "central-events",
                           centralRules ?? [Rule(name: "alert", targets: [.kinesis(account: security, region: region)])])
        return fixture
    }

    func report(_ fixture: InventoryFixture, region: String = "eu-west-1", watches: [Watch] = [TestWatches.securityGroups]) throws -> CellReport {
        try fixture.model(watches).report(account: member, region: region, now: now)
    }

    let sg = "security-group-changes"

    // MARK: - Admitted senders

    @Test func anOrganizationAdmittedByPrincipalOrgIDForwardsThroughEveryHop() throws {
        let cell = try report(centralBusFixture())
        #expect(cell.verdict == .ok, "\(cell.reason)")
        #expect(cell.rules[sg] == .forwarding)
        let chain = try #require(cell.chains[sg])
        #expect(chain.hops.map(\.state) == [.holds, .holds, .holds, .holds])
        #expect(chain.hops.map(\.step) == [
            .rule("to-central", on: BusKey.defaultBus(of: CellKey(account: member, region: "eu-west-1"))),
            .bus(BusKey(account: security, region: "eu-west-1", name: "central-events")),
            .rule("alert", on: BusKey(account: security, region: "eu-west-1", name: "central-events")),
            .sink(.kinesisStream, arn: "arn:aws:kinesis:eu-west-1:\(security):stream/security-events"),
        ])
        #expect(chain.hops[1].note == "admitted by statement 'OrganizationMembers'")
    }

    @Test func motosSpellingOfStarIsAnyone() throws {
        let policy = InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus(), moto: true)])
        let cell = try report(centralBusFixture(policy: policy))
        #expect(cell.verdict == .ok, "\(cell.reason)")
    }

    @Test func anAccountPrincipalAdmitsThatAccount() throws {
        for principal in ["arn:aws:iam::\(member):root", member] {
            let policy = InventoryFixture.policy([InventoryFixture.accountStatement(member, bus: bus(), principal: principal)])
            let cell = try report(centralBusFixture(policy: policy))
            #expect(cell.verdict == .ok, "\(principal): \(cell.reason)")
        }
    }

    @Test func theBusOwnAccountNeedsNoPolicy() throws {
        // The security account's own cell forwards to its own bus, which has no policy at all.
        let fixture = organizationFixture()
        fixture.chainRules(security, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "eu-west-1", role: nil)])])
        fixture.buses(security, "eu-west-1", [("central-events", nil)])
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: "eu-west-1")])])
        let cell = try fixture.model([TestWatches.securityGroups]).report(account: security, region: "eu-west-1", now: now)
        #expect(cell.verdict == .ok, "\(cell.reason)")
        #expect(cell.chains[sg]?.hops[1].note == "admitted: its own account")
    }

    // MARK: - Refused senders

    @Test func anotherOrganizationIsRefused() throws {
        let policy = InventoryFixture.policy([InventoryFixture.organizationStatement("o-someoneelse", bus: bus(), moto: true)])
        let cell = try report(centralBusFixture(policy: policy))
        #expect(cell.verdict == .blind)
        #expect(cell.rules[sg] == .busRejects)
        #expect(cell.reason.contains("central-events (111122223333, eu-west-1) does not admit events from 111111111111"), "\(cell.reason)")
        #expect(cell.chains[sg]?.hops.map(\.state) == [.holds, .breaks])
    }

    @Test func aMemberOutsideTheOrganizationIsRefused() throws {
        let cell = try report(centralBusFixture(memberInOrganization: false))
        #expect(cell.rules[sg] == .busRejects)
        #expect(cell.verdict == .blind)
    }

    @Test func aBusWithoutPolicyAdmitsOnlyItsOwnAccount() throws {
        let fixture = centralBusFixture()
        fixture.buses(security, "eu-west-1", [("central-events", nil)])
        let cell = try report(fixture)
        #expect(cell.rules[sg] == .busRejects)
        #expect(cell.reason.contains("it has no resource policy, so it admits only its own account"))
    }

    @Test func aPolicyNamingOtherAccountsOrDenyingTheMemberRefuses() throws {
        let others = InventoryFixture.policy([InventoryFixture.accountStatement("222222222222", bus: bus())])
        #expect(try report(centralBusFixture(policy: others)).rules[sg] == .busRejects)
        let deny = InventoryFixture.policy([
            InventoryFixture.organizationStatement(organization, bus: bus()),
            #"{"Sid":"NotThatOne","Effect":"Deny","Principal":{"AWS":"\#(member)"},"Action":"events:*","Resource":"*"}"#,
        ])
        let denied = try report(centralBusFixture(policy: deny))
        #expect(denied.rules[sg] == .busRejects)
        #expect(denied.reason.contains("statement 'NotThatOne' denies 111111111111"))
        // A statement for another bus's ARN does not apply to this one.
        let elsewhere = InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus("eu-west-1", "other"))])
        #expect(try report(centralBusFixture(policy: elsewhere)).rules[sg] == .busRejects)
    }

    @Test func withoutTheAccountListTheOrganizationIsUnknownSoTheHopIsNotVerified() throws {
        let cell = try report(centralBusFixture(accountsListed: false))
        #expect(cell.rules[sg] == .unverified)
        #expect(cell.verdict == .unknown)
        #expect(cell.reason.contains("organization of 111111111111 is unknown"), "\(cell.reason)")
    }

    @Test func aBusNotInItsCellsBusListDoesNotExist() throws {
        let fixture = centralBusFixture()
        fixture.buses(security, "eu-west-1", [("renamed-bus", nil)])
        let cell = try report(fixture)
        #expect(cell.rules[sg] == .noBus)
        #expect(cell.verdict == .blind)
    }

    // MARK: - The bus's own rules, in its own region

    @Test func aCentralBusWithoutARuleInOneRegionBlindsThatRegionOfEveryMember() throws {
        let fixture = organizationFixture()
        for region in ["us-east-1", "eu-west-1"] {
            fixture.chainRules(member, region, [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: region)])])
            fixture.buses(security, region, [("central-events", InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus(region))]))])
        }
        fixture.chainRules(security, "us-east-1", bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: "us-east-1")])])
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [])
        let model = try fixture.model([TestWatches.securityGroups])
        let east = model.report(account: member, region: "us-east-1", now: now)
        #expect(east.verdict == .ok, "\(east.reason)")
        let west = model.report(account: member, region: "eu-west-1", now: now)
        #expect(west.verdict == .blind)
        #expect(west.rules[sg] == .busNoRule)
        #expect(west.reason.contains("central-events (111122223333, eu-west-1) has no enabled rule forwarding 'security-group-changes'"), "\(west.reason)")
        #expect(west.chains[sg]?.hops.map(\.state) == [.holds, .holds, .breaks])
    }

    @Test func aDisabledOrNarrowOrTargetlessRuleOnTheBusForwardsNothing() throws {
        let disabled = try report(centralBusFixture(centralRules: [Rule(name: "alert", state: "DISABLED", targets: [.kinesis(account: security, region: "eu-west-1")])]))
        #expect(disabled.rules[sg] == .busNoRule)
        #expect(disabled.reason.contains("(rule 'alert' matching it is DISABLED)"), "\(disabled.reason)")
        let narrow = try report(centralBusFixture(centralRules: [Rule(name: "s3", pattern: #"{"source":["aws.s3"]}"#, targets: [.kinesis(account: security, region: "eu-west-1")])]))
        #expect(narrow.rules[sg] == .busNoRule)
        let lonely = try report(centralBusFixture(centralRules: [Rule(name: "alert", targets: [])]))
        #expect(lonely.rules[sg] == .busNoRule)
        #expect(lonely.reason.contains("has no target"))
    }

    @Test func readOnlyCallsNeedTheAllManagementEventsStateOnTheBusToo() throws {
        let cell = try report(centralBusFixture(centralRules: [Rule(name: "alert", state: "ENABLED", targets: [.kinesis(account: security, region: "eu-west-1")])]),
                              watches: [TestWatches.securityGroups, TestWatches.recon])
        #expect(cell.rules[sg] == .forwarding)
        #expect(cell.rules["recon"] == .readsMissed)
        #expect(cell.reason.contains("rule 'alert' on central-events (111122223333, eu-west-1) matches 'recon'"), "\(cell.reason)")
    }

    @Test func aPatternOnTheBusSeesTheAccountAndRegionTheCallWasMadeIn() throws {
        let fromMember = #"{"account":["111111111111"],"region":["eu-west-1"],"source":["aws.ec2"]}"#
        let cell = try report(centralBusFixture(centralRules: [Rule(name: "members", pattern: fromMember, targets: [.kinesis(account: security, region: "eu-west-1")])]))
        #expect(cell.verdict == .ok, "\(cell.reason)")
        let fromSecurity = #"{"account":["111122223333"],"source":["aws.ec2"]}"#
        let other = try report(centralBusFixture(centralRules: [Rule(name: "own", pattern: fromSecurity, targets: [.kinesis(account: security, region: "eu-west-1")])]))
        #expect(other.rules[sg] == .busNoRule)
    }

    // MARK: - Roles

    @Test func aBusInAnotherAccountNeedsARole() throws {
        let cell = try report(centralBusFixture(memberTarget: .bus("central-events", account: security, region: "eu-west-1", role: nil)))
        #expect(cell.rules[sg] == .noRole)
        #expect(cell.verdict == .blind)
        #expect(cell.reason.contains("rule 'to-central' on the default bus (111111111111, eu-west-1) sends to central-events (111122223333, eu-west-1) without an execution role"), "\(cell.reason)")
    }

    @Test func aKinesisTargetOnTheBusWithoutARoleDeliversNothing() throws {
        let cell = try report(centralBusFixture(centralRules: [Rule(name: "alert", targets: [.kinesis(account: security, region: "eu-west-1", role: false)])]))
        #expect(cell.rules[sg] == .noRole)
        #expect(cell.reason.contains("rule 'alert' on central-events (111122223333, eu-west-1) targets a Kinesis stream without an execution role"), "\(cell.reason)")
        #expect(cell.chains[sg]?.hops.map(\.state) == [.holds, .holds, .holds, .breaks])
    }

    // MARK: - Loops and length

    @Test func aChainBackToABusAlreadyOnItIsALoop() throws {
        let back = Target.bus("default", account: member, region: "eu-west-1", role: "arn:aws:iam::\(security):role/back")
        let cell = try report(centralBusFixture(centralRules: [Rule(name: "bounce", targets: [back])]))
        #expect(cell.rules[sg] == .loop)
        #expect(cell.verdict == .blind)
        #expect(cell.reason.contains("back to the default bus (111111111111, eu-west-1), already on its chain"), "\(cell.reason)")
    }

    /// The member's rule, then `buses` custom buses of the security account
    /// in one region, each forwarding to the next, the last to a stream.
    func relay(_ buses: Int) throws -> CellReport {
        let fixture = centralBusFixture()
        var custom: [(name: String, policy: String?)] = [("central-events", InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus())]))]
        for index in 1..<buses {
            custom.append(("relay-\(index)", nil))
        }
        fixture.buses(security, "eu-west-1", custom)
        for index in 0..<buses {
            let name = index == 0 ? "central-events" : "relay-\(index)"
            let next: Target = index == buses - 1 ? .kinesis(account: security, region: "eu-west-1") : .bus("relay-\(index + 1)", account: security, region: "eu-west-1", role: nil)
            fixture.chainRules(security, "eu-west-1", bus: name, [Rule(name: "on", targets: [next])])
        }
        return try report(fixture)
    }

    @Test func aBusDoesNotRouteAnEventItReceivedFromAnotherBusOnToAThirdBus() throws {
        // AWS: "EventBridge can't route events received from a sender event bus to a third event bus"
        // (eb-bus-to-bus), and a receiver's rule sending a sender's events on to a third account sends nothing (eb-cross-account).
        let one = try relay(1)
        #expect(one.verdict == .ok, "\(one.reason)")
        #expect(one.chains[sg]?.hops.count == 4)
        let two = try relay(2)
        #expect(two.rules[sg] == .tooLong)
        #expect(two.verdict == .blind)
        #expect(two.reason.contains("rule 'on' on central-events (111122223333, eu-west-1) would put 'security-group-changes' on relay-1 (111122223333, eu-west-1), but central-events (111122223333, eu-west-1) received it from the default bus (111111111111, eu-west-1): EventBridge does not route an event received from another bus on to a third bus"), "\(two.reason)")
        #expect(two.chains[sg]?.hops.map(\.state) == [.holds, .holds, .holds, .breaks])
        // The same inside one account: the security account's own default bus → central-events → relay-1.
        let fixture = organizationFixture()
        fixture.chainRules(security, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "eu-west-1", role: nil)])])
        fixture.buses(security, "eu-west-1", [("central-events", nil), ("relay-1", nil)])
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [Rule(name: "on", targets: [.bus("relay-1", account: security, region: "eu-west-1", role: nil)])])
        fixture.chainRules(security, "eu-west-1", bus: "relay-1", [Rule(name: "alert", targets: [.kinesis(account: security, region: "eu-west-1")])])
        let own = try fixture.model([TestWatches.securityGroups]).report(account: security, region: "eu-west-1", now: now)
        #expect(own.rules[sg] == .tooLong, "\(own.reason)")
    }

    // MARK: - Beyond the inventory

    @Test func aBusInAnAccountNotCollectedIsNotVerifiedAndDoesNotFailTheCell() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "to-partner", targets: [.bus("intake", account: "444455556666", region: "eu-west-1")])])
        let cell = try report(fixture)
        #expect(cell.rules[sg] == .unverified)
        #expect(cell.verdict == .unknown)
        #expect(!Verdict.failingByDefault.contains(cell.verdict))
        #expect(cell.reason.contains("goes on to intake (444455556666, eu-west-1), not verified: its policy is unknown (no buses.json for 444455556666, eu-west-1)"), "\(cell.reason)")
        #expect(cell.chains[sg]?.hops.last?.state == .unverified)
    }

    @Test func aBusWhoseRulesWereNotCollectedIsNotVerified() throws {
        let fixture = centralBusFixture()
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("\(security)/eu-west-1/buses"))
        let cell = try report(fixture)
        #expect(cell.rules[sg] == .unverified)
        #expect(cell.reason.contains("whose rules were not collected (no 111122223333/eu-west-1/buses/central-events/rules.json)"), "\(cell.reason)")
    }

    @Test func aMissingTargetsFileOnTheBusIsNotVerified() throws {
        let cell = try report(centralBusFixture(centralRules: [Rule(name: "alert", targets: nil)]))
        #expect(cell.rules[sg] == .unverified)
        #expect(cell.verdict == .unknown)
    }

    @Test func aWorkingPathWinsOverAnUnverifiedOne() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "both", targets: [
            .bus("intake", account: "444455556666", region: "eu-west-1"), .kinesis(account: member, region: "eu-west-1"),
        ])])
        #expect(try report(fixture).verdict == .ok)
    }

    // MARK: - Across regions

    @Test func aBusInAnotherRegionIsFollowedThereAndItsRulesThereCount() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "us-east-1")])])
        fixture.buses(security, "us-east-1", [("central-events", InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus("us-east-1"))]))])
        fixture.chainRules(security, "us-east-1", bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: "us-east-1")])])
        let cell = try report(fixture)
        #expect(cell.verdict == .ok, "\(cell.reason)")
        #expect(cell.chains[sg]?.hops[1].step == .bus(BusKey(account: security, region: "us-east-1", name: "central-events")))
        // A rule on the same-named bus in the member's region does not help.
        fixture.chainRules(security, "us-east-1", bus: "central-events", [])
        fixture.buses(security, "eu-west-1", [("central-events", InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: bus())]))])
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: "eu-west-1")])])
        let west = try report(fixture)
        #expect(west.rules[sg] == .busNoRule)
        #expect(west.reason.contains("central-events (111122223333, us-east-1) has no enabled rule"), "\(west.reason)")
    }

    @Test func aNonBusTargetInAnotherRegionOfTheSameAccountDeliversNothing() throws {
        // EventBridge crosses regions only to event buses: a queue or function elsewhere is never invoked.
        for arn in ["arn:aws:sqs:us-east-1:\(member):alerts", "arn:aws:lambda:us-east-1:\(member):function:alert",
                    "arn:aws:kinesis:us-east-1:\(member):stream/s"] {
            let fixture = organizationFixture()
            fixture.chainRules(member, "eu-west-1", [Rule(name: "direct", targets: [Target(id: "x", arn: arn, role: "arn:aws:iam::\(member):role/events")])])
            let cell = try report(fixture)
            #expect(cell.rules[sg] == .unreachable, "\(arn): \(cell.reason)")
            #expect(cell.verdict == .blind)
            #expect(cell.reason.contains("rule 'direct' on the default bus (111111111111, eu-west-1) targets a"), "\(cell.reason)")
            #expect(cell.reason.contains("in another region (us-east-1): EventBridge delivers across regions only to event buses"), "\(cell.reason)")
        }
        // The same target in the rule's own region delivers.
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "direct", targets: [Target(id: "x", arn: "arn:aws:sqs:eu-west-1:\(member):alerts")])])
        #expect(try report(fixture).rules[sg] == .forwarding)
    }

    @Test func aSameAccountBusInAnotherRegionStillNeedsARole() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "to-home", targets: [.bus("default", account: member, region: "us-east-1", role: nil)])])
        fixture.chainRules(member, "us-east-1", [Rule(name: "alert", targets: [.kinesis(account: member, region: "us-east-1")])])
        #expect(try report(fixture).rules[sg] == .noRole)
    }

    // MARK: - Direct sinks

    @Test func directSinksByKind() throws {
        func cell(_ target: Target) throws -> CellReport {
            let fixture = organizationFixture()
            fixture.chainRules(member, "eu-west-1", [Rule(name: "direct", targets: [target])])
            return try report(fixture)
        }
        let here = "eu-west-1:\(member)"
        let role = "arn:aws:iam::\(member):role/events"
        let cases: [(Target, RuleCoverage)] = [
            (Target(id: "l", arn: "arn:aws:lambda:\(here):function:alert"), .forwarding),
            (Target(id: "q", arn: "arn:aws:sqs:\(here):alerts"), .forwarding),
            (Target(id: "t", arn: "arn:aws:sns:\(here):alerts"), .forwarding),
            (Target(id: "g", arn: "arn:aws:logs:\(here):log-group:/aws/events/security"), .forwarding),
            (Target(id: "k", arn: "arn:aws:kinesis:\(here):stream/s"), .noRole),
            (Target(id: "k", arn: "arn:aws:kinesis:\(here):stream/s", role: role), .forwarding),
            (Target(id: "f", arn: "arn:aws:firehose:\(here):deliverystream/s"), .noRole),
            (Target(id: "s", arn: "arn:aws:states:\(here):stateMachine:respond"), .noRole),
            (Target(id: "d", arn: "arn:aws:events:\(here):api-destination/pager/1"), .noRole),
            (Target(id: "d", arn: "arn:aws:events:\(here):api-destination/pager/1", role: role), .forwarding),
            // Another account: only some kinds, only in the same region, only with a role.
            (Target(id: "x", arn: "arn:aws:lambda:eu-west-1:\(security):function:alert"), .noRole),
            (Target(id: "x", arn: "arn:aws:lambda:eu-west-1:\(security):function:alert", role: role), .forwarding),
            (Target(id: "x", arn: "arn:aws:lambda:us-east-1:\(security):function:alert", role: role), .unreachable),
            (Target(id: "x", arn: "arn:aws:states:eu-west-1:\(security):stateMachine:respond", role: role), .unreachable),
        ]
        for (target, word) in cases {
            let report = try cell(target)
            #expect(report.rules[sg] == word, "\(target.arn) role \(target.role ?? "none"): \(report.reason)")
            #expect(report.verdict == (word == .forwarding ? .ok : .blind))
        }
    }

    @Test func aBrokenTargetBesideAWorkingOneStillForwards() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "two", targets: [
            .kinesis(account: member, region: "eu-west-1", role: false),
            Target(id: "l", arn: "arn:aws:lambda:eu-west-1:\(member):function:alert"),
        ])])
        let cell = try report(fixture)
        #expect(cell.verdict == .ok, "\(cell.reason)")
        #expect(cell.chains[sg]?.hops.last?.step == .sink(.lambda, arn: "arn:aws:lambda:eu-west-1:\(member):function:alert"))
    }

    @Test func liveRuleCallsOnTheCentralBusChangeEveryMembersChain() throws {
        var model = try centralBusFixture().model([TestWatches.securityGroups])
        func call(_ name: String, _ parameters: String, at time: Int64) {
            model.apply(TestEvents.event(name, source: "events.amazonaws.com", account: security, region: "eu-west-1", at: time, parameters: parameters))
        }
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        call("DisableRule", #"{"name":"alert","eventBusName":"central-events"}"#, at: TestEvents.t0)
        let disabled = model.report(account: member, region: "eu-west-1", now: now)
        #expect(disabled.rules[sg] == .busNoRule)
        #expect(disabled.reason.contains("(rule 'alert' matching it is DISABLED)"), "\(disabled.reason)")
        #expect(model.timeline(account: security, region: "eu-west-1").map(\.summary) == ["rule 'alert' DISABLED on central-events (111122223333, eu-west-1)"])
        // The bus named by its ARN, as a call from another account names it.
        call("EnableRule", #"{"name":"alert","eventBusName":"\#(bus())"}"#, at: TestEvents.t0 + 1)
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        call("RemoveTargets", #"{"rule":"alert","eventBusName":"central-events","ids":["stream"]}"#, at: TestEvents.t0 + 2)
        #expect(model.report(account: member, region: "eu-west-1", now: now).rules[sg] == .busNoRule)
        // Older than the inventory: superseded, as on the default bus.
        call("DeleteRule", #"{"name":"alert","eventBusName":"central-events"}"#, at: InventoryFixture.capturedAt - 1)
        #expect(model.inventory.busRules[BusKey(account: security, region: "eu-west-1", name: "central-events")]?["alert"] != nil)
    }

    @Test func aBusRuleLearntOnlyFromEventsProvesForwardingNotItsAbsence() throws {
        let fixture = centralBusFixture()
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("\(security)/eu-west-1/buses"))
        var model = try fixture.model([TestWatches.securityGroups, TestWatches.recon])
        model.apply(TestEvents.event("PutRule", source: "events.amazonaws.com", account: security, region: "eu-west-1", at: TestEvents.t0,
                                     parameters: #"{"name":"sg","eventBusName":"central-events","eventPattern":"{\"source\":[\"aws.ec2\"],\"detail\":{\"eventName\":[\"AuthorizeSecurityGroupIngress\",\"RevokeSecurityGroupIngress\"]}}"}"#))
        model.apply(TestEvents.event("PutTargets", source: "events.amazonaws.com", account: security, region: "eu-west-1", at: TestEvents.t0 + 1,
                                     parameters: #"{"rule":"sg","eventBusName":"central-events","targets":[{"id":"q","arn":"arn:aws:sqs:eu-west-1:111122223333:q"}]}"#))
        let cell = model.report(account: member, region: "eu-west-1", now: now)
        #expect(cell.rules[sg] == .forwarding, "\(cell.reason)")
        #expect(cell.rules["recon"] == .unverified)
    }

    @Test func liveTargetsKeepTheirRole() throws {
        let fixture = organizationFixture()
        fixture.chainRules(member, "eu-west-1", [Rule(name: "fwd", targets: [])])
        var model = try fixture.model([TestWatches.securityGroups])
        func put(_ targets: String, at time: Int64) {
            model.apply(TestEvents.event("PutTargets", source: "events.amazonaws.com", account: member, region: "eu-west-1", at: time,
                                         parameters: #"{"rule":"fwd","targets":\#(targets)}"#))
        }
        put(#"[{"id":"k","arn":"arn:aws:kinesis:eu-west-1:111111111111:stream/s"}]"#, at: TestEvents.t0)
        #expect(model.report(account: member, region: "eu-west-1", now: now).rules[sg] == .noRole)
        put(#"[{"id":"k","arn":"arn:aws:kinesis:eu-west-1:111111111111:stream/s","roleArn":"arn:aws:iam::111111111111:role/r"}]"#, at: TestEvents.t0 + 1)
        #expect(model.report(account: member, region: "eu-west-1", now: now).rules[sg] == .forwarding)
    }
}
