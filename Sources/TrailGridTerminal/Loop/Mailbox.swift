#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Where background work (the ingester, samplers, timers) leaves messages for
/// the UI thread: a lock-protected queue plus a self-pipe whose read end the
/// UI thread `poll`s next to stdin, so a post wakes it at once (lnav's wakeup
/// pipe, Bubble Tea's `p.Send`; STYLE.md §2.1).
///
/// Posting is safe from any thread or task and never blocks on the UI.
public final class Mailbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])
    /// The pipe's read end, for the UI thread's `poll`.
    let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    /// Creates the queue and its pipe (both ends non-blocking, close-on-exec).
    ///
    /// - Throws: `TerminalError.systemCall` if the process is out of descriptors.
    public init() throws {
        let (read, write) = try makeWakePipe()
        wakeDescriptor = read
        writeDescriptor = write
    }

    deinit {
        close(wakeDescriptor)
        close(writeDescriptor)
    }

    /// Queues `message` and wakes the UI thread.
    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        wake()
    }

    /// Queues `messages` in order, with one wake-up.
    public func post(contentsOf messages: some Sequence<Message>) {
        queue.withLock { $0.append(contentsOf: messages) }
        wake()
    }

    /// Takes every queued message, oldest first, and empties the pipe.
    func drain() -> [Message] {
        drainWakePipe(wakeDescriptor)
        return queue.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }

    /// Writes one byte to the pipe. A full pipe (EAGAIN) means a wake-up is
    /// already pending, which is all that is needed.
    private func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }
}
