import ArgumentParser
import TrailGridCore

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `trailgrid export`: what the dashboard's `e` writes, headless — for
/// scripts, tickets and audits (DESIGN §6).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write matched events, a coverage report, or a remediation template to a file.",
        discussion: """
            --kind events: the events of --events that match the watches (read once, not followed), as \
            the original records (jsonl) or flat columns (csv). --kind report: each cell's verdict, \
            trail and rule coverage and reason (csv or json). --kind remediation: EventBridge rules \
            forwarding the watches to --target in every BLIND cell (and SILENT with --include-silent), \
            as a StackSet-ready CloudFormation template or Terraform (the module is written to \
            modules/trailgrid-forwarding/main.tf beside --out). --region, --account and --verdict narrow \
            any kind. The file is written atomically and never replaced without --force. \
            Exit status: 0 written, 1 nothing written (file exists, write failed, nothing to \
            remediate), 2 usage or input errors.
            """
    )

    @Option(name: .long, help: "Inventory directory (as `trailgrid collect` writes it).")
    var inventory: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Event feed files or directories.")
    var events: [String] = []

    @Option(name: .long, help: "What to export: events, report or remediation.")
    var kind: ExportKind

    @Option(name: .long, help: "jsonl|csv for events, csv|json for a report, cloudformation|terraform for remediation (default: the first).")
    var format: ExportFormat?

    @Option(name: .long, help: "Remediation target ARN: an event bus, or a Kinesis, Firehose, Lambda, SNS, SQS, CloudWatch Logs or Step Functions sink in the cells' region.")
    var target: String?

    @Option(name: .long, help: "Role EventBridge assumes to deliver to --target (else the template creates one where the target needs it).")
    var targetRole: String?

    @Option(name: .long, help: "For an event bus --target: where the bus's own rules send the events (else the bus side is its policy only).")
    var busSink: String?

    @Option(name: .long, help: "Role the bus's own rules assume to deliver to --bus-sink.")
    var busSinkRole: String?

    @Option(name: .long, help: "Only these regions: a glob or comma list (eu-*, us-east-1,eu-west-1).")
    var region: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Only these account ids.")
    var account: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Only cells with these verdicts (OK, BLIND, DARK, STOPPED, SILENT, OFF, UNKNOWN).")
    var verdict: [String] = []

    @Flag(name: .long, help: "Remediate SILENT cells too (their rule exists but delivers nothing).")
    var includeSilent = false

    @Option(name: .long, help: "The file to write.")
    var out: String

    @Flag(name: .long, help: "Replace --out if it exists.")
    var force = false

    @Option(name: [.customLong("heartbeat"), .customLong("heartbeat-minutes")], help: ArgumentHelp(Heartbeat.help))
    var heartbeat = Heartbeat(minutes: 15)

    @Option(name: .long, help: "Judge verdicts as of this time (ISO-8601) instead of now.")
    var now: String?

    @OptionGroup var watchOptions: WatchOptions

    func run() async throws {
        let format = self.format ?? kind.formats[0]
        let selection: ExportSelection
        let clock: Int64
        do {
            (selection, clock) = try checkArguments(format: format)
        } catch {
            StandardStreams.error("trailgrid: \(error)")
            throw ExitCode(2)
        }
        if !force {
            do {
                try Exporter.refuseExisting(out)
            } catch {
                StandardStreams.error("trailgrid: \(error); use --force to replace it")
                throw ExitCode(1)
            }
        }
        let watches = try watchOptions.load().watches
        let input = try await ExportInput.load(
            inventory: inventory, events: events, watches: watches,
            options: CoverageOptions(heartbeatWindow: heartbeat.milliseconds), keepMatched: kind == .events)
        for account in selection.accounts.sorted() where !input.model.accounts.contains(account) {
            StandardStreams.error("trailgrid: warning: --account \(account) is in neither the inventory nor the events")
        }

        let result: ExportResult
        do {
            switch kind {
            case .events:
                let chosen = selection.events(input.matched, in: input.model, now: clock)
                result = try Exporter.writeEvents(chosen, format: format, to: out, overwrite: force)
            case .report:
                let cells = input.model.reports(now: clock).filter(selection.includes)
                result = try Exporter.writeReport(cells, watchOrder: watches.map(\.name), format: format, to: out, overwrite: force)
            case .remediation:
                let cells = input.model.reports(now: clock).filter(selection.includes)
                result = try Exporter.writeRemediation(
                    cells, watches: watches, target: target ?? "", includeSilent: includeSilent,
                    format: format, to: out, overwrite: force, context: remediationContext(input.model.inventory))
            }
        } catch {
            let hint = if case .fileExists = error.reason { "; use --force to replace it" } else { "" }
            StandardStreams.error("trailgrid: \(error)\(hint)")
            throw ExitCode(1)
        }
        // The cells left out of a remediation are in the summary: a count, not the whole selection.
        StandardStreams.write(result.summary + "\n")
        for note in result.notes { StandardStreams.error("trailgrid: note: \(note)") }
    }

    /// The organization from the inventory, and the roles and sink the user named.
    func remediationContext(_ inventory: Inventory) -> RemediationPlan.Context {
        var context = inventory.remediationContext
        context.targetRoleArn = targetRole
        context.busSinkArn = busSink
        context.busSinkRoleArn = busSinkRole
        return context
    }

    /// Everything that can be wrong with the flags alone, found before any
    /// file is read: the filters and the clock, or one line saying what is wrong.
    func checkArguments(format: ExportFormat) throws(ExportArgumentError) -> (ExportSelection, Int64) {
        guard kind.formats.contains(format) else { throw .init(ExportError.format(format, notFor: kind).description) }
        switch kind {
        case .events:
            if events.isEmpty { throw .init("--kind events needs event feeds: --events PATH") }
        case .report, .remediation:
            if inventory == nil && events.isEmpty {
                throw .init("--kind \(kind.rawValue) needs an inventory (--inventory DIR), event feeds (--events PATH), or both")
            }
        }
        if kind == .remediation {
            guard let target else { throw .init("--kind remediation needs --target ARN (an event bus, or a sink such as a Kinesis stream, Lambda function or SQS queue)") }
            do {
                _ = try RemediationPlan.target(of: target)
            } catch {
                throw .init("--target: \(error.description)")
            }
            for (flag, arn) in [("--target-role", targetRole), ("--bus-sink", busSink), ("--bus-sink-role", busSinkRole)] {
                if let arn, ARNParts(arn) == nil { throw .init("\(flag): '\(arn)' is not an ARN") }
            }
        } else {
            if target != nil { throw .init("--target applies only to --kind remediation") }
            if includeSilent { throw .init("--include-silent applies only to --kind remediation") }
            if targetRole != nil || busSink != nil || busSinkRole != nil {
                throw .init("--target-role, --bus-sink and --bus-sink-role apply only to --kind remediation")
            }
        }
        if out.isEmpty { throw .init("--out: give a file name") }
        let selection = try ExportSelection.parse(region: region, accounts: account, verdicts: verdict).get()
        guard let now else { return (selection, wallClockMilliseconds()) }
        guard let parsed = Timestamp.parseMilliseconds(now) else { throw .init("--now: not an ISO-8601 time: \(now)") }
        return (selection, parsed)
    }
}
