/// Reads the inventory layout of DESIGN §3 (the JSON the aws CLI prints):
///
///     accounts.json, <account>/regions.json, <account>/<region>/trails.json,
///     <account>/<region>/trail-status/<trail>.json,
///     <account>/<region>/event-selectors/<trail>.json,
///     <account>/<region>/rules.json, <account>/<region>/targets/<rule>.json,
///     <account>/<region>/buses.json, <account>/<region>/buses/<bus>/rules.json,
///     <account>/<region>/buses/<bus>/targets/<rule>.json
///
/// A missing file leaves what it would have said unknown; a malformed one is
/// reported as an issue with its path and the rest still load.
///
/// Each fact is dated (`Inventory.capturedAt`) so that events older than it
/// do not undo it: by `manifest.json` when there is one, else by the
/// modification time of the file it came from.
public enum InventoryReader {
    public static func read(directory: String) throws(FileError) -> Inventory {
        guard isDirectory(directory) else {
            throw FileError(path: directory, message: fileExists(directory) ? "not a directory" : "no such directory")
        }
        var reader = Reading(root: directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory)
        reader.readAll()
        return reader.inventory
    }
}

/// The state of one read (internal, not private, so that the bus files'
/// reading can live in its own file).
struct Reading {
    let root: String
    var inventory = Inventory()
    /// nil: no usable manifest, so files are dated by their modification times.
    var manifest: InventoryManifest?

    init(root: String) {
        self.root = root
    }

    mutating func readAll() {
        readManifest()
        readAccounts()
        let entries = directoryEntries(root) ?? []
        for entry in entries where entry.isDirectory && Self.isAccountID(entry.name) {
            inventory.addAccount(AccountInfo(id: entry.name))
            readAccount(entry.name)
        }
        attachStatusAndSelectors()
        readCollectFailures()
    }

