import TrailGridCore

/// The EventBridge pattern compiler, and matching with what it compiled
/// against a real event, so a pattern that compiles cannot crash matching.
enum PatternFuzz {
    static let event = try? JSONParser.parse(Array("""
        {"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail",\
        "account":"123456789012","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],\
        "detail":{"eventName":"StopLogging","sourceIPAddress":"10.0.0.1","userIdentity":{"type":"Root"},\
        "requestParameters":{"name":"arn:aws:cloudtrail:us-east-1:123456789012:trail/t"},"errorCode":null,"n":5}}
        """.utf8))

    static func run(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        guard let pattern = try? EventPattern(json: text) else { return }
        if let event { _ = pattern.matches(event) }
    }
}
