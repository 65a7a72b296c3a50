import Foundation
import TestProcesses
import Testing

/// An AWS organization built in a `moto_server` the test starts, driven with
/// the `aws` CLI as a user would: accounts, their assumed-role credentials,
/// and the `collect` of it that trailgrid reads.
struct MotoOrganization {
    static let management = "123456789012"
    let server: MotoServer
    private(set) var organization: String
    private(set) var credentials: [String: [String: String]] = [management: [:]]

    var endpoint: String { server.endpoint }

    /// Fails, never skips, without `moto_server` and `aws`: CI installs both.
    init() throws {
        for tool in ["moto_server", "aws"] {
            try #require(Harness.isOnPath(tool), "\(tool) is not installed: pip install 'moto[server]' awscli")
        }
        server = try MotoServer()
        organization = ""
        let created = try aws(["organizations", "create-organization", "--feature-set", "ALL"])
        organization = try #require(Self.string(created, "Organization", "Id"))
    }

    func stop() { server.stop() }

    /// `aws … --endpoint-url moto`, as `account` (the management account by default); the parsed JSON answer.
    @discardableResult
    func aws(_ arguments: [String], as account: String = management, region: String = "us-east-1") throws -> Any {
        var environment = CollectCheckEndToEndTests.environment
        for (key, value) in credentials[account] ?? [:] { environment[key] = value }
        let result = try Harness.runTool(["aws"] + arguments + ["--endpoint-url", endpoint, "--output", "json", "--region", region],
                                         environment: environment)
        try #require(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data((result.stdout.isEmpty ? "{}" : result.stdout).utf8))
    }

    /// A member account, with credentials through OrganizationAccountAccessRole.
    mutating func createAccount(_ name: String) throws -> String {
        let account = try #require(Self.string(try aws(["organizations", "create-account", "--email", "\(name)@example.com", "--account-name", name]),
                                               "CreateAccountStatus", "AccountId"))
        let output = try aws(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(account):role/OrganizationAccountAccessRole",
                              "--role-session-name", "setup"])
        credentials[account] = [
            "AWS_ACCESS_KEY_ID": try #require(Self.string(output, "Credentials", "AccessKeyId")),
            "AWS_SECRET_ACCESS_KEY": try #require(Self.string(output, "Credentials", "SecretAccessKey")),
            "AWS_SESSION_TOKEN": try #require(Self.string(output, "Credentials", "SessionToken")),
        ]
        return account
    }

    /// A logging multi-region trail in every account, so verdicts are the chains'.
    func logEverywhere() throws {
        for account in credentials.keys.sorted() {
            try aws(["s3api", "create-bucket", "--bucket", "trail-\(account)"], as: account)
            try aws(["cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-\(account)", "--is-multi-region-trail"], as: account)
            try aws(["cloudtrail", "start-logging", "--name", "main"], as: account)
        }
    }

    /// `trailgrid collect` of the organization into a new directory.
    func collect(regions: [String], into directory: URL) throws {
        let collect = try Harness.run(["collect", "--out", directory.path, "--endpoint-url", endpoint, "--regions", regions.joined(separator: ","),
                                       "--role-name", "OrganizationAccountAccessRole"], environment: CollectCheckEndToEndTests.environment, timeout: 600)
        try #require(collect.status == 0, "collect: \(collect.stderr)")
    }

    /// `check --format json` of an inventory: one object per cell.
    func check(_ inventory: URL) throws -> [[String: Any]] {
        let check = try Harness.run(["check", "--inventory", inventory.path, "--format", "json"], environment: CollectCheckEndToEndTests.environment)
        return try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]], "check: \(check.stderr)")
    }

    static func string(_ value: Any, _ path: String...) -> String? {
        var current: Any? = value
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? String
    }
}

extension Array where Element == [String: Any] {
    /// The cell of `account` in `region` from `check --format json`.
    func cell(_ account: String, _ region: String) -> [String: Any] {
        first { $0["account"] as? String == account && $0["region"] as? String == region } ?? [:]
    }
}
