import Foundation
import Testing
@testable import TrailGridCore

/// Live bus calls (issue 14 part 4 with issue 15's chains): a RemovePermission
/// or DeleteEventBus on the central bus shuts every member out at once and
/// opens an incident; a PutPermission lets a member in again; a bus whose
/// cell's bus list was never read stays unknown whatever is said of it.
@Suite struct BusLiveUpdateTests {
    let member = "111111111111"
    let security = "111122223333"
    let organization = "o-abc123"
    let region = "eu-west-1"
    typealias Rule = InventoryFixture.ChainRule

    var busArn: String { "arn:aws:events:\(region):\(security):event-bus/central-events" }
    var memberCell: CellKey { CellKey(account: member, region: region) }

    /// The member forwards to central-events, which admits the organization
    /// (statement "OrganizationMembers") and sends on to a stream.
    func model(busListRead: Bool = true) throws -> CoverageModel {
        let fixture = InventoryFixture()
        fixture.accounts([(security, "security"), (member, "member")], organization: organization)
        for account in [member, security] {
            let trail = InventoryFixture.Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true)
            fixture.trails(account, "us-east-1", [trail])
            fixture.status(account, trail, logging: true)
        }
        fixture.chainRules(member, region, [Rule(name: "to-central", targets: [.bus("central-events", account: security, region: region)])])
        if busListRead {
            fixture.buses(security, region, [("central-events", InventoryFixture.policy([
                InventoryFixture.organizationStatement(organization, bus: busArn),
            ]))])
        }
        fixture.chainRules(security, region, bus: "central-events", [Rule(name: "alert", targets: [.kinesis(account: security, region: region)])])
        return try fixture.model([TestWatches.securityGroups])
    }

    func call(_ name: String, _ parameters: String, at offset: Int64) -> CloudTrailEvent {
        TestEvents.event(name, source: "events.amazonaws.com", account: security, region: region,
                         at: TestEvents.t0 + offset, parameters: parameters)
    }

    func memberReport(_ model: CoverageModel) -> CellReport {
        model.report(account: member, region: region, now: TestEvents.t0 + 3_600_000)
    }

    let sg = "security-group-changes"

    @Test func removingTheOrganizationStatementShutsTheMemberOutAndOpensAnIncident() throws {
        var model = try model()
        #expect(memberReport(model).verdict == .ok, "\(memberReport(model).reason)")
        let before = IncidentDetector.verdicts(model, now: TestEvents.t0 + 1)
        let removal = call("RemovePermission", #"{"statementId":"OrganizationMembers","eventBusName":"central-events"}"#, at: 1_000)
        let changes = model.apply(removal)
        #expect(changes.map(\.applied) == [true])
        #expect(changes.first?.entry.summary == "statement 'OrganizationMembers' removed from central-events (\(security), \(region))")
        let report = memberReport(model)
        #expect(report.verdict == .blind)
        #expect(report.rules[sg] == .busRejects)
        #expect(report.reason.contains("does not admit events from \(member)"), "\(report.reason)")
        let after = IncidentDetector.verdicts(model, now: TestEvents.t0 + 1_001)
        let incident = try #require(IncidentDetector.incident(for: removal, changes: changes, before: before, after: after,
                                                              cellOrder: model.cells, openedAt: TestEvents.t0 + 2_000))
        #expect(incident.cells.contains(memberCell))
        #expect(incident.before[memberCell] == .ok && incident.after[memberCell] == .blind)
    }

    @Test func aPutPermissionForTheMemberLetsItInAgain() throws {
        var model = try model()
        model.apply(call("RemovePermission", #"{"removeAllPermissions":true,"eventBusName":"central-events"}"#, at: 1_000))
        #expect(memberReport(model).rules[sg] == .busRejects)
        model.apply(call("PutPermission", #"{"action":"events:PutEvents","principal":"\#(member)","statementId":"member","eventBusName":"central-events"}"#, at: 2_000))
        #expect(memberReport(model).verdict == .ok, "\(memberReport(model).reason)")
        // The organization condition form, after the member's own statement is removed.
        model.apply(call("RemovePermission", #"{"statementId":"member","eventBusName":"central-events"}"#, at: 3_000))
        #expect(memberReport(model).rules[sg] == .busRejects)
        model.apply(call("PutPermission", #"{"action":"events:PutEvents","principal":"*","statementId":"org","eventBusName":"central-events","condition":{"type":"StringEquals","key":"aws:PrincipalOrgID","value":"\#(organization)"}}"#, at: 4_000))
        #expect(memberReport(model).verdict == .ok, "\(memberReport(model).reason)")
    }

    @Test func deletingTheCentralBusBreaksEveryChainThroughIt() throws {
        var model = try model()
        let changes = model.apply(call("DeleteEventBus", #"{"name":"central-events"}"#, at: 1_000))
        #expect(changes.map(\.applied) == [true])
        let report = memberReport(model)
        #expect(report.verdict == .blind)
        #expect(report.rules[sg] == .noBus, "\(report.reason)")
        #expect(IncidentDetector.tamperingCalls.contains("DeleteEventBus"))
    }

    @Test func anOlderBusCallThanTheInventoryChangesNothing() throws {
        var model = try model()
        let changes = model.apply(call("RemovePermission", #"{"statementId":"OrganizationMembers","eventBusName":"central-events"}"#,
                                       at: -2 * 3_600_000))
        #expect(changes.map(\.applied) == [false])
        #expect(memberReport(model).verdict == .ok)
    }

    @Test func withoutTheBusListACallIsRecordedButWhoTheBusAdmitsStaysUnknown() throws {
        var model = try model(busListRead: false)
        let before = memberReport(model)
        #expect(before.rules[sg] == .unverified)
        let changes = model.apply(call("PutPermission", #"{"action":"events:PutEvents","principal":"\#(member)","statementId":"member","eventBusName":"central-events"}"#, at: 1_000))
        #expect(changes.map(\.applied) == [false])
        #expect(memberReport(model).rules[sg] == .unverified)
    }
}
