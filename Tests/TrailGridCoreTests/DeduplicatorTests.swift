import Testing
@testable import TrailGridCore

@Suite struct DeduplicatorTests {
    /// The ingester files an id by its key (fetching the key's place in the
    /// table while the event is matched): the same entry as by the id.
    @Test func anIdFiledByItsKeyIsTheSameEntry() {
        var window = Deduplicator(capacity: 4)
        let key = Deduplicator.key("e1", on: .realtime)
        window.prefetch(key)
        let first = window.insert(key: key)
        let again = window.insert("e1", on: .realtime)
        let otherChannel = window.insert("e1", on: .trail)
        let otherAgain = window.insert(key: Deduplicator.key("e1", on: .trail))
        #expect(first && !again && otherChannel && !otherAgain)
        #expect(Deduplicator.key("e1", on: .realtime) != Deduplicator.key("e2", on: .realtime))
    }

    @Test func theSameIdOnTheSameChannelIsADuplicateButNotOnTheOther() {
        var dedupe = Deduplicator(capacity: 8)
        let answers = [
            dedupe.insert("id-1", on: .realtime), dedupe.insert("id-1", on: .realtime),
            dedupe.insert("id-1", on: .trail), dedupe.insert("id-1", on: .trail),
            dedupe.insert(deliveryKey: "shard-1:42#0"), dedupe.insert(deliveryKey: "shard-1:42#0"),
        ]
        #expect(answers == [true, false, true, false, true, false])
    }

    /// A reference model (an array of the last `capacity` keys) against the
    /// hash table over a long stream with many repeats, so evictions and the
    /// backward-shift deletion are exercised at every table position.
    @Test func agreesWithAWindowOfTheLastKeys() {
        let capacity = 64
        var dedupe = Deduplicator(capacity: capacity)
        var window: [String] = []
        var generator = SeededGenerator(seed: 7)
        var duplicates = 0
        for _ in 0..<50_000 {
            let key = "event-\(Int.random(in: 0..<300, using: &generator))"
            let expectedNew = !window.contains(key)
            let isNew = dedupe.insert(key, on: .realtime)
            #expect(isNew == expectedNew, "key \(key)")
            if expectedNew {
                window.append(key)
                if window.count > capacity { window.removeFirst() }
            } else {
                duplicates += 1
            }
        }
        // The stream must really mix repeats and evictions for the comparison to mean anything.
        #expect(duplicates > 5_000 && duplicates < 45_000)
    }

    /// A window journaled batch by batch and rebuilt from the journal (as a
    /// restarted dashboard does from its state file) answers every later id
    /// exactly as the window that never stopped: evictions included.
    @Test func aWindowRebuiltFromItsJournalAnswersAsTheUninterruptedOne() {
        var uninterrupted = Deduplicator(capacity: 64)
        var journaled = Deduplicator(capacity: 64, journaling: true)
        var journal: [UInt64] = []
        var generator = SplitMix(seed: 7)
        for _ in 0..<500 {
            let id = "e-\(generator.next() % 150)"
            #expect(uninterrupted.insert(id, on: .trail) == journaled.insert(id, on: .trail))
        }
        journal += journaled.takeJournal()
        #expect(journaled.takeJournal().isEmpty)
        // Only fresh entries are journaled, so the journal's newest 64 are the window.
        var restored = Deduplicator(capacity: 64, restoring: journal)
        var answers: [Bool] = [], expected: [Bool] = []
        for _ in 0..<500 {
            let id = "e-\(generator.next() % 150)"
            expected.append(uninterrupted.insert(id, on: .trail))
            answers.append(restored.insert(id, on: .trail))
        }
        #expect(answers == expected)
        #expect(expected.contains(false) && expected.contains(true))
    }
}

/// Repeatable pseudo-random numbers for the journal test.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
