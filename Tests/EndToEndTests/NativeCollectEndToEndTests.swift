import Foundation
import TestProcesses
import Testing
import TrailGridCore

/// Issue 16's done-when: an organization of 8 accounts in `moto_server`
/// (made by Scripts/moto-org.py: trails, one of them stopped, rules with
/// and without targets, disabled ones, a schedule, a central bus with a
/// policy), collected by trailgrid's own client and by `--via-cli`: the two
/// inventories give the same `check` output, and the native one is timed
/// against the CLI (the ratio is printed; the bar is 10×, not asserted,
/// since a loaded machine slows both unevenly).
///
/// Needs `moto_server`, `aws` and python3 with boto3 on PATH: fails, never skips, without them.
@Suite(.serialized) struct NativeCollectEndToEndTests {
    static let regions = ["us-east-1", "eu-west-1", "eu-central-1"]
    static let environment = CollectCheckEndToEndTests.environment

    @Test func nativeAndCLICollectsOfAnOrganizationGiveTheSameCheck() throws {
        for tool in ["moto_server", "aws", "python3"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed: pip install 'moto[server]' awscli boto3")
        }
        let server = try MotoServer()
        defer { server.stop() }
        let accounts = try Self.organization(server.endpoint, accounts: 8)
        try #require(accounts.count == 8)
        let root = Harness.temporaryDirectory()
        let native = root.appendingPathComponent("native")
        let viaCLI = root.appendingPathComponent("cli")
        // An earlier inventory's account that this run does not have: it must not survive.
        let stale = native.appendingPathComponent("999999999999/us-east-1")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data(#"{"Rules":[]}"#.utf8).write(to: stale.appendingPathComponent("rules.json"))

        let arguments = ["--endpoint-url", server.endpoint, "--regions", Self.regions.joined(separator: ","), "--role-name", "OrganizationAccountAccessRole"]
        let nativeStart = Date()
        let nativeRun = try Harness.run(["collect", "--out", native.path] + arguments, environment: Self.environment, timeout: 120)
        let nativeSeconds = Date().timeIntervalSince(nativeStart)
        #expect(nativeRun.status == 0, "native collect: \(nativeRun.stderr)")
        let cliStart = Date()
        let cliRun = try Harness.run(["collect", "--via-cli", "--out", viaCLI.path] + arguments, environment: Self.environment, timeout: 400)
        let cliSeconds = Date().timeIntervalSince(cliStart)
        #expect(cliRun.status == 0, "collect --via-cli: \(cliRun.stderr)")
        print("collect of \(accounts.count) accounts × \(Self.regions.count) regions: native \(String(format: "%.2f", nativeSeconds)) s, "
              + "--via-cli \(String(format: "%.2f", cliSeconds)) s, ratio \(String(format: "%.1f", cliSeconds / max(nativeSeconds, 0.001)))×")

        // Without a terminal, one line per account.
        for account in accounts { #expect(nativeRun.stderr.contains("collect \(account): 3 region(s)"), "\(nativeRun.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: native.appendingPathComponent("999999999999").path), "a stale account survived")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".native.collecting").path), "staging left behind")
        let central = "\(accounts[1])/us-east-1"
        for file in ["manifest.json", "accounts.json", "\(accounts[0])/regions.json", "\(central)/buses.json", "\(central)/buses/central/rules.json",
                     "\(central)/buses/central/targets/alert.json", "\(accounts[3])/us-east-1/trail-status/main.json",
                     "\(accounts[5])/eu-central-1/targets/fwd-all.json"] {
            #expect(FileManager.default.fileExists(atPath: native.appendingPathComponent(file).path), "native: missing \(file)")
        }
        // The bus policy is kept whole, as list-event-buses gives it.
        let buses = try JSONSerialization.jsonObject(with: Data(contentsOf: native.appendingPathComponent("\(central)/buses.json"))) as? [String: Any]
        let policy = ((buses?["EventBuses"] as? [[String: Any]])?.first { $0["Name"] as? String == "central" })?["Policy"] as? String
        #expect(policy?.contains("aws:PrincipalOrgID") == true, "\(buses ?? [:])")
        let manifest = try InventoryManifest(parsing: JSONParser.parse(Array(Data(contentsOf: native.appendingPathComponent("manifest.json")))))
        #expect(manifest.cells.count >= accounts.count * Self.regions.count)
        #expect(manifest.cells.values.allSatisfy { $0 >= manifest.capturedAt })

        for format in ["json", "table"] {
            let fromNative = try Harness.run(["check", "--inventory", native.path, "--format", format], environment: Self.environment)
            let fromCLI = try Harness.run(["check", "--inventory", viaCLI.path, "--format", format], environment: Self.environment)
            #expect(fromNative.status == fromCLI.status)
            #expect(fromNative.stdout == fromCLI.stdout, "check --format \(format) differs:\n\(fromNative.stdout)\n---\n\(fromCLI.stdout)")
            #expect(fromNative.stderr == fromCLI.stderr.replacingOccurrences(of: viaCLI.path, with: native.path))
        }
        // The organization's variety reaches the verdicts (a check of nothing would also be equal).
        let check = try Harness.run(["check", "--inventory", native.path, "--format", "json"], environment: Self.environment)
        let cells = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        let verdicts = Set(cells.filter { Self.regions.contains($0["region"] as? String ?? "") }.compactMap { $0["verdict"] as? String })
        #expect(verdicts.isSuperset(of: ["OK", "BLIND", "STOPPED"]), "\(verdicts)")
    }

    @Test func unknownRegionsAndAForeignOutAreRefusedBeforeAnyCall() throws {
        let root = Harness.temporaryDirectory()
        let out = root.appendingPathComponent("inventory")
        // No endpoint at all: a call would fail differently (and slowly).
        let typo = try Harness.run(["collect", "--out", out.path, "--regions", "us-east-1,eu-west1", "--endpoint-url", "http://127.0.0.1:9"],
                                   environment: Self.environment)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown region eu-west1"), "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: home.appendingPathComponent("notes.txt"))
        let foreign = try Harness.run(["collect", "--out", home.path, "--regions", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
                                      environment: Self.environment)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("not an inventory"), "\(foreign.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("notes.txt").path))
    }

    @Test func aCollectThatCannotStartLeavesTheEarlierInventoryAsItWas() throws {
        let root = Harness.temporaryDirectory()
        let out = root.appendingPathComponent("inventory")
        let earlier = out.appendingPathComponent("111111111111/us-east-1")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        try Data(#"{"Rules":[]}"#.utf8).write(to: earlier.appendingPathComponent("rules.json"))
        // Nothing listens on port 9: who the caller is cannot be learnt, so nothing is collected.
        let run = try Harness.run(["collect", "--out", out.path, "--regions", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
                                  environment: Self.environment, timeout: 60)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("sts GetCallerIdentity: connection error"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: earlier.appendingPathComponent("rules.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
    }

    /// A load balancer's HTML 500 on every eu-west-1 ListRules (retried, then
    /// given up) and AccessDenied on every us-east-1 ListEventBuses, from
    /// Scripts/fault-proxy.py in front of moto: collect keeps going, records
    /// each call's code and whole message, exits 1; check names the failed
    /// call in each cell it leaves UNKNOWN and exits 2 unless --allow-partial.
    @Test func failedCallsAreRecordedWholeAndLeaveTheirCellsUnknown() throws {
        for tool in ["moto_server", "python3"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed: pip install 'moto[server]' boto3")
        }
        let server = try MotoServer()
        defer { server.stop() }
        let accounts = try Self.organization(server.endpoint, accounts: 3, regions: ["us-east-1", "eu-west-1"])
        let port = try MotoServer.freePort()
        let log = Harness.temporaryDirectory().appendingPathComponent("proxy.log").path
        let proxy = try ChildProcess(["python3", Harness.packageRoot.appendingPathComponent("Scripts/fault-proxy.py").path, String(port), server.endpoint,
                                      "AWSEvents.ListRules@eu-west-1=html500", "AWSEvents.ListEventBuses@us-east-1=denied"],
                                     stdout: .file(log), stderr: .file(log), ownGroup: true)
        defer { proxy.stop(grace: 5) }
        try #require(Harness.wait(timeout: 30) { MotoServer.accepts(port: port) }, "fault-proxy.py did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")

        let out = Harness.temporaryDirectory().appendingPathComponent("inventory")
        let run = try Harness.run(["collect", "--out", out.path, "--regions", "us-east-1,eu-west-1", "--endpoint-url", "http://127.0.0.1:\(port)",
                                   "--role-name", "OrganizationAccountAccessRole"], environment: Self.environment, timeout: 300)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("trailgrid: 6 call(s) failed; see \(out.path)/collect-errors.txt"), "\(run.stderr)")
        let errors = try String(contentsOf: out.appendingPathComponent("collect-errors.txt"), encoding: .utf8)
        for account in accounts {
            #expect(errors.contains("\(account)/eu-west-1/rules.json: events ListRules: HTTP500 (HTTP 500): 500 Internal Server Error Internal Server Error The server is temporarily unable to service your request."), "\(errors)")
            #expect(errors.contains("\(account)/us-east-1/buses.json: events ListEventBuses: AccessDeniedException (HTTP 400): User: arn:aws:sts::123456789012:assumed-role/Collector/s is not authorized to perform: events:ListRules"), "\(errors)")
            // The rest of the cell was collected.
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(account)/us-east-1/rules.json").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(account)/eu-west-1/trails.json").path))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("\(account)/eu-west-1/rules.json").path))
        }

        let check = try Harness.run(["check", "--inventory", out.path, "--format", "json"], environment: Self.environment)
        #expect(check.status == 2, "\(check.stderr)")
        #expect(check.stderr.contains("not collected: 3 files (\(accounts.sorted()[0])/eu-west-1/rules.json, …): events ListRules: HTTP500 (HTTP 500)"), "\(check.stderr)")
        let cells = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]], "\(check.stderr)")
        for account in accounts {
            let cell = cells.cell(account, "eu-west-1")
            #expect(cell["verdict"] as? String == "UNKNOWN", "\(cell)")
            #expect((cell["reason"] as? String)?.contains("rules unknown (rules.json not collected: events ListRules: HTTP500 (HTTP 500))") == true, "\(cell)")
        }
        // The central bus's policy was not read: its sender's chain is not verified, never refused.
        let sender = cells.cell(accounts[2], "us-east-1")
        #expect(sender["verdict"] as? String == "UNKNOWN", "\(sender)")
        #expect((sender["reason"] as? String)?.contains("its policy is unknown (buses.json not collected: events ListEventBuses: AccessDeniedException (HTTP 400)") == true, "\(sender)")
        let partial = try Harness.run(["check", "--inventory", out.path, "--allow-partial"], environment: Self.environment)
        #expect(partial.status == 1, "\(partial.stderr)")
    }

    /// Runs Scripts/moto-org.py; the account ids it made, management first.
    static func organization(_ endpoint: String, accounts: Int, rulesPerCell: Int = 1, regions: [String] = regions) throws -> [String] {
        let script = Harness.packageRoot.appendingPathComponent("Scripts/moto-org.py").path
        let result = try Harness.runTool(["python3", script, endpoint, String(accounts), regions.joined(separator: ","), String(rulesPerCell)],
                                         timeout: 180)
        try #require(result.status == 0, "moto-org.py: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String])
    }
}
