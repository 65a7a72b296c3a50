import Foundation
import TestProcesses
import Testing
import TrailGridCore

/// `watch --refresh`: the dashboard re-collects from `moto_server` in the
/// background; a rule disabled there after the first collect shows as a
/// change on screen, and the inventory directory is replaced by the newer one.
///
/// Needs `moto_server`, `aws`, python3 with boto3, and tmux: fails, never skips, without them.
@Suite(.serialized) struct WatchRefreshEndToEndTests {
    @Test func aRuleDisabledInAWSShowsAfterTheNextRefresh() throws {
        for tool in ["moto_server", "aws", "python3", "tmux"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed")
        }
        let server = try MotoServer()
        defer { server.stop() }
        let regions = ["us-east-1"]
        let accounts = try NativeCollectEndToEndTests.organization(server.endpoint, accounts: 2, regions: regions)
        let directory = Harness.temporaryDirectory()
        let inventory = directory.appendingPathComponent("inventory")
        let environment = CollectCheckEndToEndTests.environment
        let collect = try Harness.run(["collect", "--out", inventory.path, "--endpoint-url", server.endpoint, "--regions", "us-east-1",
                                       "--role-name", "OrganizationAccountAccessRole"], environment: environment, timeout: 120)
        try #require(collect.status == 0, "collect: \(collect.stderr)")

        let tmux = try Tmux("\(Harness.binary.path) watch --inventory '\(inventory.path)' --refresh 2s --endpoint-url \(server.endpoint) "
                            + "--regions us-east-1 --role-name OrganizationAccountAccessRole", directory: directory, environment: environment)
        try tmux.wait(for: "refreshed [0-9]{2}:[0-9]{2}Z", timeout: 60)
        let disabled = try Harness.runTool(["aws", "events", "disable-rule", "--name", "fwd-all", "--endpoint-url", server.endpoint, "--region", "us-east-1"],
                                           environment: environment)
        try #require(disabled.status == 0, "\(disabled.stderr)")
        try tmux.wait(for: "rule fwd-all in \(accounts[0])/us-east-1 is now DISABLED", timeout: 60)
        // The newer inventory replaced the directory, so a restart starts from it.
        #expect(Harness.wait(timeout: 30) {
            let text = (try? String(contentsOf: inventory.appendingPathComponent("\(accounts[0])/us-east-1/rules.json"), encoding: .utf8)) ?? ""
            return text.contains("DISABLED")
        })
        try tmux.type("q")
        try tmux.wait(for: "\\[exited 0\\]")
    }
}
