import Foundation

/// S3 (REST-XML), for reading a trail's bucket in the next issue: listing
/// only, for now.
public struct S3Object: Sendable, Equatable {
    public var key: String
    public var size: Int
    public var lastModified: Date?
}

extension AWSContext {
    /// ListObjectsV2, all pages. Path-style (`/bucket`) when an endpoint is
    /// overridden (an emulator has no per-bucket DNS) or the name is not one
    /// DNS label (TLS wildcards cover one label); virtual-hosted otherwise.
    public func listObjects(bucket: String, prefix: String? = nil) async throws -> [S3Object] {
        try await Paginator.all(
            fetch: { (token: String?) async throws -> S3ListPage in
                var query: [AWSHTTPRequest.QueryItem] = [.init("list-type", "2")]
                if let prefix { query.append(.init("prefix", prefix)) }
                if let token { query.append(.init("continuation-token", token)) }
                var request = ProtocolCodec.rest(method: "GET", path: "/" + bucket, query: query)
                var service = AWSService.s3
                if client.configuration.endpointOverride == nil && Self.isVirtualHostable(bucket) {
                    request.path = "/"
                    service.endpointPrefix = "\(bucket).s3"
                }
                return try await s3List(request, service: service)
            },
            items: { $0.objects }, next: { $0.isTruncated ? $0.token : nil })
    }

    /// A bucket name that is one DNS label: lower-case letters, digits and
    /// hyphens (older buckets may have capitals or underscores; they, and
    /// names with dots, stay path-style).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        !bucket.isEmpty && bucket.utf8.count <= 63 && !bucket.hasPrefix("-") && !bucket.hasSuffix("-")
            && bucket.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    struct S3ListPage: Sendable {
        var objects: [S3Object]
        var isTruncated: Bool
        var token: String?
    }

    private func s3List(_ request: AWSHTTPRequest, service: AWSService) async throws -> S3ListPage {
        let response = try await rest(service, "ListObjectsV2", request)
        let tree = try XMLTree.parse(response.body)
        let objects = tree.children("Contents").map { item in
            S3Object(key: item.child("Key")?.text ?? "", size: Int(item.child("Size")?.text ?? "") ?? 0,
                     lastModified: item.child("LastModified").flatMap { Timestamps.parseISO8601($0.text) })
        }
        return S3ListPage(objects: objects, isTruncated: tree.child("IsTruncated")?.text == "true",
                          token: tree.child("NextContinuationToken")?.text)
    }
}
