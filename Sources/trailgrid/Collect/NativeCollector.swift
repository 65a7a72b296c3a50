import Foundation
import TrailGridAWS
import TrailGridCore

/// What a native collect is asked for (the `collect` and `watch --refresh` options).
struct NativeCollectSettings: Sendable {
    var profile: String?
    var roleName: String?
    /// nil: every enabled region of each account.
    var regions: [String]?
    var endpointURL: String?
    var jobs: Int = 32
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Where the caller's own and the global calls (STS, Organizations) go.
    var homeRegion: String {
        let named = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        return named.flatMap { TrailGridAWS.AWSRegions.isWellFormed($0) ? $0 : nil } ?? "us-east-1"
    }
}

/// The failure that stops a collect before any inventory exists (who the
/// caller is cannot be learnt): exit 2, `--out` untouched.
struct CollectFatal: Error, CustomStringConvertible {
    var description: String
}

/// `collect` over trailgrid's own client (DESIGN §10): the same layout the
/// aws CLI path writes, with the calls made concurrently (`--jobs` in all,
/// and per account and region, which is how AWS throttles), each cell's
/// calls in parallel, and fewer of them:
/// - pages of each API's maximum size;
/// - no ListTargetsByRule for a rule with no event pattern (a schedule
///   fires no CloudTrail event to anyone);
/// - a member's status and selectors of an organization trail are not read
///   when the trail's owner is collected too (the reader prefers the
///   owner's files: the member's would be read for nothing);
/// - the default bus's rules and targets are listed once, as `rules.json`,
///   not again under `buses/default/`.
struct NativeCollector: Sendable {
    let settings: NativeCollectSettings
    let client: AWSClient
    let recorder: CollectRecorder
    let progress: CollectProgress
    /// nil when the run is not resumable (a dashboard's refresh).
    let staging: InventoryStaging?
    let finished: InventoryStaging.Finished

