import Foundation
import Testing
@testable import TrailGridCore

/// `watch --refresh` beyond rules and trails: a bus policy that now admits
/// the member, a region opted in, an account that joined or left. Each is
/// taken only where the re-collect read its list, newer wins, and each lands
/// on the timeline.
@Suite struct RefreshDeliveryTests {
    let member = "111111111111"
    let security = "111122223333"
    let newcomer = "222222222222"
    let organization = "o-abc123"
    let t0 = TestEvents.t0
    let now = TestEvents.t0 + 86_400_000
    typealias Rule = InventoryFixture.ChainRule

    /// The member forwards everything in eu-west-1 to the security account's
    /// central-events, which sends it on to a stream; both log everywhere.
    func inventory(policy: String?, capturedAt: Int64, accounts: [(String, String)]? = nil, optedIn: [String] = []) throws -> Inventory {
        let fixture = InventoryFixture(capturedAt: capturedAt)
        let listed = accounts ?? [(security, "security"), (member, "member")]
        fixture.accounts(listed, organization: organization)
        for (account, _) in listed {
            fixture.regions(account, optedIn: optedIn)
            let trail = InventoryFixture.Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
            fixture.trails(account, "us-east-1", [trail])
            fixture.status(account, trail, logging: true)
        }
        fixture.chainRules(member, "eu-west-1", [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: "eu-west-1")])])
        fixture.buses(security, "eu-west-1", [("central-events", policy)])
        fixture.chainRules(security, "eu-west-1", bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: "eu-west-1")])])
        return try InventoryReader.read(directory: fixture.root.path)
    }

    var admitsOrganization: String {
        InventoryFixture.policy([InventoryFixture.organizationStatement(organization, bus: "arn:aws:events:eu-west-1:\(security):event-bus/central-events")])
    }

    @Test func aBusPolicyAdmittingTheMemberSinceTurnsItsCellOK() throws {
        var model = CoverageModel(inventory: try inventory(policy: nil, capturedAt: t0), watches: [TestWatches.securityGroups])
        #expect(model.report(account: member, region: "eu-west-1", now: now).rules["security-group-changes"] == .busRejects)
        let changes = model.applyRefresh(try inventory(policy: admitsOrganization, capturedAt: t0 + 60_000))
        #expect(changes.map(\.entry.summary) == ["bus central-events (\(security), eu-west-1) has a new resource policy"])
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        // An older collect arriving late (a slow refresh) does not take the policy back.
        #expect(model.applyRefresh(try inventory(policy: nil, capturedAt: t0 + 30_000)).isEmpty)
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
    }

    @Test func aRegionOptedInSinceIsJudgedInsteadOfOff() throws {
        var model = CoverageModel(inventory: try inventory(policy: admitsOrganization, capturedAt: t0), watches: [TestWatches.securityGroups])
        #expect(model.verdict(account: member, region: "af-south-1", now: now) == .off)
        let changes = model.applyRefresh(try inventory(policy: admitsOrganization, capturedAt: t0 + 60_000, optedIn: ["af-south-1"]))
        #expect(changes.map(\.entry.summary).contains("region af-south-1 in \(member) is now enabled (opted-in)"), "\(changes.map(\.entry.summary))")
        #expect(changes.count == 2, "the member's and the security account's af-south-1")
        // Judged now, not OFF: its rules there were never read, so UNKNOWN.
        #expect(model.verdict(account: member, region: "af-south-1", now: now) == .unknown)
    }

    @Test func anAccountThatJoinedIsShownAndOneThatLeftIsOff() throws {
        var model = CoverageModel(inventory: try inventory(policy: admitsOrganization, capturedAt: t0), watches: [TestWatches.securityGroups])
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
        let changes = model.applyRefresh(try inventory(policy: admitsOrganization, capturedAt: t0 + 60_000,
                                                       accounts: [(security, "security"), (newcomer, "newcomer")]))
        let summaries = changes.map(\.entry.summary)
        #expect(summaries.contains("account member (\(member)) left the organization"), "\(summaries)")
        #expect(summaries.contains("account newcomer (\(newcomer)) joined the organization"), "\(summaries)")
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .off)
        #expect(model.inventory.accounts[newcomer]?.inOrganization == true)
        // Its trail logs; its rules were not read: UNKNOWN, not OK.
        #expect(model.verdict(account: newcomer, region: "eu-west-1", now: now) == .unknown)
        #expect(model.report(account: newcomer, region: "eu-west-1", now: now).trail == .logging)
        // Its first region list is not 34 changes.
        #expect(!summaries.contains { $0.hasPrefix("region ") }, "\(summaries)")
    }

    @Test func aReCollectThatReadNoAccountListLeavesMembershipAsItWas() throws {
        var model = CoverageModel(inventory: try inventory(policy: admitsOrganization, capturedAt: t0), watches: [TestWatches.securityGroups])
        let fixture = InventoryFixture(capturedAt: t0 + 60_000)
        fixture.regions(member)
        #expect(model.applyRefresh(try InventoryReader.read(directory: fixture.root.path)).isEmpty)
        #expect(model.verdict(account: member, region: "eu-west-1", now: now) == .ok)
    }
}
