#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CNcurses
import TrailGridUI

/// The only code that talks to ncurses: sets the terminal up, draws canvases
/// (only the rows that changed), reads keys. It is not `Sendable` and must
/// stay on the thread that created it: ncurses is not thread-safe, and in
/// debug builds every entry point checks (swift-nio's
/// `preconditionInEventLoop`, STYLE.md §3.4).
final class NcursesBackend {
    /// What was detected at start-up.
    let context: TerminalContext
    /// The current size, updated on `KEY_RESIZE`.
    private(set) var size: TerminalSize

    private let owner: pthread_t
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: ColorPairCache
    private let defaultColorsWork: Bool
    private var previous: Canvas?
    private var needsFullRepaint = true
    private var isShutDown = false
    /// Whether the last `readKeys` stopped at its cap with keys left over.
    private(set) var hasBufferedKeys = false

    /// Takes over the terminal: locale, `newterm`, input modes, colors.
    ///
    /// - Throws: `TerminalError.notATerminal` when stdin or stdout is not a
    ///   TTY; `.cannotInitialize` when terminfo does not know `TERM`.
    init(options: TerminalOptions) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        owner = pthread_self()
        // Before newterm, or ncurses treats UTF-8 bytes as Latin-1 (htop CommandLine.c).
        setlocale(tg_lc_all(), "")
        let glyphSet: GlyphSet = tg_codeset_is_utf8() != 0 ? .unicode : .ascii
        // newterm, unlike initscr, returns NULL instead of exiting on an unknown TERM.
        guard let screen = newterm(nil, tg_stdout(), tg_stdin()), let window = tg_stdscr() else {
            throw TerminalError.cannotInitialize(term: options.environment["TERM"] ?? "")
        }
        self.screen = screen
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        intrflush(window, false)
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
        // COLORS is only known after start_color, which is only called when
        // the environment and the terminal allow color at all.
        func depth(colors: Int) -> ColorDepth {
            ColorDepth.detect(
                environment: options.environment, forceMonochrome: options.forceMonochrome,
                hasColors: has_colors(), colors: colors)
        }
        var colors = 0
        if depth(colors: 256) != .monochrome, start_color() == tg_ok() {
            colors = Int(tg_colors())
        }
        let depth = depth(colors: colors)
        defaultColorsWork = depth == .monochrome || use_default_colors() == tg_ok()
        pairs = ColorPairCache(capacity: depth == .monochrome ? 0 : tg_color_pairs())
        var rows: Int32 = 0
        var columns: Int32 = 0
        tg_getmaxyx(window, &rows, &columns)
        size = TerminalSize(columns: Int(columns), rows: Int(rows))
        context = TerminalContext(size: size, colorDepth: depth, glyphSet: glyphSet)
    }

    /// Gives the terminal back. Idempotent.
    func shutdown() {
        assertOnOwnerThread()
        guard !isShutDown else { return }
        isShutDown = true
        TerminalRestorer.restoreIfActive()
        if !isendwin() { endwin() }
        delscreen(screen)
    }

    /// Reads every key waiting (non-blocking `wget_wch` until ERR).
    ///
    /// - Complexity: O(keys waiting), capped at 4,096 per call so a paste
    ///   cannot starve drawing.
    func readKeys() -> [Key] {
        assertOnOwnerThread()
        var keys: [Key] = []
        var code: wint_t = 0
        hasBufferedKeys = false
        while true {
            if keys.count >= 4096 {
                hasBufferedKeys = true
                break
            }
            let status = wget_wch(window, &code)
            if status == tg_err() { break }
            let isKeyCode = status == tg_key_code_yes()
            if isKeyCode, Int32(bitPattern: code) == tg_key_resize() {
                updateSize()
            }
            if let key = KeyDecoder.decode(isKeyCode: isKeyCode, code: UInt32(code)) {
                keys.append(key)
            }
        }
        return keys
    }

    /// Shows `canvas`, writing only the rows that differ from the previous
    /// frame (all of them after a resize), then `wnoutrefresh` + `doupdate`.
    /// A canvas of another size than the screen is clipped or padded.
    func draw(_ canvas: Canvas) {
        assertOnOwnerThread()
        let rows: [Range<Int>]
        if needsFullRepaint || previous?.width != canvas.width || previous?.height != canvas.height {
            clearok(window, true)
            werase(window)
            rows = [0..<size.rows]
            needsFullRepaint = false
        } else if let previous {
            rows = canvas.diff(from: previous)
        } else {
            rows = [0..<size.rows]
        }
        for run in rows {
            for y in run where y < size.rows {
                drawRow(y, of: canvas)
            }
        }
        tg_set_style(window, tg_a_normal(), 0)
        wnoutrefresh(window)
        doupdate()
        previous = canvas
    }

    private func drawRow(_ y: Int, of canvas: Canvas) {
        let columns = min(canvas.width, size.columns)
        var current: Style?
        if y < canvas.height {
            for (x, cell) in canvas.row(y).prefix(columns).enumerated() where !cell.isContinuation {
                if current != cell.style {
                    apply(cell.style)
                    current = cell.style
                }
                var symbol = cell.symbol
                if cell.width == 2 && x + 1 >= columns { symbol = " " }
                if context.glyphSet == .ascii && !symbol.allSatisfy(\.isASCII) {
                    symbol = String(repeating: "?", count: Int(cell.width))
                }
                // One call per cell keeps every glyph at its column even where
                // ncurses' wcwidth disagrees with DisplayWidth.
                _ = mvwaddnstr(window, Int32(y), Int32(x), symbol, -1)
            }
        }
        if y >= canvas.height || columns < size.columns {
            tg_set_style(window, tg_a_normal(), 0)
            wmove(window, Int32(y), Int32(y >= canvas.height ? 0 : columns))
            wclrtoeol(window)
        }
    }

    private func apply(_ style: Style) {
        let depth = context.colorDepth
        var foreground = ColorMapping.colorNumber(style.foreground, depth: depth)
        var background = ColorMapping.colorNumber(style.background, depth: depth)
        if !defaultColorsWork {
            if foreground == -1 { foreground = 7 }
            if background == -1 { background = 0 }
        }
        let pair = pairs.pair(foreground: foreground, background: background) { pair, fg, bg in
            init_extended_pair(pair, fg, bg) == tg_ok()
        }
        let attributes = ColorMapping.attributes(for: style, depth: depth)
        var cursesAttributes = tg_a_normal()
        if attributes.contains(.bold) { cursesAttributes |= tg_a_bold() }
        if attributes.contains(.dim) { cursesAttributes |= tg_a_dim() }
        if attributes.contains(.underline) { cursesAttributes |= tg_a_underline() }
        if attributes.contains(.reverse) { cursesAttributes |= tg_a_reverse() }
        tg_set_style(window, cursesAttributes, pair)
    }

    private func updateSize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        tg_getmaxyx(window, &rows, &columns)
        size = TerminalSize(columns: Int(columns), rows: Int(rows))
        needsFullRepaint = true
    }

    /// Traps in debug builds when called off the thread that set ncurses up.
    private func assertOnOwnerThread(file: StaticString = #fileID, line: UInt = #line) {
        #if DEBUG
            precondition(pthread_equal(pthread_self(), owner) != 0,
                         "ncurses used off the UI thread", file: file, line: line)
        #endif
    }
}
