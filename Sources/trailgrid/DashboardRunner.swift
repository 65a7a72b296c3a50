import TrailGridCore
import TrailGridTerminal
import TrailGridUI

/// What background work sends to the dashboard's UI thread.
enum DashboardMessage: Sendable {
    case batch([IngestedEvent], IngestCounters)
    case exportFinished(String, Bool)
    case exportNeedsConfirmation(ExportRequest)
}

/// Wires the dashboard: the ingester's batches into the UI thread's mailbox,
/// keys and ticks through `DashboardReducer`, effects (themes, exports)
/// carried out here, and each state rendered by `DashboardView`.
struct DashboardRunner {
    var coverage: CoverageModel
    var watches: [Watch]
    var organization: String
    var ingester: Ingester
    var themeName: String?
    var commitCheckpoints = false

    func run() async throws -> TerminalExit {
        let mailbox = try Mailbox<DashboardMessage>()
        let ingester = self.ingester
        let reader = Task { await ingester.run() }
        let forwarder = Task {
            for await batch in ingester.batches {
                mailbox.post(.batch(batch.events, batch.counters))
                if commitCheckpoints { try? await ingester.commit(batch.checkpoint) }
            }
        }
        defer {
            reader.cancel()
            forwarder.cancel()
        }
        let catalog = ThemeCatalog.standard()
        let initial = (coverage, watches, organization, themeName)
        return try await TerminalSession.run(mailbox: mailbox, options: Self.terminalOptions) { context in
            DashboardProgram(context: context, coverage: initial.0, watches: initial.1, organization: initial.2,
                             themeName: initial.3, catalog: catalog, mailbox: mailbox)
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

/// The dashboard as the terminal loop runs it: messages and keys through
/// `DashboardReducer`, effects carried out, and `DashboardView` rendering
/// only the frames the loop draws.
struct DashboardProgram: TerminalProgram {
    var state: DashboardState
    let catalog: ThemeCatalog
    let mailbox: Mailbox<DashboardMessage>

    init(context: TerminalContext, coverage: CoverageModel, watches: [Watch], organization: String, themeName: String?,
         catalog: ThemeCatalog, mailbox: Mailbox<DashboardMessage>) {
        let monochrome = context.colorDepth == .monochrome
        let loaded = catalog.load(themeName ?? (monochrome ? "monochrome" : "default"))
        state = DashboardState(
            coverage: coverage, watches: watches, organization: organization, now: DashboardRunner.now(),
            size: context.size, theme: loaded.theme, glyphs: context.glyphSet
        )
        self.catalog = catalog
        self.mailbox = mailbox
        if !loaded.warnings.isEmpty {
            _ = DashboardReducer.reduce(&state, .themeLoaded(loaded.theme, warnings: loaded.warnings))
        }
    }

    mutating func update(_ input: TerminalInput<DashboardMessage>) -> Bool {
        var effects: [DashboardEffect] = []
        if input.size != state.size { effects += DashboardReducer.reduce(&state, .resize(input.size)) }
        for message in input.messages {
            switch message {
            case .batch(let events, let counters):
                effects += DashboardReducer.reduce(&state, .ingested(events, counters))
            case .exportFinished(let text, let succeeded):
                effects += DashboardReducer.reduce(&state, .exportFinished(message: text, succeeded: succeeded))
            case .exportNeedsConfirmation(let request):
                effects += DashboardReducer.reduce(&state, .exportNeedsConfirmation(request))
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
            }
        }
        return true
    }

    func render() -> Canvas {
        DashboardView.render(state)
    }
}
