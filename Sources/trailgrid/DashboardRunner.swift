import TrailGridCore
import TrailGridStore
import TrailGridTerminal
import TrailGridUI

/// What background work sends to the dashboard's UI thread.
enum DashboardMessage: Sendable {
    case batch(IngestBatch)
    case exportFinished(String, Bool)
    case exportNeedsConfirmation(ExportRequest)
    /// The state store failed (the dashboard goes on in memory).
    case stateWarning(String)
    /// A background re-collect finished (`watch --refresh`).
    case refreshed(Inventory?, note: String, failed: Bool)
}

/// Wires the dashboard: the ingester's batches into the UI thread's mailbox,
/// keys and ticks through `DashboardReducer`, effects (themes, exports,
/// state to commit) carried out here, and each state rendered by `DashboardView`.
struct DashboardRunner {
    var coverage: CoverageModel
    var watches: [Watch]
    var organization: String
    var ingester: Ingester
    var themeName: String?
    /// Where what the dashboard learns is kept; nil: memory only.
    var store: StateStore?
    /// What the store held when the dashboard started (already replayed into `coverage`).
    var restored: StoredState?
    /// Shown from the start: why state is not being saved.
    var stateWarning: String?
    /// `watch --refresh`: re-collects in the background; nil: the inventory stays as read.
    var refresher: InventoryRefresher?

    /// Batches between the ingester and the store at once.
    static let batchesInFlight = 2

    func run() async throws -> TerminalExit {
        let mailbox = try Mailbox<DashboardMessage>()
        let ingester = self.ingester
        let gate = BatchGate(limit: Self.batchesInFlight)
        let (deltas, deltaSink) = AsyncStream<StateDelta>.makeStream()
        let writer = store.map { store in
            Task { await Self.write(deltas, to: store, gate: gate, mailbox: mailbox) }
        }
        let reader = Task { await ingester.run() }
        let forwarder = Task {
            for await batch in ingester.batches {
                await gate.acquire()
                mailbox.post(.batch(batch))
            }
        }
        let refresh = refresher.map { refresher in
            Task { await refresher.run { inventory, note, failed in mailbox.post(.refreshed(inventory, note: note, failed: failed)) } }
        }
        defer {
            refresh?.cancel()
            reader.cancel()
            forwarder.cancel()
            gate.close()
        }
        let catalog = ThemeCatalog.standard()
        let setup = ProgramSetup(coverage: coverage, watches: watches, organization: organization, themeName: themeName,
                                 restored: restored, remembers: store != nil, stateWarning: stateWarning)
        let persist: (@Sendable (StateDelta) -> Void)? = store == nil ? nil : { @Sendable delta in _ = deltaSink.yield(delta) }
        let exit = try await TerminalSession.run(mailbox: mailbox, options: Self.terminalOptions) { context in
            DashboardProgram(context: context, setup: setup, catalog: catalog, mailbox: mailbox,
                             persist: persist, release: { gate.release() })
        }
        // Commit what was handed over before quitting: a clean stop loses nothing.
        deltaSink.finish()
        await writer?.value
        return exit
    }

    /// Commits deltas in the order the UI thread made them. After a failure
    /// nothing more is written: a later batch's positions committed over a
    /// lost batch's effects would make a restart skip them, while a file
    /// left at its last good commit re-reads them.
    static func write(_ deltas: AsyncStream<StateDelta>, to store: StateStore, gate: BatchGate, mailbox: Mailbox<DashboardMessage>) async {
        var failed = false
        for await delta in deltas {
            if !failed {
                do {
                    try store.commit(delta, now: now())
                } catch {
                    failed = true
                    mailbox.post(.stateWarning("state not saved from now on: \(error)"))
                }
            }
            if delta.checkpoint != nil { gate.release() }
        }
    }

    static func now() -> Int64 { wallClockMilliseconds() }

    /// The terminal loop's settings for the dashboard (`bench` times keys through the same).
    static var terminalOptions: TerminalOptions {
        var options = TerminalOptions()
        options.tickInterval = .milliseconds(250)
        return options
    }

    /// Writes an export off the UI thread and reports back through the mailbox.
    static func perform(_ request: ExportRequest, watches: [Watch], mailbox: Mailbox<DashboardMessage>) {
        do {
            let written = try ExportJob(request: request, watches: watches).write()
            mailbox.post(.exportFinished(written.summary, true))
        } catch {
            // A file in the way (the root, or a Terraform module with other rules): ask.
            if case .fileExists = error.reason, !request.overwrite {
                mailbox.post(.exportNeedsConfirmation(request))
            } else {
                mailbox.post(.exportFinished("export failed: \(error)", false))
            }
        }
    }
}

/// What the dashboard program starts from.
struct ProgramSetup: Sendable {
    var coverage: CoverageModel
    var watches: [Watch]
    var organization: String
    var themeName: String?
    var restored: StoredState?
    var remembers = false
    var stateWarning: String?
}
