import Foundation
import TrailGridUI

/// What the demo's background task posts: proof that mailbox messages reach
/// the UI thread while it waits for keys.
enum CanvasDemoMessage: Sendable {
    case pulse(Int)
}

/// Shows a test pattern (colors, verdict glyphs, wide text, sanitized hostile
/// text), a live clock and a pulse counter fed by a background task; `t`
/// cycles themes, `q` quits. Proves the terminal loop end to end before the
/// dashboard exists.
///
/// - Returns: how the session ended.
/// - Throws: `TerminalError` when stdin/stdout is not a usable terminal.
@discardableResult
public func runCanvasDemo(options: TerminalOptions = TerminalOptions()) async throws -> TerminalExit {
    let mailbox = try Mailbox<CanvasDemoMessage>()
    let pulses = Task {
        var count = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            count += 1
            mailbox.post(.pulse(count))
        }
    }
    defer { pulses.cancel() }
    let catalog = ThemeCatalog.standard()
    return try await TerminalSession.run(mailbox: mailbox, options: options) { context in
        CanvasDemo(context: context, catalog: catalog)
    }
}

/// The demo's state and rendering; lives on the UI thread only.
struct CanvasDemo: TerminalProgram {
    let context: TerminalContext
    let catalog: ThemeCatalog
    var theme: Theme
    var lastKey: Key?
    var pulses = 0
    var frames = 0
    var size: TerminalSize
    private let clockFormat: DateFormatter

    init(context: TerminalContext, catalog: ThemeCatalog) {
        self.context = context
        self.catalog = catalog
        size = context.size
        theme = catalog.load(context.colorDepth == .monochrome ? "monochrome" : "default").theme
        clockFormat = DateFormatter()
        clockFormat.dateFormat = "yyyy-MM-dd HH:mm:ss"
    }

    mutating func update(_ input: TerminalInput<CanvasDemoMessage>) -> Bool {
        size = input.size
        for key in input.keys {
            switch key {
            case .char("q"), .escape: return false
            case .char("t"): theme = catalog.next(after: theme.name).theme
            case .resize: break
            default: lastKey = key
            }
        }
        for case .pulse(let count) in input.messages { pulses = count }
        return true
    }

    mutating func render() -> Canvas {
        frames += 1
        return render(size: size)
    }

    func render(size: TerminalSize) -> Canvas {
        let minimum = TerminalSize(columns: 60, rows: 16)
        guard size.fits(minimum) else { return TooSmallView.render(size: size, minimum: minimum, theme: theme) }
        var canvas = Canvas(width: size.columns, height: size.rows, style: theme[.base])
        canvas.fill(Rect(x: 0, y: 0, width: size.columns, height: 1), style: theme[.header])
        var x = canvas.put(" trailgrid canvas demo ", x: 0, y: 0, style: theme[.header])
        x = canvas.put("theme \(theme.name)", x: x, y: 0, style: theme[.headerAccent])
        let clock = clockFormat.string(from: Date())
        canvas.put(clock + " ", x: size.columns - DisplayWidth.of(clock) - 1, y: 0, style: theme[.header])

        canvas.put("ANSI 0–15", x: 1, y: 2, style: theme[.title])
        for index in 0..<16 {
            canvas.put("  ", x: 12 + index * 2, y: 2, style: Style(background: .ansi(UInt8(index))))
        }
        canvas.put("256 cube", x: 1, y: 3, style: theme[.title])
        for index in 0..<36 {
            canvas.put(" ", x: 12 + index, y: 3, style: Style(background: .indexed(UInt8(16 + index * 6))))
        }
        canvas.put("RGB ramp", x: 1, y: 4, style: theme[.title])
        for step in 0..<36 {
            let level = UInt8(step * 7)
            canvas.put(" ", x: 12 + step, y: 4, style: Style(background: .rgb(red: level, green: 0, blue: 255 - level)))
        }

        canvas.put("Roles", x: 1, y: 6, style: theme[.title])
        var column = 12
        for role in [ThemeRole.verdictOK, .verdictBlind, .verdictDark, .verdictStopped, .verdictSilent, .verdictOff] {
            column = canvas.put(" \(role.rawValue) ", x: column, y: 6, style: theme[role])
        }

        canvas.put("Wide text", x: 1, y: 8, style: theme[.title])
        canvas.put("日本語 한국어 🔥 e\u{301} | aligned", x: 12, y: 8)
        canvas.put("Hostile", x: 1, y: 9, style: theme[.title])
        canvas.put("aws-cli\u{1b}]0;owned\u{07} \u{1b}[2Jcleared? evil\u{202E}txt.exe bs\u{8}", x: 12, y: 9,
                   style: theme[.muted])

        let severities: [(String, ThemeRole)] = [
            ("info", .severityInfo), ("low", .severityLow), ("medium", .severityMedium),
            ("high", .severityHigh), ("critical", .severityCritical),
        ]
        canvas.put("Severity", x: 1, y: 11, style: theme[.title])
        column = 12
        for (name, role) in severities {
            column = canvas.put(name, x: column, y: 11, style: theme[role]) + 2
        }

        let status = "size \(size.columns)×\(size.rows)  colors \(context.colorDepth)  "
            + "pulses \(pulses)  frames \(frames)  last key \(lastKey.map(String.init(describing:)) ?? "–")"
        canvas.put(status, x: 1, y: 13, style: theme[.muted], maxWidth: size.columns - 2)

        let bar = size.rows - 1
        canvas.fill(Rect(x: 0, y: bar, width: size.columns, height: 1), style: theme[.hintText])
        column = canvas.put(" q ", x: 0, y: bar, style: theme[.hintKey])
        column = canvas.put(" quit │ ", x: column, y: bar, style: theme[.hintText])
        column = canvas.put(" t ", x: column, y: bar, style: theme[.hintKey])
        canvas.put(" next theme", x: column, y: bar, style: theme[.hintText])
        return canvas
    }
}
