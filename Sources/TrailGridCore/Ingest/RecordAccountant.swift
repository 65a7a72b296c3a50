/// What the ingester does with each record it reads: decode it, count the
/// outcome, drop duplicates, quarantine refusals, and classify what is
/// accepted into `pendingEvents`.
///
/// A value the ingester mutates through one access per chunk: as the
/// actor's own stored properties, every record paid a handful of dynamic
/// exclusivity checks (`swift_beginAccess`, 2 % of ingest) and a copy of
/// the decoder (a retain of each of its tables) for each call.
struct RecordAccountant {
    let decoder: FeedDecoder
    let classifier: EventClassifier?
    var dedupe: Deduplicator
    let quarantine: Quarantine?
    var counters = IngestCounters()
    /// Accepted events read since the last batch.
    var pendingEvents: [IngestedEvent] = []

    /// Reads one chunk of `file`, decoding and accounting each record.
    /// `produced` tells whether any record was read.
    mutating func read(_ file: FollowedFile, final: Bool, now: Int64) -> (bytesRead: Int, more: Bool, produced: Bool) {
        // Each record is accounted as soon as it is decoded, while its
        // flattened fields are still in cache (a chunk's worth decoded first
        // no longer fitted).
        var outcomes: [RecordOutcome] = []
        outcomes.reserveCapacity(4)
        var produced = false
        let path = file.path
        // A local copy, borrowed by the closure: read through `self` it was copied for every record.
        let decoder = self.decoder
        let maxSample = decoder.limits.maxQuarantineSample
        let step = file.poll(final: final) { frame, bytes, offset in
            switch frame {
            case .value:
                decoder.decode(bytes, file: path, offset: offset, into: &outcomes)
            case .garbage(_, let reason):
                let kind: RejectKind = reason.hasPrefix("too large") || reason.hasPrefix("record larger")
                    ? .tooLarge : (reason.hasPrefix("bad gzip") ? .badGzip : .badJSON)
                outcomes.append(.rejected(Rejection(kind, reason), RecordOrigin(file: path, offset: offset), sample: Array(bytes.prefix(maxSample))))
            }
            if !outcomes.isEmpty {
                produced = true
                account(&outcomes, now: now)
                outcomes.removeAll(keepingCapacity: true)
            }
        }
        return (step.bytesRead, step.more, produced)
    }

    /// Counts every outcome, moving each out of the array, a placeholder
    /// without references left in its place, rather than iterating: an
    /// event is a score of strings, and copying each one then releasing the
    /// original (or `reverse()` and `popLast()`, which copy too) cost more
    /// than de-duplicating it.
    ///
    /// `inout`, not consumed: `outcomes` lives in the box of the closure that
    /// filled it, so a consumed copy was not unique and taking its elements
    /// copied every event in the chunk first (a retain and release of each
    /// of their strings).
    mutating func account(_ outcomes: inout [RecordOutcome], now: Int64) {
        outcomes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                let outcome = (base + index).move()
                (base + index).initialize(to: Self.movedOut)
                account(outcome, now: now)
            }
        }
    }

    private static let movedOut = RecordOutcome.skipped(.controlMessage, RecordOrigin(file: "", offset: 0))

    private mutating func account(_ outcome: consuming RecordOutcome, now: Int64) {
        switch consume outcome {
        case .accepted(var decoded):
            // The id's place in the duplicate window is fetched from memory
            // while the event is matched (a duplicate, rare, is matched for nothing).
            let channel = decoded.event.channel
            let key = decoded.event.withUTF8(.eventID) { Deduplicator.key(utf8: $0, on: channel) } ?? Deduplicator.key("", on: channel)
            dedupe.prefetch(key)
            let matches = classifier?(decoded) ?? []
            let fresh: Bool
            if let delivery = decoded.deliveryKey, !dedupe.insert(deliveryKey: delivery) {
                fresh = false
            } else {
                fresh = dedupe.insert(key: key)
            }
            // Done with (matched, or dropped as a duplicate): the leaves'
            // storage goes back to the decoder for the next record.
            var fields = FlatEvent()
            swap(&fields, &decoded.fields)
            decoder.recycle(fields)
            if fresh {
                counters.accepted += 1
                pendingEvents.append(IngestedEvent(event: decoded.takeEvent(), watchMatches: matches))
            } else {
                counters.duplicate += 1
            }
        case .skipped(let reason, _):
            counters.skipped += 1
            counters.skippedByReason[reason, default: 0] += 1
        case .rejected(let rejection, let origin, let sample):
            counters.rejected += 1
            counters.rejectedByKind[rejection.kind, default: 0] += 1
            quarantine?.append(rejection, origin: origin, sample: sample, time: now)
        }
    }
}
