import DrillCore
import Synchronization

/// The full-screen view of an interactive drill on the simulated station:
/// a big coloured block per light, the key that plays each switch, a status
/// line and the last result. Every draw is one write under a lock, so the
/// cue thread (lights) and the display thread (status) never interleave.
final class StationScreen: Sendable {
    private struct Content {
        /// Lights on, and the colour each shows.
        var lit: [String: String] = [:]
        var status = ""
        var result = ""
        var sound = ""
    }

    private let title: String
    private let lights: [LightSpec]
    private let legend: String
    private let content = Mutex(Content())
    private static let blockWidth = 12, blockHeight = 5

    init(title: String, profile: Profile, station: Station) {
        self.title = title
        lights = profile.requiredLights.compactMap(station.light(named:))
        legend = profile.requiredSwitches.compactMap { name in
            station.switchSpec(named: name).map { "[\($0.key ?? "?")] \(name)" }
        }.joined(separator: "   ")
    }

    /// Clears the screen and draws everything.
    func drawAll() {
        content.withLock { content in
            let fittedTitle = String(title.prefix(Terminal.size.columns - 1))
            Terminal.write(ANSI.hideCursor + ANSI.clearScreen + ANSI.bold + fittedTitle + ANSI.reset + render(content) + helpLine)
        }
    }

    /// Switches lights on the screen (called on the cue thread).
    func setLights(_ names: [String], on: Bool, colors: [String: String] = [:]) {
        content.withLock { content in
            for name in names {
                content.lit[name] = on ? (colors[name] ?? lights.first { $0.name == name }?.color ?? "white") : nil
            }
            Terminal.write(renderLights(content.lit))
        }
    }

    /// Shows a sound cue as text (for stations where it cannot be heard, and as a visual echo).
    func showSound(_ text: String) {
        content.withLock { content in
            content.sound = text
            Terminal.write(line(row: soundRow, text: text))
        }
    }

    /// Replaces the status line (trial k of n, what to do).
    func setStatus(_ text: String) {
        content.withLock { content in
            content.status = text
            Terminal.write(line(row: statusRow, text: text))
        }
    }

    /// Replaces the result line (last outcome and reaction time).
    func setResult(_ text: String) {
        content.withLock { content in
            content.result = text
            Terminal.write(line(row: resultRow, text: text))
        }
    }

    /// Puts the cursor below the drawing and shows it again.
    func finish() {
        Terminal.write(ANSI.move(row: helpRow + 2, column: 1) + ANSI.showCursor)
    }

    private var lightsRow: Int { 3 }
    private var labelRow: Int { lightsRow + Self.blockHeight }
    private var soundRow: Int { labelRow + 2 }
    private var statusRow: Int { soundRow + 1 }
    private var resultRow: Int { statusRow + 1 }
    private var helpRow: Int { resultRow + 2 }

    private var helpLine: String {
        line(row: helpRow, text: ANSI.dim + "keys: " + legend + "    q or Ctrl-C: stop" + ANSI.reset)
    }

    private func render(_ content: Content) -> String {
        renderLights(content.lit) + renderLabels()
            + line(row: soundRow, text: content.sound) + line(row: statusRow, text: content.status)
            + line(row: resultRow, text: content.result)
    }

    private func renderLights(_ lit: [String: String]) -> String {
        var text = ""
        for row in 0..<Self.blockHeight {
            text += ANSI.move(row: lightsRow + row, column: 1)
            for light in lights {
                let color = lit[light.name]
                let fill = String(repeating: color != nil ? " " : "·", count: Self.blockWidth)
                text += (color.map(ANSI.background) ?? ANSI.dim) + fill + ANSI.reset + "  "
            }
        }
        return text
    }

    private func renderLabels() -> String {
        var text = ANSI.move(row: labelRow, column: 1)
        for light in lights {
            let label = String(light.name.prefix(Self.blockWidth))
            text += label + String(repeating: " ", count: Self.blockWidth + 2 - label.count)
        }
        return text
    }

    /// A whole screen row; plain text is cut to the terminal's width so it never wraps onto the next row.
    private func line(row: Int, text: String) -> String {
        let width = Terminal.size.columns
        let fitted = text.contains("\u{1B}") || text.count < width ? text : String(text.prefix(width - 1))
        return ANSI.move(row: row, column: 1) + "\u{1B}[2K" + fitted
    }
}

/// Lights drawn on the terminal.
final class TerminalLights: LightOutput {
    private let screen: StationScreen

    init(screen: StationScreen) { self.screen = screen }

    func set(_ lights: [String], on: Bool) throws {
        screen.setLights(lights, on: on)
    }

    func switchOn(_ lights: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        let start = clock.now()
        screen.setLights(lights, on: true, colors: colors)
        return TimedSpan(start: start, end: clock.now())
    }
}
