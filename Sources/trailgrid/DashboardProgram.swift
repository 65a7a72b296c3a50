import Foundation
import TrailGridCore
import TrailGridTerminal
import TrailGridUI

/// The dashboard as the terminal loop runs it: messages and keys through
/// `DashboardReducer`, effects carried out, and `DashboardView` rendering
/// only the frames the loop draws.
struct DashboardProgram: TerminalProgram {
    var state: DashboardState
    let catalog: ThemeCatalog
    let mailbox: Mailbox<DashboardMessage>
    /// Hands a delta to the state store's writer; nil: nothing is kept.
    let persist: (@Sendable (StateDelta) -> Void)?
    /// Returns a batch's permit to the forwarder (when no store will).
    let release: @Sendable () -> Void

    init(context: TerminalContext, setup: ProgramSetup, catalog: ThemeCatalog, mailbox: Mailbox<DashboardMessage>,
         persist: (@Sendable (StateDelta) -> Void)?, release: @escaping @Sendable () -> Void) {
        let monochrome = context.colorDepth == .monochrome
        let loaded = catalog.load(setup.themeName ?? (monochrome ? "monochrome" : "default"))
        state = DashboardState(
            coverage: setup.coverage, watches: setup.watches, organization: setup.organization, now: DashboardRunner.now(),
            size: context.size, theme: loaded.theme, glyphs: context.glyphSet
        )
        if let restored = setup.restored {
            state.restore(feed: restored.feed, incidents: restored.incidents, counters: restored.counters, arrivals: restored.arrivals)
        }
        state.remembers = setup.remembers
        state.stateWarning = setup.stateWarning
        state.operatorName = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        self.catalog = catalog
        self.mailbox = mailbox
        self.persist = persist
        self.release = release
        if !loaded.warnings.isEmpty {
            _ = DashboardReducer.reduce(&state, .themeLoaded(loaded.theme, warnings: loaded.warnings))
        }
    }

    mutating func update(_ input: TerminalInput<DashboardMessage>) -> Bool {
        var effects: [DashboardEffect] = []
        if input.size != state.size { effects += DashboardReducer.reduce(&state, .resize(input.size)) }
        for message in input.messages {
            switch message {
            case .batch(let batch):
                // Reduced first, then committed with its positions (DESIGN §9).
                let produced = DashboardReducer.reduce(&state, .ingested(batch.events, batch.counters))
                commit(batch, produced)
            case .exportFinished(let text, let succeeded):
                effects += DashboardReducer.reduce(&state, .exportFinished(message: text, succeeded: succeeded))
            case .exportNeedsConfirmation(let request):
                effects += DashboardReducer.reduce(&state, .exportNeedsConfirmation(request))
            case .stateWarning(let text):
                effects += DashboardReducer.reduce(&state, .stateWarning(text))
            case .refreshed(let inventory, let note, let failed):
                effects += DashboardReducer.reduce(&state, .inventoryRefreshed(inventory, note: note, failed: failed))
            }
        }
        for key in input.keys { effects += DashboardReducer.reduce(&state, .key(key)) }
        // Keys are handed over alone, and their frame is drawn at once: the
        // clock and rate move on the next tick or batch.
        if input.isTick || !input.messages.isEmpty { effects += DashboardReducer.reduce(&state, .tick(DashboardRunner.now())) }
        for effect in effects {
            switch effect {
            case .quit:
                return false
            case .loadTheme(let after):
                let next = catalog.next(after: after)
                _ = DashboardReducer.reduce(&state, .themeLoaded(next.theme, warnings: next.warnings))
            case .export(let request):
                let watches = state.watches
                let mailbox = self.mailbox
                Task.detached { DashboardRunner.perform(request, watches: watches, mailbox: mailbox) }
            case .persist(let delta):
                persist?(delta)
            }
        }
        return true
    }

    /// The batch's delta (the reducer makes one per batch while a store is
    /// attached) goes to the store with the batch's positions; the store's
    /// writer returns the batch's permit once it is committed.
    private func commit(_ batch: IngestBatch, _ effects: [DashboardEffect]) {
        guard let persist else {
            release()
            return
        }
        persist(Self.delta(of: batch, reduced: effects))
    }

    /// What a store commits for a batch: the delta the reducer made of it,
    /// with the feed positions and duplicate-window entries that produced it
    /// (`bench` commits the same).
    static func delta(of batch: IngestBatch, reduced effects: [DashboardEffect]) -> StateDelta {
        var delta = StateDelta()
        for case .persist(let produced) in effects { delta = produced }
        delta.checkpoint = batch.checkpoint
        delta.dedupeAdded = batch.dedupeAdded
        return delta
    }

    func render() -> Canvas {
        DashboardView.render(state)
    }
}
