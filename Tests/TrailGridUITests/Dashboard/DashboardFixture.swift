import Foundation
import TrailGridCore
@testable import TrailGridUI

/// A dashboard on the demo organization (seed 1), read through the real
/// inventory reader and coverage engine, at a fixed time.
enum DashboardFixture {
    static let now: Int64 = 1_764_000_000_000

    static let organization = DemoOrganization(seed: 1)

    static let coverage: CoverageModel = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-ui-\(UUID().uuidString)").path
        try? DemoInventoryWriter.write(organization, to: directory)
        let inventory = (try? InventoryReader.read(directory: directory)) ?? Inventory()
        try? FileManager.default.removeItem(atPath: directory)
        return CoverageModel(inventory: inventory, watches: BuiltInWatches.all)
    }()

    static let matcher = WatchMatcher(watches: BuiltInWatches.all)

    static func state(columns: Int = 160, rows: Int = 45) -> DashboardState {
        DashboardState(coverage: coverage, watches: BuiltInWatches.all, organization: "demo", now: now,
                       size: TerminalSize(columns: columns, rows: rows))
    }

    static func account(_ name: String) -> DemoOrganization.Account {
        organization.accounts.first { $0.name == name }!
    }

    /// A real-shaped event of `name`'s call, decoded as the ingester decodes it.
    static func event(_ eventName: String, service: String = "ec2", account name: String = "prod-web", region: String = "eu-west-1",
                      channel: Channel = .realtime, userAgent: String = "aws-cli/2.17.0", id: String? = nil, at time: Int64 = now) -> IngestedEvent {
        let factory = DemoEventFactory()
        // A seed from the name's bytes: `hashValue` changes from run to run.
        var random = SeededGenerator(seed: eventName.utf8.reduce(UInt64(17)) { $0 &* 31 &+ UInt64($1) })
        var call = factory.call(eventName, service: service, account: account(name), region: region,
                                principal: "arn:aws:sts::\(account(name).id):assumed-role/Admin/alice", userAgent: userAgent,
                                sourceIP: "203.0.113.9", requestParameters: "null", using: &random)
        if let id { call.eventID = id }
        let record = factory.record(call, at: time)
        let text = channel == .realtime ? factory.envelope(call, record: record, at: time, using: &random) : record
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(text.utf8)).first else { fatalError("fixture did not decode") }
        return IngestedEvent(event: decoded.event, watchMatches: matcher.matches(decoded))
    }

    static func press(_ keys: [Key], _ state: inout DashboardState) -> [DashboardEffect] {
        keys.flatMap { DashboardReducer.reduce(&state, .key($0)) }
    }

    static func type(_ text: String) -> [Key] {
        text.map { .char($0) }
    }

    static func screen(_ state: DashboardState) -> String {
        DashboardView.render(state).lines.joined(separator: "\n")
    }
}
