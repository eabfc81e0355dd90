import CGPIOShim
import DrillCore

/// What `snapcue hardware check` reports about one light or switch, read
/// from the kernel without requesting the line.
public struct GPIOLineReport: Sendable {
    public enum Role: String, Sendable { case light, `switch` }

    public var role: Role
    /// The station's name for it.
    public var name: String
    /// Chip name and label, e.g. `gpiochip0 [pinctrl-bcm2711]`.
    public var chip: String?
    public var offset: Int?
    /// The kernel's line name, e.g. `GPIO17`.
    public var lineName: String?
    /// Who holds the line now ("" if nobody).
    public var consumer: String?
    /// Why the line cannot be used, if it cannot.
    public var problem: String?
}

/// Reads every line a station names, collecting problems instead of stopping at the first.
public enum GPIOInspector {
    /// The libgpiod version this build uses, e.g. `1.6.3 (API 1)`.
    public static var libraryVersion: String {
        "\(String(cString: snapcue_gpio_api_version())) (API \(snapcue_gpio_api_major()))"
    }

    /// The chips present: (path, name, label, line count), or the problem opening one.
    public static func chips() -> [String] {
        GPIOChip.devicePaths().map { path in
            do {
                let chip = try GPIOChip(path: path)
                return "\(chip.name) [\(chip.label)] \(path), \(chip.lineCount) lines"
            } catch {
                return "\(path): \(error)"
            }
        }
    }

    /// One report per light and switch of `station`.
    public static func inspect(_ station: Station) -> [GPIOLineReport] {
        var opened: [String: GPIOChip] = [:]
        func report(_ role: GPIOLineReport.Role, _ name: String, _ gpio: GPIOLine?) -> GPIOLineReport {
            var result = GPIOLineReport(role: role, name: name)
            guard let gpio else {
                result.problem = "no GPIO line in the station file"
                return result
            }
            do {
                let chip = try opened[gpio.chip] ?? GPIOChip.open(matching: gpio.chip)
                opened[gpio.chip] = chip
                result.chip = "\(chip.name) [\(chip.label)]"
                let offset = try chip.offset(of: gpio.line)
                result.offset = offset
                let info = try chip.info(offset: offset)
                result.lineName = info.name
                result.consumer = info.consumer
                if info.used { result.problem = "in use by '\(info.consumer.isEmpty ? "another program" : info.consumer)'" }
            } catch {
                result.problem = "\(error)"
            }
            return result
        }
        // Aliases share their target's line: report each physical line once.
        return station.lights.filter { $0.aliasOf == nil }.flatMap { light in
            light.outputs.map { report(.light, light.colorLines.isEmpty ? light.name : "\(light.name) \($0.color)", $0.gpio) }
        }
            + station.switches.filter { $0.aliasOf == nil }.map { report(.switch, $0.name, $0.gpio) }
    }
}
