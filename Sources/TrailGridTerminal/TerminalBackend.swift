import CNcurses
import TrailGridUI

/// The ncurses backend: the only code that touches the terminal.
public enum TerminalBackend {
    /// Whether ncurses and the terminal description are usable here.
    public static var cursesVersion: String {
        String(cString: curses_version())
    }
}
