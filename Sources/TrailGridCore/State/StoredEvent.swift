/// Events kept by a state store are their original records: decoding one
/// again gives back the event the feed carried, so a restarted dashboard
/// shows and exports exactly what the first one did.
extension CloudTrailEvent {
    /// Decodes a record that an earlier run accepted (an EventBridge envelope
    /// or a bare CloudTrail record), as read at `origin`; nil when it no
    /// longer decodes as one event.
    /// One decoder for every stored record: building its tables for each
    /// one made reading back 7,000 events take seconds.
    private static let restoringDecoder = FeedDecoder()

    public static func restored(raw: [UInt8], origin: RecordOrigin) -> CloudTrailEvent? {
        let outcomes = restoringDecoder.decode(raw, file: origin.file, offset: origin.offset)
        guard outcomes.count == 1, case .accepted(let decoded) = outcomes[0] else { return nil }
        return decoded.event.relocated(to: origin)
    }
}