    /// Collects everything it can; failed calls are in `recorder`. Throws only when nothing can be collected.
    func run() async throws(CollectFatal) {
        let caller = DefaultCredentialChain(settings: CredentialChainSettings(environment: settings.environment, explicitProfile: settings.profile),
                                            client: client)
        let home = AWSContext(client: client, credentials: caller, region: settings.homeRegion)
        let identity: CallerIdentity
        do {
            identity = try await home.getCallerIdentity()
        } catch {
            throw CollectFatal(description: "sts GetCallerIdentity: \(error)")
        }
        var accounts = [identity.account]
        if let listed = await fetch("accounts.json", { try await CollectCalls(context: home).listAccounts() }) {
            let active = (listed["Accounts"]?.arrayValue ?? []).filter {
                ($0["State"]?.stringValue ?? $0["Status"]?.stringValue ?? "ACTIVE") == "ACTIVE"
            }.compactMap { $0["Id"]?.stringValue }
            accounts = [identity.account] + active.filter { $0 != identity.account }
        }
        // Without a role only the caller's own account can be read (as the CLI path does).
        let collected = settings.roleName == nil ? [identity.account] : accounts
        let owners = Set(collected)
        progress.expect(accounts: collected.count)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for account in collected {
                if running >= max(1, settings.jobs) {
                    await group.next()
                    running -= 1
                }
                group.addTask {
                    await self.collectAccount(account, caller: identity.account, source: caller, owners: owners)
                }
                running += 1
            }
        }
    }

    /// Runs one call and writes its document to `relativePath`; nil (and a recorded failure) when it fails.
    func fetch(_ relativePath: String, _ call: () async throws -> JSONValue) async -> JSONValue? {
        do {
            let document = try await call()
            recorder.write(document, to: relativePath)
            return document
        } catch {
            recorder.record("\(relativePath): \(error)")
            return nil
        }
    }

    struct Tally: Sendable {
        var trails: [String] = []
        var rules = 0
        var buses = 0
        var failures = 0

        static func + (lhs: Tally, rhs: Tally) -> Tally {
            Tally(trails: lhs.trails + rhs.trails, rules: lhs.rules + rhs.rules, buses: lhs.buses + rhs.buses, failures: lhs.failures + rhs.failures)
        }
    }

    func collectAccount(_ account: String, caller: String, source: any CredentialProvider, owners: Set<String>) async {
        let resumedCells = finished.cells.filter { $0.key.account == account }
        if finished.accounts.contains(account) {
            progress.expect(cells: resumedCells.count)
            for (cell, time) in resumedCells {
                recorder.noteCell(cell, at: time)
                progress.cellDone()
            }
            progress.accountDone("collect \(account): \(resumedCells.count) region(s), reused from the interrupted run")
            return
        }
        let credentials: any CredentialProvider
        if account == caller {
            credentials = source
        } else {
            guard let roleName = settings.roleName else { return }
            let provider = CachedCredentialProvider(AssumeRoleCredentialProvider(
                client: client, source: source, roleARN: "arn:aws:iam::\(account):role/\(roleName)", sessionName: "trailgrid-collect",
                region: settings.homeRegion))
            do {
                _ = try await provider.credentials()
            } catch {
                recorder.record("\(account): \(error)")
                progress.expect(cells: 0)
                progress.accountDone("collect \(account): failed: \(error)")
                return
            }
            credentials = provider
        }
        let calls = CollectCalls(context: AWSContext(client: client, credentials: credentials, region: settings.homeRegion, account: account))
        var tally = Tally()
        let regionList = await fetch("\(account)/regions.json") {
            do {
                return try await calls.listRegions()
            } catch let first {
                do {
                    return try await calls.describeRegions()
                } catch {
                    throw CollectFatal(description: "account ListRegions: \(first); then ec2 DescribeRegions: \(error)")
                }
            }
        }
        if regionList == nil { tally.failures += 1 }
        let regions = TrailGridCore.AWSRegions.sorted(settings.regions ?? Self.enabledRegions(in: regionList))
        progress.expect(cells: regions.count)
        tally = await withTaskGroup(of: Tally.self) { group in
            for region in regions {
                let cell = CellKey(account: account, region: region)
                group.addTask {
                    if let time = finished.cells[cell] {
                        recorder.noteCell(cell, at: time)
                        progress.cellDone()
                        return Tally(trails: resumedTrails(cell))
                    }
                    let result = await collectCell(cell, calls: CollectCalls(context: calls.context.with(region: region)))
                    progress.cellDone()
                    return result
                }
            }
            return await group.reduce(tally, +)
        }
        tally.failures += await collectTrailStates(account, trails: Set(tally.trails), calls: calls, owners: owners)
        if tally.failures == 0 { staging?.note(account + " -") }
        let trailCount = Set(tally.trails).count
        progress.accountDone("collect \(account): \(regions.count) region(s), \(trailCount) trail(s), \(tally.rules) rule(s), \(tally.buses) bus(es)"
                             + (tally.failures > 0 ? ", \(tally.failures) failed call(s)" : ""))
    }

    /// The regions of an account's regions.json that are enabled, in its
    /// own partition; the regions enabled by default when none could be read.
    static func enabledRegions(in document: JSONValue?) -> [String] {
        let regions = (document?["Regions"]?.arrayValue ?? []).compactMap { item -> String? in
            guard let name = item["RegionName"]?.stringValue, TrailGridCore.AWSRegions.partition(of: name) == "aws" else { return nil }
            if let status = item["RegionOptStatus"]?.stringValue { return ["ENABLED", "ENABLED_BY_DEFAULT"].contains(status) ? name : nil }
            return item["OptInStatus"]?.stringValue == "not-opted-in" ? nil : name
        }
        return regions.isEmpty ? TrailGridCore.AWSRegions.commercial.filter { !TrailGridCore.AWSRegions.optIn.contains($0) } : regions
    }

    /// The trails a finished cell listed, read back from its staged file.
    func resumedTrails(_ cell: CellKey) -> [String] {
        guard let root = staging?.path, let bytes = try? readWholeFile("\(root)/\(cell)/trails.json", limit: 64 << 20),
              let document = try? JSONParser.parse(bytes) else { return [] }
        return (document["trailList"]?.arrayValue ?? []).compactMap { $0["TrailARN"]?.stringValue }
    }

    /// One cell: its trails, its default bus's rules and their targets, its
    /// buses and each custom bus's rules and targets, the three lists at once.
    func collectCell(_ cell: CellKey, calls: CollectCalls) async -> Tally {
        recorder.noteCell(cell, at: wallClockMilliseconds())
        let prefix = cell.description
        async let trailList = fetch("\(prefix)/trails.json") { try await calls.describeTrails() }
        async let ruleList = fetch("\(prefix)/rules.json") { try await calls.listRules(bus: nil) }
        async let busList = fetch("\(prefix)/buses.json") { try await calls.listEventBuses() }
        var tally = Tally()
        let (trails, rules, buses) = await (trailList, ruleList, busList)
        tally.failures += [trails, rules, buses].filter { $0 == nil }.count
        tally.trails = (trails?["trailList"]?.arrayValue ?? []).compactMap { $0["TrailARN"]?.stringValue }
        if let rules {
            tally.rules = rules["Rules"]?.arrayValue?.count ?? 0
            tally.failures += await collectTargets(of: rules, bus: nil, under: prefix, calls: calls)
        }
        let customBuses = (buses?["EventBuses"]?.arrayValue ?? []).compactMap { $0["Name"]?.stringValue }
            .filter { $0 != "default" && Collector.isSafeName($0) }
        tally.buses = buses?["EventBuses"]?.arrayValue?.count ?? 0
        tally.failures += await withTaskGroup(of: Int.self) { group in
            for bus in customBuses {
                group.addTask {
                    let base = "\(prefix)/buses/\(bus)"
                    guard let busRules = await fetch("\(base)/rules.json", { try await calls.listRules(bus: bus) }) else { return 1 }
                    return await collectTargets(of: busRules, bus: bus, under: base, calls: calls)
                }
            }
            return await group.reduce(0, +)
        }
        if tally.failures == 0 { staging?.note("\(cell) \(Timestamp.iso8601(milliseconds: recorder.cellTimes[cell] ?? wallClockMilliseconds()))") }
        return tally
    }

    /// Each rule's targets, concurrently; returns the number of failed calls.
    func collectTargets(of rules: JSONValue, bus: String?, under base: String, calls: CollectCalls) async -> Int {
        let names = (rules["Rules"]?.arrayValue ?? []).compactMap { rule -> String? in
            guard let name = rule["Name"]?.stringValue, Collector.isSafeName(name) else { return nil }
            // A schedule-only rule matches no event: where it sends nothing does not matter.
            guard let pattern = rule["EventPattern"]?.stringValue, !pattern.isEmpty else { return nil }
            return name
        }
        return await withTaskGroup(of: Int.self) { group in
            for name in names {
                group.addTask { await fetch("\(base)/targets/\(name).json", { try await calls.listTargets(rule: name, bus: bus) }) == nil ? 1 : 0 }
            }
            return await group.reduce(0, +)
        }
    }

    /// Status and selectors of the trails the account's cells listed, read
    /// in each trail's home region: by name for the account's own, by ARN
    /// for another's (an organization trail), and not at all when that
    /// other account is collected too. Returns the number of failed calls.
    func collectTrailStates(_ account: String, trails: Set<String>, calls: CollectCalls, owners: Set<String>) async -> Int {
        let wanted = trails.sorted().compactMap { text -> (String, TrailARN)? in
            guard let arn = TrailARN(text), arn.account == account || !owners.contains(arn.account), Collector.isSafeName(arn.name) else { return nil }
            return (text, arn)
        }
        return await withTaskGroup(of: Int.self) { group in
            for (text, arn) in wanted {
                let name = arn.account == account ? arn.name : text
                let home = CellKey(account: account, region: arn.region)
                let inHome = CollectCalls(context: calls.context.with(region: arn.region))
                group.addTask {
                    let time = wallClockMilliseconds()
                    let status = await fetch("\(home)/trail-status/\(arn.name).json") { try await inHome.trailStatus(name) }
                    let selectors = await fetch("\(home)/event-selectors/\(arn.name).json") { try await inHome.eventSelectors(name) }
                    if status != nil || selectors != nil { recorder.noteCell(home, at: time) }
                    return (status == nil ? 1 : 0) + (selectors == nil ? 1 : 0)
                }
            }
            return await group.reduce(0, +)
        }
    }
}
