import TrailGridAWS

/// One native collect from start to end: the client (closed at the end,
/// whatever happens), the progress display and its ticker, the walk.
/// `collect` and the dashboard's background refresh both run it.
struct NativeCollectRun: Sendable {
    let settings: NativeCollectSettings
    /// Where the files go (a staging directory).
    let root: String
    let staging: InventoryStaging?
    let finished: InventoryStaging.Finished
    let mode: CollectProgress.Mode
    let startedAt: Int64

    struct Result: Sendable {
        let recorder: CollectRecorder
        /// HTTP attempts, retries included.
        let calls: Int
        /// Cells collected (or reused from an interrupted run).
        let cells: Int
    }

    func collect() async throws(CollectFatal) -> Result {
        let client = AWSClient(configuration: .init(endpointOverride: settings.endpointURL, jobs: settings.jobs))
        let progress = CollectProgress(mode: mode, startedAt: startedAt, calls: { client.metrics.snapshot.attempts })
        let recorder = CollectRecorder(root: root, progress: progress)
        let ticker = Task { [mode] in
            while mode == .bar && !Task.isCancelled {
                progress.tick()
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        let collector = NativeCollector(settings: settings, client: client, recorder: recorder, progress: progress,
                                        staging: staging, finished: finished)
        var fatal: CollectFatal?
        do {
            try await collector.run()
        } catch {
            fatal = error
        }
        ticker.cancel()
        progress.finish()
        let calls = client.metrics.snapshot.attempts
        try? await client.shutdown()
        if let fatal { throw fatal }
        return Result(recorder: recorder, calls: calls, cells: progress.counts.cellsDone)
    }
}
