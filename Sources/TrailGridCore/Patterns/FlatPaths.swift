#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key paths a set of patterns reads, as a tree of their "."-separated
/// components, so an event can be flattened for just those paths.
///
/// Flattening a whole CloudTrail event (every leaf, a joined path string
/// each) cost more than everything else in ingest; the built-in watches read
/// about ten paths. A pattern only ever looks up `fields[path]` for its own
/// paths, so leaving the other paths out changes no match.
///
/// Keys may contain "." (`{"a.b":1}` and `{"a":{"b":1}}` are the same field
/// to EventBridge), so a key is walked component by component; and a path
/// joined under an empty prefix is the key itself, as `FlatEvent` joins them.
public struct FlatPaths: Sendable {
    struct Node: Sendable {
        var children: [(key: [UInt8], node: Int)] = []
        /// The joined path when some pattern reads it.
        var path: String?
        /// Everything below is wanted (a pruned parse keeps the whole value).
        var keepsAll = false
    }

    static let root = 0
    private(set) var nodes: [Node] = [Node()]
    /// The node of the empty joined path (key "" at the top): always there,
    /// because the members under it are joined as if at the top.
    private var emptyPath = 0

    /// - Parameter subtrees: paths whose whole value is wanted, not only leaves named in `paths`.
    public init(_ paths: some Sequence<String>, subtrees: some Sequence<String> = [String]()) {
        for path in paths {
            nodes[insert(path: path)].path = path
        }
        for path in subtrees {
            nodes[insert(path: path)].keepsAll = true
        }
        emptyPath = insert([], under: Self.root)
    }

    private mutating func insert(path: String) -> Int {
        var node = Self.root
        for component in path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            node = insert(Array(component), under: node)
        }
        return node
    }

    func keepsAll(_ node: Int) -> Bool { nodes[node].keepsAll }

    /// The node reached from `node` by an object member named `key` (raw
    /// UTF-8), or nil when no pattern reads anything at or below it.
    func child(of node: Int, key: UnsafeRawBufferPointer) -> Int? {
        // Under an empty joined path the member's path is its key alone.
        var current = (node == emptyPath) ? Self.root : node
        var start = 0
        for index in 0...key.count where index == key.count || key[index] == UInt8(ascii: ".") {
            guard let next = lookup(UnsafeRawBufferPointer(rebasing: key[start..<index]), under: current) else { return nil }
            current = next
            start = index + 1
        }
        return current
    }

    func child(of node: Int, key: String) -> Int? {
        var key = key
        return key.withUTF8 { child(of: node, key: UnsafeRawBufferPointer($0)) }
    }

    func path(of node: Int) -> String? { nodes[node].path }

    private func lookup(_ component: some Collection<UInt8>, under node: Int) -> Int? {
        for (key, child) in nodes[node].children where key.count == component.count && key.elementsEqual(component) {
            return child
        }
        return nil
    }

    private func lookup(_ component: UnsafeRawBufferPointer, under node: Int) -> Int? {
        for (key, child) in nodes[node].children where key.count == component.count {
            let same = key.withUnsafeBytes { stored in
                guard let left = stored.baseAddress, let right = component.baseAddress else { return true }  // both empty
                return memcmp(left, right, stored.count) == 0
            }
            if same { return child }
        }
        return nil
    }

    private mutating func insert(_ component: [UInt8], under node: Int) -> Int {
        if let existing = lookup(component, under: node) { return existing }
        nodes.append(Node())
        nodes[node].children.append((component, nodes.count - 1))
        return nodes.count - 1
    }
}
