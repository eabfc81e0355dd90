import DrillCore
import DrillLinux
#if canImport(Glibc)
import Glibc
#endif

/// The keyboard as the station's switches (simulated station, interactive).
///
/// Terminals report key presses only, so each key press becomes a press edge
/// and a release 80 ms later; the home switch's key toggles (press once to
/// hold, again to release). Timestamps are user-space reads of
/// CLOCK_MONOTONIC when the key arrives: good for practice, not for records
/// (a real station uses kernel edge timestamps).
final class KeyboardSwitches: SwitchInput {
    private let clock: SystemMonotonicClock
    private let switchByKey: [UInt8: String]
    /// Station aliases: every name a key's switch also goes by.
    private let aliases: [String: [String]]
    private let toggled: Set<String>
    private var held: Set<String> = []
    private var pending: [SwitchEdge] = []
    private let stop: () -> Bool

    init(station: Station, toggleSwitches: Set<String>, clock: SystemMonotonicClock, stopRequested: @escaping () -> Bool) {
        var map: [UInt8: String] = [:]
        for switchSpec in station.switches where switchSpec.aliasOf == nil {
            guard let key = switchSpec.key else { continue }
            map[key == "space" ? 32 : key.utf8.first!] = switchSpec.name
        }
        switchByKey = map
        aliases = Dictionary(grouping: station.switches.filter { $0.aliasOf != nil }, by: { $0.aliasOf! }).mapValues { $0.map(\.name) }
        toggled = toggleSwitches
        self.clock = clock
        self.stop = stopRequested
    }

    func pressedSwitches() throws -> Set<String> { held }

    func waitForEdge(until deadline: MonotonicInstant?) throws -> InputWaitResult {
        while true {
            if stop() { return .stopRequested }
            let now = clock.now()
            if let edge = pending.first, edge.timestamp <= now {
                pending.removeFirst()
                return .edge(edge)
            }
            let target = [deadline, pending.first?.timestamp].compactMap { $0 }.min()
            if let target, target <= now { return .deadline }
            // Poll for keys until 2 ms before the target, then sleep to it exactly.
            let remaining = target.map { ($0 - now).nanoseconds } ?? 50_000_000
            let pollMilliseconds = Int32(clamping: max(0, min(remaining - 2_000_000, 50_000_000) / 1_000_000))
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, pollMilliseconds)
            if ready > 0 {
                var byte: UInt8 = 0
                guard read(STDIN_FILENO, &byte, 1) == 1 else { continue }
                let stamp = clock.now()
                // Ctrl-C and Esc always stop; q stops unless the station uses it for a switch.
                if byte == 3 || byte == 27 || (byte == UInt8(ascii: "q") && switchByKey[byte] == nil) { return .stopRequested }
                if let edge = edge(for: byte, at: stamp) {
                    for alias in aliases[edge.switchName] ?? [] {
                        pending.append(SwitchEdge(switchName: alias, kind: edge.kind, timestamp: edge.timestamp))
                        if edge.kind == .press {
                            pending.append(SwitchEdge(switchName: alias, kind: .release, timestamp: edge.timestamp + .milliseconds(80)))
                        }
                    }
                    pending.sort { $0.timestamp < $1.timestamp }
                    return .edge(edge)
                }
            } else if let target, remaining <= 2_000_000 {
                clock.sleep(until: target)
            }
        }
    }

    private func edge(for key: UInt8, at stamp: MonotonicInstant) -> SwitchEdge? {
        guard let name = switchByKey[key] else { return nil }
        if toggled.contains(name) {
            let kind: SwitchEdge.Kind = held.contains(name) ? .release : .press
            if kind == .press { held.insert(name) } else { held.remove(name) }
            return SwitchEdge(switchName: name, kind: kind, timestamp: stamp)
        }
        // Key repeat while a key is held: one press until its release is due.
        guard !pending.contains(where: { $0.switchName == name }) else { return nil }
        pending.append(SwitchEdge(switchName: name, kind: .release, timestamp: stamp + .milliseconds(80)))
        pending.sort { $0.timestamp < $1.timestamp }
        return SwitchEdge(switchName: name, kind: .press, timestamp: stamp)
    }
}
