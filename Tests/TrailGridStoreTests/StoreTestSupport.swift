import Foundation
import TrailGridCore

/// A fresh folder per test, removed afterwards by the caller.
func scratchDirectory(_ name: String = #function) -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("trailgrid-store-\(name.filter(\.isLetter))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A CloudTrail record as AWS writes it, on the trail channel.
func trailEvent(_ name: String, id: String, account: String = "111122223333", region: String = "us-east-1",
                time: String = "2026-11-30T03:00:00Z", source: String = "cloudtrail.amazonaws.com",
                parameters: String = #"{"name":"arn:aws:cloudtrail:us-east-1:111122223333:trail/org"}"#) -> CloudTrailEvent {
    let record = """
        {"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::\(account):assumed-role/Admin/mallory","accountId":"\(account)"},\
        "eventTime":"\(time)","eventSource":"\(source)","eventName":"\(name)","awsRegion":"\(region)","sourceIPAddress":"203.0.113.9",\
        "userAgent":"aws-cli/2.15","requestParameters":\(parameters),"responseElements":null,"eventID":"\(id)","readOnly":false,\
        "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"\(account)","eventCategory":"Management"}
        """
    let outcomes = FeedDecoder().decode(Array(record.utf8), file: "/feeds/trail.jsonl", offset: 40)
    guard case .accepted(let decoded)? = outcomes.first else { fatalError("fixture record did not decode: \(outcomes)") }
    return decoded.event
}
