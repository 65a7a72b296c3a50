import Foundation

/// Builds the HTTP form of an operation for each wire protocol, and reads a
/// service's error document back. Requests are built without a host; the
/// client adds the endpoint and signs.
public enum ProtocolCodec {
    /// JSON 1.1: POST / with the operation named in X-Amz-Target.
    public static func json11(targetPrefix: String, operation: String, body: [UInt8]) -> AWSHTTPRequest {
        AWSHTTPRequest(method: "POST", host: "", path: "/",
                       headers: [.init("Content-Type", "application/x-amz-json-1.1"), .init("X-Amz-Target", "\(targetPrefix).\(operation)")],
                       body: body.isEmpty ? Array("{}".utf8) : body)
    }

    /// Query: a form-encoded POST with Action and Version first.
    public static func query(version: String, operation: String, parameters: [AWSHTTPRequest.QueryItem]) -> AWSHTTPRequest {
        let items = [AWSHTTPRequest.QueryItem("Action", operation), .init("Version", version)] + parameters
        let form = items.map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }.joined(separator: "&")
        return AWSHTTPRequest(method: "POST", host: "", path: "/",
                              headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                              body: Array(form.utf8))
    }

    /// REST-JSON and REST-XML: the method, path and query are the operation's.
    public static func rest(method: String, path: String, query: [AWSHTTPRequest.QueryItem] = [],
                            json body: [UInt8]? = nil) -> AWSHTTPRequest {
        var request = AWSHTTPRequest(method: method, host: "", path: path, query: query)
        if let body {
            request.headers.append(.init("Content-Type", "application/json"))
            request.body = body
        }
        return request
    }

    /// The service's error from a non-2xx answer, for any protocol. What the
    /// body does not say (an HTML page from a proxy, an empty HEAD answer)
    /// becomes code `HTTP<status>` with the body's text as the message.
    public static func error(from response: AWSHTTPResponse, service: AWSService, operation: String) -> AWSServiceError {
        var requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        var code: String?
        var message: String?
        func readJSON() {
            if code == nil, let type = response.header("x-amzn-ErrorType") { code = ErrorText.code(fromType: type) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else { return }
            if code == nil, let type = (object["__type"] ?? object["code"] ?? object["Code"]) as? String {
                code = ErrorText.code(fromType: type)
            }
            message = message ?? (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
        }
        func readXML() {
            guard let tree = try? XMLTree.parse(response.body) else { return }
            let error = tree.first("Error") ?? tree
            code = code ?? error.child("Code")?.text
            message = message ?? error.child("Message")?.text
            requestID = requestID ?? tree.first("RequestId")?.text ?? tree.first("RequestID")?.text
        }
        // The protocol's own form first, then the other: a gateway in front
        // of a JSON service may still answer in XML (moto does for signature
        // errors), and the code matters more than which form carried it.
        switch service.wireProtocol {
        case .json11, .restJSON:
            readJSON()
            if code == nil { readXML() }
        case .query, .restXML:
            readXML()
            if code == nil { readJSON() }
        }
        if code == nil || code!.isEmpty {
            code = "HTTP\(response.status)"
            if message == nil { message = ErrorText.plain(response.body) }
        }
        return AWSServiceError(service: service.endpointPrefix, operation: operation, code: code!,
                               message: message ?? "", status: response.status, requestID: requestID)
    }

    /// A JSON answer decoded into an operation's output type.
    public static func decodeJSON<Output: Decodable>(_ type: Output.Type, from body: [UInt8], operation: String) throws -> Output {
        do {
            return try JSONDecoder().decode(type, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            throw AWSClientError.decoding("\(operation): \(error)")
        }
    }

    public static func encodeJSON(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(value))
    }
}
