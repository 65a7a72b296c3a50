/// A file's identity: a rotated file keeps it under a new name, a
/// replacement under the old name gets a new one.
public struct FileIdentity: Sendable, Hashable, Codable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

/// How far each followed file has been consumed. Written atomically after the
/// consumer has handled a batch, so a restart resumes exactly after the last
/// handled record: nothing lost, nothing read twice.
public struct Checkpoint: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var identity: FileIdentity
        /// Bytes consumed (for `.gz`, compressed bytes of complete members).
        public var offset: Int
        /// Set by the consumer (`scan`): the size its output had when this
        /// checkpoint was taken, so a restart can cut output written after it.
        public init(path: String, identity: FileIdentity, offset: Int) {
            self.path = path
            self.identity = identity
            self.offset = offset
        }
    }

    public var entries: [Entry]
    /// The consumer's own position (e.g. bytes of output written), opaque here.
    public var consumerOffset: Int?

    public init(entries: [Entry] = [], consumerOffset: Int? = nil) {
        self.entries = entries
        self.consumerOffset = consumerOffset
    }

    public func entry(for identity: FileIdentity) -> Entry? {
        entries.first { $0.identity == identity }
    }

    public func encoded() -> String {
        var members: [JSONMember] = [JSONMember("version", .number(JSONNumber(text: "1")))]
        if let consumerOffset {
            members.append(JSONMember("consumerOffset", .number(JSONNumber(text: String(consumerOffset)))))
        }
        members.append(JSONMember("files", .array(entries.map { entry in
            .object([
                JSONMember("path", .string(entry.path)),
                JSONMember("device", .number(JSONNumber(text: String(entry.identity.device)))),
                JSONMember("inode", .number(JSONNumber(text: String(entry.identity.inode)))),
                JSONMember("offset", .number(JSONNumber(text: String(entry.offset)))),
            ])
        })))
        return JSONWriter.serialize(.object(members), indent: 1) + "\n"
    }

    public static func decode(_ bytes: [UInt8]) throws(FileError) -> Checkpoint {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw FileError(path: "checkpoint", message: "not valid JSON (\(error))")
        }
        guard let files = value["files"]?.arrayValue else {
            throw FileError(path: "checkpoint", message: "no \"files\" list")
        }
        var checkpoint = Checkpoint()
        checkpoint.consumerOffset = value["consumerOffset"]?.numberValue.flatMap { Int($0.text) }
        for file in files {
            guard let path = file["path"]?.stringValue,
                  let device = file["device"]?.numberValue.flatMap({ UInt64($0.text) }),
                  let inode = file["inode"]?.numberValue.flatMap({ UInt64($0.text) }),
                  let offset = file["offset"]?.numberValue.flatMap({ Int($0.text) }), offset >= 0
            else { throw FileError(path: "checkpoint", message: "malformed file entry") }
            checkpoint.entries.append(Entry(path: path, identity: FileIdentity(device: device, inode: inode), offset: offset))
        }
        return checkpoint
    }

    /// Reads a checkpoint; a missing file is an empty checkpoint (first run).
    public static func load(from path: String) throws(FileError) -> Checkpoint {
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(path)
        } catch {
            if error.message.hasPrefix("cannot open") && !fileExists(path) { return Checkpoint() }
            throw error
        }
        do {
            return try decode(bytes)
        } catch {
            throw FileError(path: path, message: error.message)
        }
    }

    public func save(to path: String) throws(FileError) {
        try AtomicFile.write(encoded(), to: path)
    }
}
