/// Signed requests carry secrets in three headers: the signature (which,
/// with the rest of the request, can be replayed for five minutes), the
/// session token and the metadata service's token. Printing a request or a
/// header — in a log, an error, a test failure — shows them as
/// `<redacted>`; the values themselves are sent unchanged.
extension AWSHTTPRequest.Header: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    static let secretNames: Set<String> = ["authorization", "x-amz-security-token", "x-aws-ec2-metadata-token"]

    public var isSecret: Bool { Self.secretNames.contains(name.lowercased()) }

    public var description: String { "\(name): \(isSecret ? "<redacted>" : value)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": isSecret ? "<redacted>" : value], displayStyle: .struct)
    }
}

extension AWSHTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "\(method) \(url) [\(headers.map(\.description).joined(separator: ", "))] \(body.count) bytes"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "headers": headers.map(\.description), "bodyBytes": body.count],
               displayStyle: .struct)
    }
}
