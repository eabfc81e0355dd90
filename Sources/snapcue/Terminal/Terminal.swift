import DrillCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's terminal: whether there is one, its size, raw mode.
enum Terminal {
    /// Whether standard output is a terminal (not a pipe, file or CI log).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether to colour standard output: a terminal (not a pipe, file or CI log) that is not
    /// `TERM=dumb`, and no `NO_COLOR` in the environment (https://no-color.org).
    static var colorEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Whether standard input is a terminal (keys can be read).
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Columns and rows, or 80×24 when unknown.
    static var size: (columns: Int, rows: Int) {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 else { return (80, 24) }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Writes `text` to standard output at once (one `write` call), so output
    /// from two threads never interleaves mid-sequence.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Writes a line to standard error.
    /// Writes a line to standard error, after whatever standard output holds: when both go to
    /// one file (`2>&1`), lines stay in the order they were written.
    /// Writes `text` to standard error as it is (progress beside JSON on standard output).
    @Sendable static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        fflush(nil)  // every output stream (nil: no reference to the global stdout)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Raw keyboard mode for the lifetime of the value: keys arrive one by one,
/// unechoed, and Ctrl-C arrives as a key (so the drill can end cleanly).
final class RawMode {
    private var saved = termios()
    private let active: Bool

    init() {
        guard Terminal.inputIsTerminal, tcgetattr(STDIN_FILENO, &saved) == 0 else {
            active = false
            return
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        active = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0
    }

    /// Restores the terminal as it was.
    func restore() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    deinit { restore() }
}

/// ANSI escape sequences used by the displays.
enum ANSI {
    static let clearScreen = "\u{1B}[2J\u{1B}[H"
    static let clearLine = "\r\u{1B}[K"
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"

    static func move(row: Int, column: Int) -> String { "\u{1B}[\(row);\(column)H" }

    /// The colour an outcome is shown in: green for a correct trial, red for an error
    /// (a false start must never look like a hit), yellow for a miss or a stuck switch, dim for a cut-off.
    static func color(of outcome: Outcome) -> String {
        switch outcome {
        case .hit, .noGoCorrect, .catchCorrect: "\u{1B}[32m"
        case .wrongTarget, .distractor, .anticipation, .falseStart, .noGoCommission: "\u{1B}[31m"
        case .miss, .stuckSwitch: "\u{1B}[33m"
        case .cutOff: dim
        }
    }

    /// Background colour for a light's colour name.
    static func background(_ color: String) -> String {
        switch color {
        case "red": "\u{1B}[48;5;196m"
        case "green": "\u{1B}[48;5;46m"
        case "blue": "\u{1B}[48;5;27m"
        case "yellow": "\u{1B}[48;5;226m"
        case "orange": "\u{1B}[48;5;208m"
        case "purple": "\u{1B}[48;5;129m"
        case "cyan": "\u{1B}[48;5;51m"
        default: "\u{1B}[48;5;255m"
        }
    }
}
