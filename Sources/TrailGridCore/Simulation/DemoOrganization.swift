/// A simulated AWS organization with a realistic mix of coverage: an
/// organization trail in us-east-1 plus account trails, a fully
/// covered production account, accounts whose rules exist only in a few
/// "home" regions (BLIND elsewhere), one with a regional trail only (DARK
/// elsewhere), one whose trail was stopped, one with no trail at all, a
/// disabled rule, a rule without targets, a narrow rule, opt-in regions
/// enabled in some accounts only (OFF elsewhere), and a central security
/// bus that breaks the chain in one region and for one member.
public struct DemoOrganization: Sendable {
    public enum TrailSetup: Sendable, Equatable {
        case multiRegion(logging: Bool)
        case regional(home: String)
        case none
    }

    public enum RuleSetup: Sendable, Equatable {
        /// An enabled rule forwarding every CloudTrail event, with a target.
        case forwardAll
        /// A rule forwarding only security-group changes.
        case narrow
        /// The forward-all rule, but DISABLED.
        case disabled
        /// The forward-all rule without any target.
        case noTarget
    }

    public struct Account: Sendable {
        public var id: String
        public var name: String
        public var trail: TrailSetup
        /// Opt-in regions this account has enabled.
        public var optedIn: [String]
        /// Rules per region; regions not listed have no rule.
        public var rules: [String: RuleSetup]
        /// Regions whose forwarding rule exists but silently delivers nothing
        /// (a broken target): the feed shows trail events only.
        public var silentRegions: Set<String>
    }

    public var organizationID: String
    public var managementAccount: String
    public var accounts: [Account]
    public let regions: [String]

    /// The central security bus every member's rules forward to: one in each
    /// region of the security-tooling account (a member's rule targets the
    /// bus of its own region), each with a rule sending everything on to a
    /// Kinesis stream there — except in `busWithoutRule`, and its policy
    /// admits every account but `refusedMember`: the two chain breaks a
    /// newcomer finds in the cell detail and with `w` (issue 15 part 8).
    public func centralBus(in region: String) -> String {
        "arn:aws:events:\(region):\(securityAccount):event-bus/security-central"
    }

    /// The us-east-1 central bus (what remediation tests target).
    public var centralBus: String { centralBus(in: "us-east-1") }

    /// The region where the central bus has no rule: every member's rule
    /// there puts events on a bus that sends them nowhere.
    public static let busWithoutRule = "eu-north-1"

    /// The member the bus policy does not admit: the policy names the
    /// accounts one by one, and this one joined after it was written.
    public static let refusedMember = "shared-network"

    /// The account that owns the central bus.
    public var securityAccount: String {
        accounts.first { $0.name == "security-tooling" }?.id ?? managementAccount
    }

    /// The management account's organization trail is single-region: it
    /// records us-east-1 (global services, root sign-in) in every member,
    /// and nothing elsewhere — the trap the grid exists to show.
    public static let organizationTrailRegion = "us-east-1"

    public init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let allRegions = AWSRegions.commercial
        regions = allRegions
        let optIn = allRegions.filter { AWSRegions.optIn.contains($0) }
        let core = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
        func id(_ index: Int) -> String {
            String(100_000_000_000 + index * 111_111_111 + Int.random(in: 0..<1000, using: &random))
        }
        func everywhere(_ setup: RuleSetup, except: [String: RuleSetup] = [:]) -> [String: RuleSetup] {
            var rules = Dictionary(uniqueKeysWithValues: allRegions.map { ($0, setup) })
            for (region, override) in except { rules[region] = override }
            return rules
        }
        let homeOnly = Dictionary(uniqueKeysWithValues: core.map { ($0, RuleSetup.forwardAll) })
        let specs: [(String, TrailSetup, [String: RuleSetup], Set<String>)] = [
            ("management", .multiRegion(logging: true), everywhere(.forwardAll), []),
            ("security-tooling", .multiRegion(logging: true), everywhere(.forwardAll), []),
            ("log-archive", .multiRegion(logging: true), homeOnly, []),
            ("prod-payments", .multiRegion(logging: true), everywhere(.forwardAll), ["ap-southeast-2"]),
            ("prod-web", .multiRegion(logging: true), everywhere(.forwardAll, except: ["eu-west-2": .narrow, "sa-east-1": .noTarget]), []),
            ("staging", .multiRegion(logging: true), homeOnly.merging(["eu-west-1": .disabled]) { $1 }, []),
            ("data-lake", .multiRegion(logging: true), homeOnly, ["eu-central-1"]),
            ("shared-network", .multiRegion(logging: true), everywhere(.forwardAll, except: ["us-west-1": .narrow]), []),
            ("ml-research", .multiRegion(logging: false), homeOnly, []),
            ("legacy-crm", .regional(home: "us-east-1"), ["us-east-1": .forwardAll, "eu-west-1": .forwardAll], []),
            ("dev-sandbox", TrailSetup.none, ["us-east-1": .forwardAll], []),
            ("audit", .multiRegion(logging: true), homeOnly, []),
        ]
        accounts = specs.enumerated().map { index, spec in
            var opted = optIn.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            // The central bus's account is enabled everywhere a member may forward from.
            if spec.0 == "security-tooling" { opted = optIn }
            return Account(id: id(index + 1), name: spec.0, trail: spec.1, optedIn: opted, rules: spec.2, silentRegions: spec.3)
        }
        organizationID = "o-" + String(random.next() % 0xFFFF_FFFF, radix: 36).padding(to: 10)
        managementAccount = accounts[0].id
    }

    public func isEnabled(_ region: String, in account: Account) -> Bool {
        !AWSRegions.optIn.contains(region) || account.optedIn.contains(region)
    }

    /// Whether a call made in this cell produces any CloudTrail event at all.
    public func isLogged(_ region: String, in account: Account) -> Bool {
        guard isEnabled(region, in: account) else { return false }
        if region == Self.organizationTrailRegion { return true }
        switch account.trail {
        case .multiRegion(let logging): return logging
        case .regional(let home): return home == region
        case .none: return false
        }
    }

    /// Whether the event of a call made there reaches the realtime feed.
    public func isForwarded(_ region: String, in account: Account, eventName: String, readOnly: Bool) -> Bool {
        guard isLogged(region, in: account), !account.silentRegions.contains(region) else { return false }
        // Every rule forwards to the central bus: it must admit the account and have a rule in the region.
        guard region != Self.busWithoutRule, account.name != Self.refusedMember else { return false }
        switch account.rules[region] {
        case .forwardAll?: return true
        case .narrow?: return eventName.contains("SecurityGroup") && !readOnly
        default: return false
        }
    }
}

extension String {
    func padding(to length: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: "0", count: length - count)
    }
}
