#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends refused records, one JSON line each, with where they came from and why.
/// The record is kept as text when it is valid UTF-8, else as base64.
struct Quarantine {
    let path: String
    private let fd: Int32

    init(path: String) throws(FileError) {
        self.path = path
        let directory = AtomicFile.parentDirectory(of: path)
        if !fileExists(directory) { _ = mkdir(directory, 0o755) }
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .errno(path, "cannot open the quarantine file") }
    }

    func close() { _ = Glibc.close(fd) }

    func append(_ rejection: Rejection, origin: RecordOrigin, sample: [UInt8], time: Int64) {
        var line = "{\"time\":"
        JSONWriter.appendString(Timestamp.iso8601(milliseconds: time), to: &line)
        line += ",\"file\":"
        JSONWriter.appendString(origin.file, to: &line)
        line += ",\"offset\":\(origin.offset),\"kind\":"
        JSONWriter.appendString(rejection.kind.rawValue, to: &line)
        line += ",\"reason\":"
        JSONWriter.appendString(rejection.description, to: &line)
        if let text = String(validating: sample, as: UTF8.self) {
            line += ",\"record\":"
            JSONWriter.appendString(text, to: &line)
        } else {
            line += ",\"recordBase64\":"
            JSONWriter.appendString(Base64.encode(sample), to: &line)
        }
        line += "}\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
