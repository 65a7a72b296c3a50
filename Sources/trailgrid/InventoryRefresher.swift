import TrailGridCore

/// `watch --refresh`: re-collects the inventory in the background with the
/// native client, every `interval` after the previous one ended (a slow
/// collect never overlaps the next), and hands the newer inventory to the
/// UI thread through the mailbox, where the model takes it newer-wins. The
/// dashboard never waits for it.
///
/// A refresh with no failed call also replaces the `--inventory` directory
/// (staged and renamed, as `collect` does), so that a restart starts from
/// it; one with failures is applied for what it read (what it could not
/// read changes nothing) and leaves the directory as it was.
struct InventoryRefresher: Sendable {
    let settings: NativeCollectSettings
    let interval: Duration
    /// The `--inventory` directory.
    let directory: String

    func run(post: @escaping @Sendable (Inventory?, String, Bool) -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let (inventory, note, failed) = await refreshOnce()
            if Task.isCancelled { return }
            post(inventory, note, failed)
        }
    }

    /// One re-collect: the inventory it read (nil when nothing could be), the header's note, whether anything failed.
    func refreshOnce() async -> (Inventory?, String, Bool) {
        let startedAt = wallClockMilliseconds()
        let clock = String(Timestamp.iso8601(milliseconds: startedAt).dropFirst(11).prefix(5)) + "Z"
        let staging = InventoryStaging(out: directory)
        do {
            _ = try staging.prepare(resume: false, request: "watch --refresh\n")
            let result = try await NativeCollectRun(settings: settings, root: staging.path, staging: nil, finished: .init(), mode: .quiet,
                                                    startedAt: startedAt).collect()
            let manifest = InventoryManifest(capturedAt: startedAt, cells: result.recorder.cellTimes, tool: "trailgrid watch --refresh")
            let failures = result.recorder.failures
            try staging.writeResults(manifest: manifest, failures: failures)
            let inventory = try InventoryReader.read(directory: staging.path)
            if failures.isEmpty {
                try staging.publish()
                return (inventory, "refreshed \(clock)", false)
            }
            return (inventory, "refreshed \(clock): \(failures.count) call(s) failed (\(staging.path)/\(InventoryStaging.errorsFileName))", true)
        } catch {
            return (nil, "refresh \(clock) failed: \(error)", true)
        }
    }

    /// `15m`, `30s`, `1h`, or plain seconds.
    static func interval(_ text: String) -> Duration? {
        DurationText.milliseconds(text, bareUnit: 1000).map { .milliseconds($0) }
    }
}
