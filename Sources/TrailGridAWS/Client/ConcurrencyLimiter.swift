/// Bounds how many calls run at once: overall (`--jobs`) and per key, where
/// the key is an account and region, since AWS throttles each account in
/// each region on its own. A call over either bound waits its turn, first
/// come first served among the calls that could run. A waiting call is not
/// woken early by cancellation: it sees the cancellation when its turn comes
/// (the client checks before each attempt), which costs a wait but never a
/// permit.
public actor ConcurrencyLimiter {
    public let overall: Int
    public let perKey: Int
    private var running = 0
    private var runningByKey: [String: Int] = [:]
    private var waiters: [(key: String, continuation: CheckedContinuation<Void, Never>)] = []

    public init(overall: Int = 32, perKey: Int = 8) {
        precondition(overall > 0 && perKey > 0, "limits must be positive")
        self.overall = overall
        self.perKey = perKey
    }

    /// Runs `body` holding one permit overall and one for `key`.
    public func run<T: Sendable>(key: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    /// How many calls hold a permit now (for tests and progress).
    public var active: Int { running }

    private func canStart(_ key: String) -> Bool {
        running < overall && runningByKey[key, default: 0] < perKey
    }

    private func take(_ key: String) {
        running += 1
        runningByKey[key, default: 0] += 1
    }

    private func acquire(_ key: String) async {
        if waiters.isEmpty || !waiters.contains(where: { $0.key == key }), canStart(key) {
            take(key)
            return
        }
        await withCheckedContinuation { waiters.append((key, $0)) }
    }

    private func release(_ key: String) {
        running -= 1
        let left = runningByKey[key, default: 1] - 1
        runningByKey[key] = left == 0 ? nil : left
        // Start every waiter that now fits, oldest first; a waiter for a busy
        // key does not hold up one for an idle key.
        var index = 0
        while index < waiters.count, running < overall {
            if canStart(waiters[index].key) {
                let waiter = waiters.remove(at: index)
                take(waiter.key)
                waiter.continuation.resume()
            } else {
                index += 1
            }
        }
    }
}
