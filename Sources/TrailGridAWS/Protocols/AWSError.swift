/// An error an AWS service returned, decoded from whichever protocol it
/// speaks: the code the SDKs would show (`ThrottlingException`,
/// `AccessDenied`…) and the whole message, never only a last line, so that
/// an inventory records why a call failed.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var code: String
    public var message: String
    public var status: Int
    public var requestID: String?

    public init(service: String, operation: String, code: String, message: String, status: Int, requestID: String? = nil) {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
    }

    public var description: String {
        "\(service) \(operation): \(code) (HTTP \(status))\(message.isEmpty ? "" : ": \(message)")"
    }
}

/// Failures that are not a service's answer.
public enum AWSClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection failed, closed early or timed out: no answer to decode.
    case transport(String)
    /// No credentials, or a source of them failed (the text says which and why).
    case credentials(String)
    /// A 2xx answer whose body is not what the operation returns.
    case decoding(String)
    /// A configuration the client refuses (an unknown region, a bad endpoint URL).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .transport(let text): "connection error: \(text)"
        case .credentials(let text): "credentials: \(text)"
        case .decoding(let text): "unexpected response: \(text)"
        case .invalidConfiguration(let text): "configuration: \(text)"
        }
    }
}

enum ErrorText {
    /// A body that is no protocol's error document (an HTML page from a load
    /// balancer, plain text from a proxy) as readable text: tags dropped,
    /// whitespace collapsed, at most `limit` characters.
    static func plain(_ body: [UInt8], limit: Int = 1000) -> String {
        var text = ""
        var inTag = false
        for character in String(decoding: body, as: UTF8.self) {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
    }

    /// The part of a shape id that the SDKs show as the code:
    /// "com.amazon.coral.service#ThrottlingException" and
    /// "ThrottlingException:http://internal.amazon.com/" both give "ThrottlingException".
    static func code(fromType type: String) -> String {
        var code = Substring(type)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return code.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
