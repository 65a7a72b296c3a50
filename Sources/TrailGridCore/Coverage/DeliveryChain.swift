/// How a watch's events travel from a cell to a sink, hop by hop (DESIGN §2,
/// "Delivery chains and what is known"): the cell's own rule, then each bus
/// a target puts the event on and the rule there that sends it on, until a
/// sink. The chain is kept so that the cell detail can show where it breaks,
/// not only that it does.
public struct DeliveryChain: Sendable, Equatable {
    /// The most buses an event is ever on: the bus it first lands on (the
    /// cell's default bus) and one bus a rule there routes it to. AWS
    /// documents that an event received from another bus is not routed on to
    /// a third (same account: "EventBridge can't route events received from a
    /// sender event bus to a third event bus"; across accounts: "If a
    /// receiver account sets up a rule that sends events received from a
    /// sender account on to a third account, these events are not sent"):
    /// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-bus-to-bus.html
    /// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html
    /// So the 5-hop limit DESIGN §2 names is never reached: a second relay stops first.
    public static let maxBuses = 2

    public var word: RuleCoverage
    public var hops: [ChainHop]
    /// What stops the chain, naming the hop; nil when every hop holds, or
    /// when the cell's own rules already say it (the watch finding's words).
    public var problem: String?

    public init(word: RuleCoverage, hops: [ChainHop], problem: String? = nil) {
        self.word = word
        self.hops = hops
        self.problem = problem
    }
}

/// One hop of a chain, with its state and why.
public struct ChainHop: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// A rule on a bus whose pattern matches the watch's probe.
        case rule(String, on: BusKey)
        /// The rules of a bus as a whole, when none of them matches (or none is known).
        case rules(on: BusKey)
        /// The event put on a bus by a target.
        case bus(BusKey)
        /// A target that ends the chain.
        case sink(SinkKind, arn: String)

        /// `rule 'to-central' on the default bus (111111111111, eu-west-1)`,
        /// `bus central-events (111122223333, eu-west-1)`, `Kinesis stream arn:…`.
        public var label: String {
            switch self {
            case .rule(let name, let bus): return "rule '\(name)' on \(bus.label)"
            case .rules(let bus): return "rules on \(bus.label)"
            case .bus(let bus): return bus.isDefault ? "default bus (\(bus.account), \(bus.region))" : "bus \(bus.label)"
            case .sink(let kind, let arn): return "\(kind.rawValue) \(arn)"
            }
        }
    }

    public enum State: String, Sendable, Equatable {
        case holds
        case breaks
        /// Beyond the inventory: not collected, so not checked.
        case unverified
        /// Inside the inventory, but a file it needs is missing.
        case unknown
    }

    public var step: Step
    public var state: State
    /// The state in words: `ENABLED, matches`, `admitted by statement 'Org'`, or why it breaks.
    public var note: String

    public init(step: Step, state: State, note: String) {
        self.step = step
        self.state = state
        self.note = note
    }
}
