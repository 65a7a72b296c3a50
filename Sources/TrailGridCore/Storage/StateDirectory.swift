#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where trailgrid keeps its own files (quarantine, checkpoints) by default:
/// `$TRAILGRID_STATE_DIR`, else `$XDG_STATE_HOME/trailgrid`, else
/// `~/.local/state/trailgrid` — never the current directory, which may be a
/// repository or a read-only evidence folder.
public enum StateDirectory {
    public static var path: String {
        if let explicit = environment("TRAILGRID_STATE_DIR") { return explicit }
        if let xdg = environment("XDG_STATE_HOME") { return xdg + "/trailgrid" }
        return (environment("HOME") ?? "/tmp") + "/.local/state/trailgrid"
    }

    public static var defaultQuarantinePath: String { path + "/quarantine.jsonl" }

    /// Creates the directory (and parents) if needed.
    public static func ensure(_ directory: String = path) throws(FileError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .errno(current, "cannot create directory")
            }
        }
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
