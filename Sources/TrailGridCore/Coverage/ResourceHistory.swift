/// The management calls applied to one resource since the inventory
/// captured it, in event-time order: what lets a call that arrives late
/// (the trail channel lags by minutes) take its place among them instead
/// of undoing a newer one.
struct ResourceHistory: Sendable {
    /// Calls kept per resource before the oldest are folded into `floor`.
    static let limit = 64

    /// Calls at or before this time are superseded (ms since 1970).
    var floorTime: Int64?
    /// Whether `floorTime` is the inventory's capture time (else the time of
    /// the newest call folded into `floor`).
    var floorIsInventory = true
    /// The state the calls apply to; nil: the inventory's.
    var floor: ResourceState?
    /// Sorted by event time; calls of equal time in arrival order.
    private(set) var calls: [ManagementCall] = []

    init(inventoryTime: Int64?) {
        floorTime = inventoryTime
    }

    /// Whether a call at `time` is no newer than what the floor already reflects.
    func isSuperseded(_ time: Int64?) -> Bool {
        guard let time, let floorTime else { return false }
        return time <= floorTime
    }

    func contains(eventID: String) -> Bool {
        !eventID.isEmpty && calls.contains { $0.event.eventID == eventID }
    }

    var newestTime: Int64? { calls.last.map(Self.time) }

    /// Inserts after every call of the same or an earlier time; returns its index.
    mutating func insert(_ call: ManagementCall) -> Int {
        let time = Self.time(call)
        var low = 0
        var high = calls.count
        while low < high {
            let middle = (low + high) / 2
            if Self.time(calls[middle]) <= time { low = middle + 1 } else { high = middle }
        }
        calls.insert(call, at: low)
        return low
    }

    /// Drops the oldest calls once there are more than `limit`, keeping the
    /// state they led to as the new floor: a resource changed all day keeps
    /// bounded memory, and only calls older than the kept ones are refused.
    mutating func fold(_ apply: (ResourceState?, ArraySlice<ManagementCall>) -> ResourceState) {
        guard calls.count > Self.limit else { return }
        let count = calls.count - Self.limit / 2
        floor = apply(floor, calls[..<count])
        if let newest = calls[..<count].compactMap(\.event.timestamp).max() { floorTime = max(floorTime ?? newest, newest) }
        floorIsInventory = false
        calls.removeFirst(count)
    }

    /// A call without a parseable time counts as the newest.
    static func time(_ call: ManagementCall) -> Int64 {
        call.event.timestamp ?? .max
    }
}
