import Synchronization

/// Bounds the batches between the ingester and the state store: the
/// forwarder takes a permit before it posts a batch to the UI thread, and
/// the permit comes back once the batch's delta is committed (or, with no
/// store, once it is reduced). A slow disk or UI thus slows reading, which
/// the ingester's channel passes on to the files, instead of queueing
/// batches without limit in the mailbox.
final class BatchGate: Sendable {
    private struct Permits {
        var available: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
        var closed = false
    }

    private let permits: Mutex<Permits>

    init(limit: Int) {
        permits = Mutex(Permits(available: limit))
    }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = permits.withLock { state -> Bool in
                if state.closed || state.available > 0 {
                    if !state.closed { state.available -= 1 }
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func release() {
        let next = permits.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Lets every waiter through, now and later (the dashboard is stopping).
    func close() {
        let waiting = permits.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
