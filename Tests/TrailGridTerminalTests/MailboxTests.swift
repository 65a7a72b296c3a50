#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
@testable import TrailGridTerminal

@Suite struct MailboxTests {
    @Test func postsArriveInOrderAndWakeThePipe() throws {
        let mailbox = try Mailbox<Int>()
        var descriptor = pollfd(fd: mailbox.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 0) == 0)
        mailbox.post(1)
        mailbox.post(contentsOf: [2, 3])
        #expect(poll(&descriptor, 1, 0) == 1)
        #expect(mailbox.drain() == [1, 2, 3])
        descriptor.revents = 0
        #expect(poll(&descriptor, 1, 0) == 0)
        #expect(mailbox.drain().isEmpty)
    }

    @Test func concurrentPostersLoseNothing() async throws {
        let mailbox = try Mailbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for value in 0..<2_000 { mailbox.post(task * 10_000 + value) }
                }
            }
        }
        let all = mailbox.drain()
        #expect(all.count == 16_000)
        #expect(Set(all).count == 16_000)
    }

    @Test func aFullPipeDoesNotBlockPosters() throws {
        let mailbox = try Mailbox<Int>()
        for value in 0..<200_000 { mailbox.post(value) }
        #expect(mailbox.drain().count == 200_000)
    }
}