    /// `collect-errors.txt`: a file the collect could not write is unknown
    /// like any missing one, but `check` can say which call failed and how.
    mutating func readCollectFailures() {
        let path = root + "/" + Inventory.collectErrorsFileName
        guard fileExists(path), let bytes = try? readWholeFile(path, limit: 16 << 20) else { return }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let separator = line.range(of: ": ") else { continue }
            let file = line[..<separator.lowerBound]
            // Continuation lines of a long message name no file.
            guard file.hasSuffix(".json"), !file.contains(" ") else { continue }
            inventory.collectFailures[String(file)] = String(line[separator.upperBound...])
        }
    }

    static func isAccountID(_ name: String) -> Bool {
        name.utf8.count == 12 && name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isRegionName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && name.contains("-")
    }

    /// Parses a file; nil (and nothing reported) when it does not exist.
    mutating func load(_ path: String) -> JSONValue? {
        guard fileExists(path) else { return nil }
        do {
            let bytes = try readWholeFile(path, limit: 64 << 20)
            do {
                return try JSONParser.parse(bytes)
            } catch {
                report(path, "not JSON: \(error)")
            }
        } catch {
            report(path, error.message)
        }
        return nil
    }

    mutating func report(_ path: String, _ message: String) {
        inventory.issues.append(InventoryIssue(path: path, message: message))
    }

    mutating func readManifest() {
        let path = root + "/" + InventoryManifest.fileName
        guard let document = load(path) else { return }
        do {
            manifest = try InventoryManifest(parsing: document)
        } catch {
            report(path, "\(error.reason); the files' modification times are used instead")
        }
    }

    /// When the fact read from `path` (a file of `cell`, or of an account or
    /// the organization when nil) was captured.
    func captureTime(_ path: String, cell: CellKey?) -> Int64? {
        if let manifest { return manifest.time(of: cell) }
        return modificationTime(path)
    }

    mutating func readAccounts() {
        let path = root + "/accounts.json"
        guard let document = load(path) else { return }
        guard let list = document["Accounts"]?.arrayValue else {
            report(path, "no \"Accounts\" list (expected organizations list-accounts output)")
            return
        }
        inventory.accountsListed = true
        inventory.noteCaptured(CaptureKey.accounts, at: captureTime(path, cell: nil))
        for item in list {
            guard let id = item["Id"]?.stringValue, Self.isAccountID(id) else {
                report(path, "an account without a 12-digit \"Id\" was skipped")
                continue
            }
            inventory.addAccount(AccountInfo(
                id: id, name: item["Name"]?.stringValue, arn: item["Arn"]?.stringValue,
                state: item["State"]?.stringValue ?? item["Status"]?.stringValue, inOrganization: true
            ))
        }
    }

    mutating func readAccount(_ account: String) {
        let directory = root + "/" + account
        readRegions(account, directory + "/regions.json")
        for entry in directoryEntries(directory) ?? [] where entry.isDirectory && Self.isRegionName(entry.name) {
            let cell = CellKey(account: account, region: entry.name)
            readTrails(cell, directory + "/" + entry.name)
            readRules(cell, directory + "/" + entry.name)
            readBuses(cell, directory + "/" + entry.name)
        }
    }

    mutating func readRegions(_ account: String, _ path: String) {
        guard let document = load(path) else { return }
        guard let list = document["Regions"]?.arrayValue else {
            report(path, "no \"Regions\" list (expected account list-regions or ec2 describe-regions --all-regions output)")
            return
        }
        var statuses: [String: RegionStatus] = [:]
        for item in list {
            guard let name = item["RegionName"]?.stringValue else { continue }
            let word = item["RegionOptStatus"]?.stringValue ?? item["OptInStatus"]?.stringValue
            if let word, let status = RegionStatus(status: word) {
                statuses[name] = status
            } else if word == nil {
                // describe-regions without --all-regions lists enabled regions only, without a status.
                statuses[name] = RegionStatus(enabled: true, status: "listed")
            } else {
                report(path, "region \(name): unknown status \"\(word ?? "")\"")
            }
        }
        inventory.regions[account] = statuses
        inventory.noteCaptured(CaptureKey.regions(account), at: captureTime(path, cell: nil))
    }

    mutating func readTrails(_ cell: CellKey, _ directory: String) {
        let path = directory + "/trails.json"
        guard let document = load(path) else {
            if fileExists(path) { inventory.unreadableTrailLists.insert(cell) }
            return
        }
        guard let list = document["trailList"]?.arrayValue else {
            report(path, "no \"trailList\" (expected cloudtrail describe-trails output)")
            inventory.unreadableTrailLists.insert(cell)
            return
        }
        inventory.trailListed.insert(cell)
        let time = captureTime(path, cell: cell)
        inventory.noteCaptured(CaptureKey.trailList(cell), at: time)
        for item in list {
            guard let arnText = item["TrailARN"]?.stringValue, let arn = TrailARN(arnText) else {
                report(path, "a trail without a valid \"TrailARN\" was skipped")
                continue
            }
            inventory.trailListedBy[arnText, default: []].insert(cell.account)
            inventory.noteCaptured(CoverageResource.trail(arn: arnText).key, at: time)
            if inventory.trails[arnText] != nil { continue }  // a shadow copy: counted once
            inventory.upsertTrail(TrailInfo(
                arn: arnText, name: arn.name,
                homeRegion: item["HomeRegion"]?.stringValue ?? arn.region,
                ownerAccount: arn.account,
                isMultiRegion: item["IsMultiRegionTrail"]?.boolValue ?? false,
                isOrganization: item["IsOrganizationTrail"]?.boolValue ?? false,
                includeGlobalServiceEvents: item["IncludeGlobalServiceEvents"]?.boolValue ?? true,
                isLogging: nil,
                // Without custom selectors a trail records every management event.
                capture: (item["HasCustomEventSelectors"]?.boolValue ?? false) ? nil : .all
            ))
        }
    }

    /// Status and selectors live under the trail's home region, in the owner's
    /// directory or (for an organization trail seen by a member) the member's.
    /// A member's file is used only if the member has no trail of that name
    /// in that region itself, since file names are trail names.
    mutating func attachStatusAndSelectors() {
        for arn in inventory.trails.keys.sorted() {
            guard var trail = inventory.trails[arn] else { continue }
            var candidates = [trail.ownerAccount]
            for account in (inventory.trailListedBy[arn] ?? []).sorted() where account != trail.ownerAccount {
                let ownName = TrailARN.make(name: trail.name, account: account, region: trail.homeRegion)
                if inventory.trails[ownName] == nil { candidates.append(account) }
            }
            let key = CoverageResource.trail(arn: arn).key
            for account in candidates {
                let cell = CellKey(account: account, region: trail.homeRegion)
                let base = "\(root)/\(cell)"
                let statusPath = "\(base)/trail-status/\(trail.name).json"
                if trail.isLogging == nil, let status = load(statusPath) {
                    if let logging = status["IsLogging"]?.boolValue {
                        trail.isLogging = logging
                        inventory.noteCaptured(key, at: captureTime(statusPath, cell: cell))
                        // A status read before a StartLogging AWS reports is still as new as that call.
                        for field in ["StartLoggingTime", "StopLoggingTime"] {
                            inventory.noteCaptured(key, at: status[field].flatMap(Self.awsTime))
                        }
                    } else {
                        report(statusPath, "no boolean \"IsLogging\"")
                    }
                }
                let selectorsPath = "\(base)/event-selectors/\(trail.name).json"
                if let selectors = load(selectorsPath) {
                    if let named = selectors["TrailARN"]?.stringValue, named != arn {
                        report(selectorsPath, "selectors of \(named), not \(arn): ignored")
                    } else {
                        trail.capture = ManagementCapture(selectorsIn: selectors)
                        inventory.noteCaptured(key, at: captureTime(selectorsPath, cell: cell))
                    }
                }
            }
            inventory.upsertTrail(trail)
        }
    }

    /// A time as the API (epoch seconds, a number) or the aws CLI (ISO-8601,
    /// `2026-11-25 02:42:12+00:00`) writes it; nil for the emulator's "".
    static func awsTime(_ value: JSONValue) -> Int64? {
        switch value {
        case .number(let number):
            let seconds = number.doubleValue
            return seconds.isFinite && abs(seconds) < 1e13 ? Int64((seconds * 1000).rounded()) : nil
        case .string(let text):
            return Timestamp.parseMilliseconds(text)
        default:
            return nil
        }
    }

    mutating func readRules(_ cell: CellKey, _ directory: String) {
        if let rules = readRuleList(of: .defaultBus(of: cell), directory) { inventory.rules[cell] = rules }
    }

    /// A bus's `rules.json` (`events list-rules`, with `--event-bus-name`
    /// for a bus other than default) and each rule's targets file under
    /// `targets/`; nil when the list is missing or not a rule list.
    mutating func readRuleList(of bus: BusKey, _ directory: String) -> [String: EventRule]? {
        let path = directory + "/rules.json"
        guard let document = load(path) else { return nil }
        guard let list = document["Rules"]?.arrayValue else {
            report(path, "no \"Rules\" list (expected events list-rules\(bus.isDefault ? "" : " --event-bus-name") output)")
            return nil
        }
        inventory.noteCaptured(bus.isDefault ? CaptureKey.ruleList(bus.cell) : CaptureKey.busRuleList(bus), at: captureTime(path, cell: bus.cell))
        var rules: [String: EventRule] = [:]
        for item in list {
            // A custom bus's rule names become folder names under buses/: refuse what cannot be one.
            guard let name = item["Name"]?.stringValue, bus.isDefault || (!name.isEmpty && !name.contains("/")) else {
                report(path, bus.isDefault ? "a rule without a \"Name\" was skipped" : "a rule without a usable \"Name\" was skipped")
                continue
            }
            if let listed = item["EventBusName"]?.stringValue, listed != bus.name, !listed.hasSuffix(":event-bus/" + bus.name) {
                // Another bus's rule is not this bus's: quietly so on the default bus, whose list is the
                // only one CloudTrail events reach; said on a custom bus, whose list should hold its own.
                if !bus.isDefault { report(path, "rule \(name) is on bus \(listed), not \(bus.name): skipped") }
                continue
            }
            let targetsPath = directory + "/targets/" + name + ".json"
            let rule = EventRule(
                name: name, arn: item["Arn"]?.stringValue,
                state: RuleState(item["State"]?.stringValue ?? "ENABLED"),
                pattern: item["EventPattern"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                targets: readTargets(targetsPath)
            )
            if rule.targets != nil {
                let resource: CoverageResource = bus.isDefault ? .rule(bus.cell, name: name) : .busRule(bus, name: name)
                inventory.noteCaptured(resource.key, at: captureTime(targetsPath, cell: bus.cell))
            }
            rules[name] = rule
        }
        return rules
    }

    mutating func readTargets(_ path: String) -> [RuleTarget]? {
        guard let document = load(path) else { return nil }
        guard let list = document["Targets"]?.arrayValue else {
            report(path, "no \"Targets\" list (expected events list-targets-by-rule output)")
            return nil
        }
        return list.compactMap { item in
            guard let id = item["Id"]?.stringValue else { return nil }
            return RuleTarget(id: id, arn: item["Arn"]?.stringValue ?? "", roleArn: item["RoleArn"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
