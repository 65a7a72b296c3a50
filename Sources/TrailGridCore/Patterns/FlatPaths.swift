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
        var children: [Child] = []
        /// When some path ends here, its number (0..<slotCount, the index
        /// into `slotPaths`): what `FlatEvent` files its leaves under; else -1.
        var slot: Int32 = -1
        /// Everything below is wanted (a pruned parse keeps the whole value).
        var keepsAll = false
        /// For a top-level key named in `markers`, its bit in `FlatEvent.markers`.
        var marker: UInt64 = 0
    }

    /// An edge of the tree. `head` (the key's first 8 bytes, zero-padded)
    /// settles most comparisons in one integer compare: this lookup runs for
    /// every member of every record ingested.
    struct Child: Sendable {
        var key: [UInt8]
        var head: UInt64
        var node: Int

        init(key: [UInt8], node: Int) {
            self.key = key
            self.node = node
            self.head = key.withUnsafeBytes { Child.head(of: $0) }
        }

        @inline(__always)
        static func head(of bytes: UnsafeRawBufferPointer) -> UInt64 {
            guard let base = bytes.baseAddress else { return 0 }
            return ShortBytes.head(base, count: bytes.count)
        }
    }

    /// An edge as `lookup` reads it: plain values only, so reading one
    /// retains nothing (copying a `Node` to read it retained its arrays,
    /// for every member of every record).
    private struct Edge {
        var head: UInt64
        /// The key's bytes in `edgeKeys`.
        var keyStart: Int32
        var keyCount: Int32
        var node: Int32
    }

    /// Where a node's edges are: `edges[first..<first+count]`, and when it
    /// has more than a few, their open-addressing index by key head at
    /// `edgeIndex[indexStart...]` (`indexMask` + 1 entries, -1 = empty).
    private struct NodeEdges {
        var first: Int32
        var count: Int32
        var indexStart: Int32
        /// -1 when the edges are few enough to scan.
        var indexMask: Int32
    }

    static let root = 0
    private(set) var nodes: [Node] = [Node()]
    /// The tree's edges laid out for `lookup`, built once the tree is complete.
    private var edges: [Edge] = []
    private var edgeKeys: [UInt8] = []
    private var nodeEdges: [NodeEdges] = []
    private var edgeIndex: [Int32] = []
    /// The node of the empty joined path (key "" at the top): always there,
    /// because the members under it are joined as if at the top.
    private var emptyPath = 0

    /// Slot → joined path.
    public private(set) var slotPaths: [String] = []

    /// - Parameters:
    ///   - subtrees: paths whose whole value is wanted, not only leaves named in `paths`.
    ///   - markers: top-level keys (at most 64) whose presence, whatever
    ///     their value, a flattened event records (`FlatEvent.markers`): what
    ///     a decoder needs to tell a record's shape without a tree.
    public init(_ paths: some Sequence<String>, subtrees: some Sequence<String> = [String](), markers: [String] = []) {
        self.markerKeys = markers
        for path in paths {
            let node = insert(path: path)
            guard nodes[node].slot < 0 else { continue }
            nodes[node].slot = Int32(slotPaths.count)
            slotPaths.append(path)
        }
        for path in subtrees {
            nodes[insert(path: path)].keepsAll = true
        }
        precondition(markers.count <= 64, "at most 64 markers")
        // `child(of:key:)` relies on no edge holding a ".".
        precondition(!markers.contains { $0.contains(".") }, "marker keys are top-level keys without dots")
        for (bit, key) in markers.enumerated() {
            nodes[insert(Array(key.utf8), under: Self.root)].marker = UInt64(1) << UInt64(bit)
        }
        emptyPath = insert([], under: Self.root)
        fingerprint = Self.fingerprint(slotPaths, markerKeys)
        buildIndexes()
    }

    /// Equal for two `FlatPaths` built from the same paths and markers, which
    /// therefore number slots and markers alike: a `FlatEvent` made for one
    /// can be read with the other.
    public private(set) var fingerprint: UInt64 = 0

    private static func fingerprint(_ slotPaths: [String], _ markerKeys: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in slotPaths + ["\u{0}"] + markerKeys {
            for byte in text.utf8 + [0] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    /// The keys given as `markers`, in bit order.
    public let markerKeys: [String]

    /// The bit of a top-level key given as a marker (0 when it was not).
    public func marker(_ key: String) -> UInt64 {
        guard let index = markerKeys.firstIndex(of: key) else { return 0 }
        return UInt64(1) << UInt64(index)
    }

    @inline(__always)
    func marker(of node: Int) -> UInt64 { nodes[node].marker }

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
        // No edge holds a ".", so a key found whole has none: only a key
        // not found (a third of a record's, which no one reads) is looked at
        // again for dots.
        if let found = lookup(key, under: current) { return found }
        guard let base = key.baseAddress, ShortBytes.contains(UInt8(ascii: "."), in: base, count: key.count) else { return nil }
        var start = 0
        while true {
            let rest = key.count - start
            let dot = memchr(base + start, Int32(UInt8(ascii: ".")), rest)
            let end = dot.map { start + (UnsafeRawPointer($0) - (base + start)) } ?? key.count
            guard let next = lookup(UnsafeRawBufferPointer(start: base + start, count: end - start), under: current) else { return nil }
            current = next
            if dot == nil { return current }
            start = end + 1
        }
    }

    func child(of node: Int, key: String) -> Int? {
        var key = key
        return key.withUTF8 { child(of: node, key: UnsafeRawBufferPointer($0)) }
    }

    /// The slot of the leaf at `node`, or -1 when no one reads it.
    @inline(__always)
    func slot(of node: Int) -> Int32 { nodes[node].slot }

    public var slotCount: Int { slotPaths.count }

    /// The slot of a joined path, or nil when it is not one of the paths.
    public func slot(ofPath path: String) -> Int? {
        var node = Self.root
        for component in path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let next = lookup(component, under: node) else { return nil }
            node = next
        }
        return nodes[node].slot >= 0 ? Int(nodes[node].slot) : nil
    }

    private func lookup(_ component: some Collection<UInt8>, under node: Int) -> Int? {
        for child in nodes[node].children where child.key.count == component.count && child.key.elementsEqual(component) {
            return child.node
        }
        return nil
    }

    private func lookup(_ component: UnsafeRawBufferPointer, under node: Int) -> Int? {
        let head = Child.head(of: component)
        let count = Int32(truncatingIfNeeded: component.count)
        let table = nodeEdges[node]
        if table.indexMask < 0 {
            for edge in Int(table.first)..<Int(table.first + table.count) where edges[edge].head == head && edges[edge].keyCount == count {
                if keyMatches(edges[edge], component) { return Int(edges[edge].node) }
            }
            return nil
        }
        var slot = Self.bucket(head, component.count) & Int(table.indexMask)
        while true {
            let position = edgeIndex[Int(table.indexStart) + slot]
            if position < 0 { return nil }
            let edge = edges[Int(position)]
            if edge.head == head && edge.keyCount == count && keyMatches(edge, component) { return Int(edge.node) }
            slot = (slot + 1) & Int(table.indexMask)
        }
    }

    /// The rest of a key whose head and length are equal to `edge`'s.
    @inline(__always)
    private func keyMatches(_ edge: Edge, _ component: UnsafeRawBufferPointer) -> Bool {
        if component.count <= 8 { return true }
        return edgeKeys.withUnsafeBytes { keys in
            ShortBytes.equal(keys.baseAddress! + Int(edge.keyStart) + 8, component.baseAddress! + 8, count: component.count - 8)
        }
    }

    @inline(__always)
    private static func bucket(_ head: UInt64, _ count: Int) -> Int {
        let mixed = (head ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40)
    }

    /// Lays the edges out for `lookup` and indexes the children of every
    /// node that has more than a few (a record's members are looked up here
    /// one by one: the root has some forty children).
    private mutating func buildIndexes() {
        for node in nodes.indices {
            let children = nodes[node].children
            var table = NodeEdges(first: Int32(edges.count), count: Int32(children.count), indexStart: 0, indexMask: -1)
            for child in children {
                edges.append(Edge(head: child.head, keyStart: Int32(edgeKeys.count), keyCount: Int32(child.key.count), node: Int32(child.node)))
                edgeKeys += child.key
            }
            if children.count > 4 {
                var size = 8
                while size < children.count * 2 { size <<= 1 }
                table.indexStart = Int32(edgeIndex.count)
                table.indexMask = Int32(size - 1)
                edgeIndex += [Int32](repeating: -1, count: size)
                for (position, child) in children.enumerated() {
                    var slot = Self.bucket(child.head, child.key.count) & (size - 1)
                    while edgeIndex[Int(table.indexStart) + slot] >= 0 { slot = (slot + 1) & (size - 1) }
                    edgeIndex[Int(table.indexStart) + slot] = table.first + Int32(position)
                }
            }
            nodeEdges.append(table)
        }
    }

    private mutating func insert(_ component: [UInt8], under node: Int) -> Int {
        if let existing = lookup(component, under: node) { return existing }
        nodes.append(Node())
        nodes[node].children.append(Child(key: component, node: nodes.count - 1))
        return nodes.count - 1
    }
}
