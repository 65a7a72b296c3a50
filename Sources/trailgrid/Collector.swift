import Foundation
import TrailGridCore

/// Walks accounts and regions for `collect`, writing each CLI output where
/// the inventory reader expects it.
struct Collector {
    let root: String
    let base: AWSCLI
    var failures: [String] = []
    /// When collection started (ms since 1970): the manifest's `capturedAt`.
    let startedAt: Int64
    /// Per cell, when the first of its files was fetched: an event after
    /// it may not be in every file of the cell, so it must still apply.
    var cellTimes: [CellKey: Int64] = [:]
    /// aws CLI processes run (the bench's calls/s), and cells walked.
    var calls = 0
    var cells = 0

    init(root: String, base: AWSCLI, startedAt: Int64) {
        self.root = root
        self.base = base
        self.startedAt = startedAt
    }

    /// Runs one call and writes its output to `relativePath`; nil (and a recorded failure) when it fails.
    mutating func fetch(_ arguments: [String], to relativePath: String, cli: AWSCLI, region: String? = nil) -> Any? {
        let fetchedAt = wallClockMilliseconds()
        calls += 1
        switch cli.call(arguments, region: region) {
        case .success(let result):
            if let cell = Self.cell(of: relativePath) { cellTimes[cell] = min(cellTimes[cell] ?? fetchedAt, fetchedAt) }
            let path = root + "/" + relativePath
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(result.bytes, to: path)
            } catch {
                record("\(relativePath): cannot write: \(error)")
            }
            return result.json
        case .failure(let failure):
            record("\(relativePath): \(failure)")
            return nil
        }
    }

    mutating func record(_ failure: String) {
        failures.append(failure)
        StandardStreams.error("trailgrid: failed: \(failure)")
    }

    /// The caller's own CLI for its account; an assumed role's for the others.
    mutating func credentials(for account: String, caller: String, roleName: String?) -> AWSCLI? {
        guard account != caller, let roleName else { return account == caller ? base : nil }
        let arn = "arn:aws:iam::\(account):role/\(roleName)"
        calls += 1
        switch base.call(["sts", "assume-role", "--role-arn", arn, "--role-session-name", "trailgrid-collect"]) {
        case .success(let result):
            guard let credentials = (result.json as? [String: Any])?["Credentials"] as? [String: Any],
                  let key = credentials["AccessKeyId"] as? String, let secret = credentials["SecretAccessKey"] as? String else {
                record("\(account): sts assume-role: no credentials in the output")
                return nil
            }
            var cli = base
            cli.environment = ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
                               "AWS_SESSION_TOKEN": credentials["SessionToken"] as? String ?? ""]
            return cli
        case .failure(let failure):
            record("\(account): \(failure)")
            return nil
        }
    }

    mutating func collectAccount(_ account: String, cli: AWSCLI, explicitRegions: [String]?) {
        let regionList = fetch(["ec2", "describe-regions", "--all-regions"], to: "\(account)/regions.json", cli: cli, region: "us-east-1")
        var regions = explicitRegions ?? []
        if explicitRegions == nil {
            let items = ((regionList as? [String: Any])?["Regions"] as? [[String: Any]]) ?? []
            regions = items.compactMap { item -> String? in
                guard let name = item["RegionName"] as? String, AWSRegions.partition(of: name) == "aws" else { return nil }
                return (item["OptInStatus"] as? String) == "not-opted-in" ? nil : name
            }
            if regions.isEmpty { regions = AWSRegions.commercial.filter { !AWSRegions.optIn.contains($0) } }
        }
        var statusDone = Set<String>()
        for region in AWSRegions.sorted(regions) {
            cells += 1
            var notes: [String] = []
            let prefix = "\(account)/\(region)"
            if let trails = (fetch(["cloudtrail", "describe-trails", "--include-shadow-trails"], to: "\(prefix)/trails.json", cli: cli, region: region)
                as? [String: Any])?["trailList"] as? [[String: Any]] {
                notes.append("\(trails.count) trail(s)")
                for trail in trails {
                    guard let arnText = trail["TrailARN"] as? String, let arn = TrailARN(arnText), statusDone.insert(arnText).inserted else { continue }
                    // Status and selectors are read in the trail's home region; by
                    // name for the account's own trails, by ARN for others' (organization trails).
                    let name = arn.account == account ? arn.name : arnText
                    let home = "\(account)/\(arn.region)"
                    _ = fetch(["cloudtrail", "get-trail-status", "--name", name], to: "\(home)/trail-status/\(arn.name).json", cli: cli, region: arn.region)
                    _ = fetch(["cloudtrail", "get-event-selectors", "--trail-name", name], to: "\(home)/event-selectors/\(arn.name).json",
                              cli: cli, region: arn.region)
                }
            }
            if let rules = (fetch(["events", "list-rules"], to: "\(prefix)/rules.json", cli: cli, region: region)
                as? [String: Any])?["Rules"] as? [[String: Any]] {
                notes.append("\(rules.count) rule(s)")
                for rule in rules {
                    guard let name = rule["Name"] as? String, Self.isSafeName(name) else { continue }
                    _ = fetch(["events", "list-targets-by-rule", "--rule", name], to: "\(prefix)/targets/\(name).json", cli: cli, region: region)
                }
            }
            if let buses = collectBuses(prefix, cli: cli, region: region) { notes.append("\(buses) bus(es)") }
            StandardStreams.error("collect \(account) \(region): " + (notes.isEmpty ? "failed" : notes.joined(separator: ", ")))
        }
    }

    /// Writes `buses.json` (each bus with its Policy) and, for every bus but
    /// `default` (whose rules are `rules.json`), its rules and their targets
    /// under `buses/<bus>/`: where a forwarded event goes next. Returns the
    /// number of buses, nil when the list could not be fetched.
    mutating func collectBuses(_ prefix: String, cli: AWSCLI, region: String) -> Int? {
        guard let buses = (fetch(["events", "list-event-buses"], to: "\(prefix)/buses.json", cli: cli, region: region)
            as? [String: Any])?["EventBuses"] as? [[String: Any]] else { return nil }
        for bus in buses {
            // Partner buses (aws.partner/…) receive no AWS events, and their names hold a slash.
            guard let name = bus["Name"] as? String, name != "default", Self.isSafeName(name) else { continue }
            let base = "\(prefix)/buses/\(name)"
            guard let rules = (fetch(["events", "list-rules", "--event-bus-name", name], to: "\(base)/rules.json", cli: cli, region: region)
                as? [String: Any])?["Rules"] as? [[String: Any]] else { continue }
            for rule in rules {
                guard let ruleName = rule["Name"] as? String, Self.isSafeName(ruleName) else { continue }
                _ = fetch(["events", "list-targets-by-rule", "--rule", ruleName, "--event-bus-name", name],
                          to: "\(base)/targets/\(ruleName).json", cli: cli, region: region)
            }
        }
        return buses.count
    }

    /// The cell a file of the layout belongs to: `<account>/<region>/…`.
    static func cell(of relativePath: String) -> CellKey? {
        let parts = relativePath.split(separator: "/")
        guard parts.count >= 3 else { return nil }
        return CellKey(account: String(parts[0]), region: String(parts[1]))
    }

    /// The manifest of what is now in `root`. Cells this run did not fetch
    /// (another `--regions`, or every call failed) keep the time the
    /// previous manifest gave them, or their files' modification time:
    /// dating old files by this run would supersede the events since.
    func manifest(previous: InventoryManifest?) -> InventoryManifest {
        var cells = cellTimes
        let files = FileManager.default
        for account in (try? files.contentsOfDirectory(atPath: root)) ?? [] {
            for region in (try? files.contentsOfDirectory(atPath: root + "/" + account)) ?? [] {
                let cell = CellKey(account: account, region: region)
                let path = "\(root)/\(cell)"
                var isDirectory: ObjCBool = false
                guard cells[cell] == nil, files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                if let previous {
                    cells[cell] = previous.time(of: cell)
                } else if let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date {
                    cells[cell] = Int64((modified.timeIntervalSince1970 * 1000).rounded(.down))
                }
            }
        }
        return InventoryManifest(capturedAt: startedAt, cells: cells, tool: "trailgrid collect")
    }

    /// Rule and trail names become file names: no path separators or dot-dot.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".."
    }
}
