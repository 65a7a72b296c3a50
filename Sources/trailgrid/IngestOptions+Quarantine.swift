import TrailGridCore

extension IngestOptions {
    /// Every command that reads feeds keeps what it refuses: in `path`, or
    /// in the state directory's quarantine file. Only when that cannot be
    /// created does it go on without, and says so.
    mutating func keepRejects(in path: String?) {
        if let path {
            quarantinePath = path
            return
        }
        do {
            try StateDirectory.ensure()
            quarantinePath = StateDirectory.defaultQuarantinePath
        } catch {
            StandardStreams.error("trailgrid: warning: \(error); rejected records will not be kept")
        }
    }
}
