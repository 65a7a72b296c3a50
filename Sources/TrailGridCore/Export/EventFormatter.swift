/// The flat forms of an event that `scan` prints and exports write.
public enum EventFormatter {
    /// Column names of the CSV form, in order.
    public static let csvHeader = [
        "eventTime", "account", "awsRegion", "eventSource", "eventName", "principal", "sourceIPAddress",
        "userAgent", "errorCode", "readOnly", "eventID", "eventType", "detailType", "channel", "watches",
    ]

    /// One normalized JSON object (no trailing newline).
    public static func jsonLine(_ event: CloudTrailEvent, watches: [String] = []) -> String {
        var out = "{"
        func field(_ key: String, _ value: String?, first: Bool = false) {
            if !first { out += "," }
            JSONWriter.appendString(key, to: &out)
            out += ":"
            if let value { JSONWriter.appendString(value, to: &out) } else { out += "null" }
        }
        field("eventID", event.eventID, first: true)
        field("eventTime", event.eventTime)
        field("eventName", event.eventName)
        field("eventSource", event.eventSource)
        field("awsRegion", event.awsRegion)
        field("account", event.account)
        field("principal", event.principal)
        field("sourceIPAddress", event.sourceIPAddress)
        field("userAgent", event.userAgent)
        field("errorCode", event.errorCode)
        out += ",\"readOnly\":" + (event.readOnly.map { $0 ? "true" : "false" } ?? "null")
        field("eventType", event.eventType)
        field("detailType", event.detailType)
        field("channel", event.channel.rawValue)
        field("file", event.origin.file)
        out += ",\"offset\":\(event.origin.offset)"
        out += ",\"watches\":[" + watches.map(JSONWriter.quoted).joined(separator: ",") + "]"
        out += "}"
        return out
    }

    /// The original record as one line: byte for byte unless it spans lines
    /// (a pretty-printed log file element), which is then written compactly.
    public static func originalRecordLine(_ event: CloudTrailEvent) -> String {
        if !event.raw.contains(0x0A) && !event.raw.contains(0x0D), let text = String(validating: event.raw, as: UTF8.self) {
            return text
        }
        guard let value = try? JSONParser.parse(event.raw) else { return String(decoding: event.raw, as: UTF8.self) }
        return JSONWriter.serialize(value)
    }

    public static func csvRow(_ event: CloudTrailEvent, watches: [String] = []) -> String {
        CSVWriter.row([
            event.eventTime, event.account, event.awsRegion, event.eventSource, event.eventName, event.principal,
            event.sourceIPAddress ?? "", event.userAgent ?? "", event.errorCode ?? "",
            event.readOnly.map { $0 ? "true" : "false" } ?? "", event.eventID, event.eventType ?? "",
            event.detailType, event.channel.rawValue, watches.joined(separator: ";"),
        ])
    }
}
