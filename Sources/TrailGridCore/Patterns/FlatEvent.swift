/// A scalar taken from an event, prepared once so that thousands of patterns
/// can test it without re-reading the JSON.
enum FlatScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(FlatNumber)
    case string(String)
}

/// An event number with its literal text (exact matches compare text too)
/// and its double, which is `nil` when the literal is outside the double
/// range: such a number can only match by text, never by value.
struct FlatNumber: Sendable, Equatable {
    var text: String
    var value: Double?

    init(_ number: JSONNumber) {
        text = number.text
        value = FlatNumber.comparableValue(number.text)
    }

    /// A literal that overflows to infinity, or underflows to zero while
    /// having non-zero digits, has no faithful double; event-ruler refuses to
    /// compare those numerically, and so do we.
    static func comparableValue(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        if value == 0 {
            let mantissa = text.prefix { $0 != "e" && $0 != "E" }
            if mantissa.contains(where: { $0 >= "1" && $0 <= "9" }) { return nil }
        }
        return value
    }
}

/// Where a leaf sits inside the event's arrays: one entry per enclosing
/// array, naming the array instance and the element index. Two leaves that
/// share an array but not an element index came from different elements.
struct ArrayPosition: Sendable, Equatable {
    var array: Int32
    var index: Int32
}

extension FlatScalar {
    /// The scalar of a JSON leaf; nil for objects and arrays.
    init?(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(FlatNumber(number))
        case .string(let text): self = .string(text)
        case .array, .object: return nil
        }
    }
}

struct FlatLeaf: Sendable, Equatable {
    var value: FlatScalar
    var positions: [ArrayPosition]
}

/// An event flattened once into key path → leaf values, the shape every
/// pattern is evaluated against. Arrays are transparent (a path's values are
/// the union over elements, nested arrays included), as in EventBridge, and
/// each leaf remembers its array elements so that a match cannot combine
/// fields from different elements of the same array (event-ruler's array
/// consistency rule). Keys are joined with "." so that an event key
/// `"a.b"` and a nested `{"a":{"b"}}` are the same field, which AWS does.
public struct FlatEvent: Sendable {
    var fields: [String: [FlatLeaf]]
    /// True when some leaf lies inside an array; lets the matcher skip the
    /// consistency search for the common array-free event.
    var hasArrays: Bool

    public init(document: JSONValue) {
        var builder = Builder()
        builder.add(document, path: "", positions: [])
        fields = builder.fields
        hasArrays = builder.nextArray > 0
    }

    /// Only the leaves at `paths` (what a `PatternSet` reads): the same
    /// matches as the whole event, for a fraction of the work.
    public init(document: JSONValue, only paths: FlatPaths) {
        var builder = Builder()
        builder.add(document, node: FlatPaths.root, paths: paths, positions: [])
        fields = builder.fields
        hasArrays = builder.leafInArray
    }

    init(fields: [String: [FlatLeaf]], hasArrays: Bool) {
        self.fields = fields
        self.hasArrays = hasArrays
    }

    /// The number of leaf values, for diagnostics and tests.
    public var leafCount: Int { fields.values.reduce(0) { $0 + $1.count } }

    private struct Builder {
        var fields: [String: [FlatLeaf]] = [:]
        var nextArray: Int32 = 0

        mutating func add(_ value: JSONValue, path: String, positions: [ArrayPosition]) {
            switch value {
            case .object(let members):
                for member in members {
                    let child = path.isEmpty ? member.key : path + "." + member.key
                    add(member.value, path: child, positions: positions)
                }
            case .array(let items):
                let id = nextArray
                nextArray += 1
                for (index, item) in items.enumerated() {
                    add(item, path: path, positions: positions + [ArrayPosition(array: id, index: Int32(truncatingIfNeeded: index))])
                }
            case .null:
                append(.null, path: path, positions: positions)
            case .bool(let flag):
                append(.bool(flag), path: path, positions: positions)
            case .number(let number):
                append(.number(FlatNumber(number)), path: path, positions: positions)
            case .string(let text):
                append(.string(text), path: path, positions: positions)
            }
        }

        mutating func append(_ scalar: FlatScalar, path: String, positions: [ArrayPosition]) {
            fields[path, default: []].append(FlatLeaf(value: scalar, positions: positions))
            if !positions.isEmpty { leafInArray = true }
        }

        var leafInArray = false

        /// `add(_:path:positions:)` restricted to `paths`: members no pattern
        /// reads are not visited, and the joined path comes from the tree.
        mutating func add(_ value: JSONValue, node: Int, paths: FlatPaths, positions: [ArrayPosition]) {
            switch value {
            case .object(let members):
                for member in members {
                    guard let child = paths.child(of: node, key: member.key) else { continue }
                    add(member.value, node: child, paths: paths, positions: positions)
                }
            case .array(let items):
                let id = nextArray
                nextArray += 1
                for (index, item) in items.enumerated() {
                    add(item, node: node, paths: paths, positions: positions + [ArrayPosition(array: id, index: Int32(truncatingIfNeeded: index))])
                }
            default:
                guard let path = paths.path(of: node), let scalar = FlatScalar(value) else { return }
                append(scalar, path: path, positions: positions)
            }
        }
    }
}
