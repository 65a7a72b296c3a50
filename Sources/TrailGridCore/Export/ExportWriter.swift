/// The bytes of each export kind (DESIGN §6), shared by the dashboard's `e`
/// and the headless `trailgrid export`; writing is always atomic.
public enum ExportWriter {
    /// JSON Lines of the original records, byte for byte as ingested (a record
    /// spanning lines, from a pretty-printed file, is written compactly).
    public static func eventsJSONL(_ events: [CloudTrailEvent]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events {
            if event.raw.contains(0x0A) || event.raw.contains(0x0D) {
                out += Array(EventFormatter.originalRecordLine(event).utf8)
            } else {
                out += event.raw
            }
            out.append(0x0A)
        }
        return out
    }

    /// CSV with flat columns and the names of the watches each event matched.
    public static func eventsCSV(_ events: [(event: CloudTrailEvent, watches: [String])]) -> [UInt8] {
        var text = CSVWriter.row(EventFormatter.csvHeader)
        for item in events { text += EventFormatter.csvRow(item.event, watches: item.watches) }
        return Array(text.utf8)
    }

    /// Writes `bytes` to `path` atomically; refuses to replace a file unless `overwrite`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(FileError) {
        try AtomicFile.write(bytes, to: path, overwrite: overwrite)
    }
}
