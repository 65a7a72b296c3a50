import Foundation

/// One set of AWS credentials: an access key, its secret and, for temporary
/// credentials, a session token and the time they stop working.
///
/// The secret and the token never appear in `description` or
/// `debugDescription`, so that a credential printed by mistake — in a log
/// line, an error message, a test failure or the inventory — leaks nothing
/// but the access key id, which AWS itself treats as an identifier.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials expire; `nil` for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether they will have expired `margin` seconds from `now`: a
    /// credential that expires in the middle of a request is as bad as an
    /// expired one, so callers refresh a little early.
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var text = "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
        if sessionToken != nil { text += ", sessionToken: <redacted>" }
        if let expiration { text += ", expiration: \(expiration)" }
        return text + ")"
    }

    public var debugDescription: String { description }
}

/// Reflection (`dump`, `Mirror`) would otherwise walk the stored properties
/// and print the secret; this mirror shows the same fields as `description`.
extension AWSCredentials: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyID": accessKeyID,
            "secretAccessKey": "<redacted>",
            "sessionToken": sessionToken == nil ? "nil" : "<redacted>",
            "expiration": expiration as Any,
        ], displayStyle: .struct)
    }
}
