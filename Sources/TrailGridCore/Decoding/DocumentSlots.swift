/// Where the normalizer finds each field of a record in a document
/// flattened for `FeedDecoder.paths`: at the top for a bare CloudTrail
/// record, under `detail.` in an EventBridge envelope. Resolved once per
/// decoder so that reading a field is a slot compare, not a path lookup.
struct DocumentSlots: Sendable {
    struct Record: Sendable {
        var eventID, eventTime, eventName, eventSource, eventType: Int32
        var awsRegion, recipientAccountId, sourceIPAddress, userAgent: Int32
        var errorCode, errorMessage, readOnly: Int32
        var identityArn, identityType, identityUserName, identityInvokedBy, identityPrincipalId, identityAccountId: Int32
        var insightEventName, insightEventSource: Int32

        init(_ paths: FlatPaths, prefix: String) {
            func slot(_ path: String) -> Int32 { Int32(paths.slot(ofPath: prefix + path) ?? -1) }
            eventID = slot("eventID")
            eventTime = slot("eventTime")
            eventName = slot("eventName")
            eventSource = slot("eventSource")
            eventType = slot("eventType")
            awsRegion = slot("awsRegion")
            recipientAccountId = slot("recipientAccountId")
            sourceIPAddress = slot("sourceIPAddress")
            userAgent = slot("userAgent")
            errorCode = slot("errorCode")
            errorMessage = slot("errorMessage")
            readOnly = slot("readOnly")
            identityArn = slot("userIdentity.arn")
            identityType = slot("userIdentity.type")
            identityUserName = slot("userIdentity.userName")
            identityInvokedBy = slot("userIdentity.invokedBy")
            identityPrincipalId = slot("userIdentity.principalId")
            identityAccountId = slot("userIdentity.accountId")
            insightEventName = slot("insightDetails.eventName")
            insightEventSource = slot("insightDetails.eventSource")
        }
    }

    struct Envelope: Sendable {
        var time, region, account, detailType: Int32
    }

    var bare: Record
    var inDetail: Record
    var envelope: Envelope
    /// How many slots the paths have (`FlatEvent.withSingleValues`).
    var slotCount: Int

    init(_ paths: FlatPaths) {
        slotCount = paths.slotCount
        bare = Record(paths, prefix: "")
        inDetail = Record(paths, prefix: "detail.")
        func slot(_ path: String) -> Int32 { Int32(paths.slot(ofPath: path) ?? -1) }
        envelope = Envelope(time: slot("time"), region: slot("region"), account: slot("account"), detailType: slot("detail-type"))
    }
}
