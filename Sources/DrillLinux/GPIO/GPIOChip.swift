import CGPIOShim
import DrillCore
import Foundation

/// An open GPIO chip character device (`/dev/gpiochipN`). Closed when released.
final class GPIOChip {
    let handle: OpaquePointer
    /// The device path, e.g. `/dev/gpiochip0`.
    let path: String
    /// The kernel's name, e.g. `gpiochip0`.
    let name: String
    /// The driver's label, e.g. `pinctrl-bcm2711`, `pinctrl-rp1`, `gpio-sim.0-node0`.
    let label: String
    /// Number of lines.
    let lineCount: Int

    /// Opens the chip at `path`. The corresponding C function is `gpiod_chip_open`.
    init(path: String) throws {
        guard let handle = snapcue_gpio_chip_open(path) else { throw GPIOError.current("open GPIO chip \(path)") }
        self.handle = handle
        self.path = path
        var nameBuffer = [CChar](repeating: 0, count: 64), labelBuffer = [CChar](repeating: 0, count: 64)
        var lines: UInt32 = 0
        guard snapcue_gpio_chip_info(handle, &nameBuffer, 64, &labelBuffer, 64, &lines) == 0 else {
            let error = GPIOError.current("read the info of GPIO chip \(path)")
            snapcue_gpio_chip_close(handle)
            throw error
        }
        name = text(nameBuffer)
        label = text(labelBuffer)
        lineCount = Int(lines)
    }

    deinit { snapcue_gpio_chip_close(handle) }

    /// The GPIO chip devices present, by path.
    static func devicePaths() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        return names.filter { $0.hasPrefix("gpiochip") }
            .sorted { (Int($0.dropFirst(8)) ?? 0) < (Int($1.dropFirst(8)) ?? 0) }
            .map { "/dev/" + $0 }
    }

    /// Opens the chip a station file names: a path (`/dev/gpiochip4`), a name
    /// (`gpiochip4`) or a label (`pinctrl-rp1`; on a Pi 5 the header's chip
    /// number differs between kernels, its label does not).
    static func open(matching spec: String) throws -> GPIOChip {
        if spec.hasPrefix("/") { return try GPIOChip(path: spec) }
        if spec.hasPrefix("gpiochip"), Int(spec.dropFirst(8)) != nil, FileManager.default.fileExists(atPath: "/dev/" + spec) {
            return try GPIOChip(path: "/dev/" + spec)
        }
        var seen: [String] = []
        var firstError: GPIOError?
        for path in devicePaths() {
            do {
                let chip = try GPIOChip(path: path)
                if chip.label == spec || chip.name == spec { return chip }
                seen.append("\(chip.name) [\(chip.label)]")
            } catch let error as GPIOError {
                firstError = firstError ?? error
            }
        }
        if let firstError, seen.isEmpty { throw firstError }
        throw GPIOError(
            operation: "find GPIO chip '\(spec)'", code: ENOENT,
            fix: seen.isEmpty
                ? "no GPIO chip is present (no /dev/gpiochip*): is this a Raspberry Pi, and is the GPIO driver loaded?"
                : "chips here: \(seen.joined(separator: ", ")); name one by path, name or label in the station file")
    }

    /// The offset of a line given by offset or by name.
    func offset(of line: GPIOLine.Line) throws -> Int {
        switch line {
        case .offset(let offset):
            guard offset < lineCount else {
                throw GPIOError(operation: "use line \(offset) of \(name) [\(label)]", code: EINVAL, fix: "this chip has lines 0 to \(lineCount - 1)")
            }
            return offset
        case .name(let lineName):
            let offset = snapcue_gpio_find_line(handle, lineName)
            guard offset >= 0 else {
                throw GPIOError.current("find line '\(lineName)' on \(name) [\(label)]", fix: "'gpioinfo \(name)' lists the line names; or give the offset instead")
            }
            return Int(offset)
        }
    }

    /// What the kernel says about one line.
    struct LineInfo {
        var name: String
        var consumer: String
        var used: Bool
        var isOutput: Bool
    }

    /// The corresponding C function is `gpiod_chip_get_line_info` (2.x) or `gpiod_line_update` (1.x).
    func info(offset: Int) throws -> LineInfo {
        var nameBuffer = [CChar](repeating: 0, count: 64), consumerBuffer = [CChar](repeating: 0, count: 64)
        var used = false, isOutput = false
        guard snapcue_gpio_line_info(handle, UInt32(offset), &nameBuffer, 64, &consumerBuffer, 64, &used, &isOutput) == 0 else {
            throw GPIOError.current("read line \(offset) of \(name)")
        }
        return LineInfo(name: text(nameBuffer), consumer: text(consumerBuffer), used: used, isOutput: isOutput)
    }

    /// Requests an output line. The corresponding C function is
    /// `gpiod_line_request_output_flags` (1.x) or `gpiod_chip_request_lines` (2.x).
    func requestOutput(offset: Int, activeLow: Bool, initiallyOn: Bool, consumer: String, purpose: String) throws -> GPIOLineHandle {
        guard let line = snapcue_gpio_request_output(handle, UInt32(offset), activeLow, initiallyOn ? 1 : 0, consumer) else {
            throw requestError(offset: offset, purpose: purpose)
        }
        return GPIOLineHandle(handle: line, chip: self, offset: offset)
    }

    /// Requests an input line with both-edge events on CLOCK_MONOTONIC.
    func requestInput(offset: Int, activeLow: Bool, bias: GPIOLine.Bias, consumer: String, purpose: String) throws -> GPIOLineHandle {
        let biasCode: Int32 = switch bias {
        case .asIs: Int32(SNAPCUE_GPIO_BIAS_AS_IS.rawValue)
        case .disabled: Int32(SNAPCUE_GPIO_BIAS_DISABLED.rawValue)
        case .pullUp: Int32(SNAPCUE_GPIO_BIAS_PULL_UP.rawValue)
        case .pullDown: Int32(SNAPCUE_GPIO_BIAS_PULL_DOWN.rawValue)
        }
        guard let line = snapcue_gpio_request_input(handle, UInt32(offset), activeLow, biasCode, consumer) else {
            throw requestError(offset: offset, purpose: purpose)
        }
        return GPIOLineHandle(handle: line, chip: self, offset: offset)
    }

    /// Requests several output lines in one request (an RGB pad's colour lines), all off, so that
    /// one call sets them together. The corresponding C function is
    /// `gpiod_line_request_bulk_output_flags` (1.x) or `gpiod_chip_request_lines` (2.x).
    func requestOutputGroup(offsets: [Int], activeLow: Bool, consumer: String, purpose: String) throws -> GPIOLineGroupHandle {
        let lines = offsets.map { UInt32($0) }
        guard let group = snapcue_gpio_request_output_group(handle, lines, UInt32(lines.count), activeLow, consumer) else {
            let code = errno
            let busy = code == EBUSY ? offsets.first { (try? info(offset: $0))?.used == true } : nil
            throw requestError(offset: busy ?? offsets[0], purpose: purpose, code: code)
        }
        return GPIOLineGroupHandle(handle: group, chip: self, offsets: offsets)
    }

    private func requestError(offset: Int, purpose: String, code: Int32 = errno) -> GPIOError {
        var fix = GPIOError.defaultFix(for: code)
        if code == EBUSY, let info = try? info(offset: offset), !info.consumer.isEmpty {
            fix = "line \(offset) is in use by '\(info.consumer)'; stop that program, or pick a free line in the station file"
        }
        return GPIOError(operation: "request line \(offset) of \(name) [\(label)] for \(purpose)", code: code, fix: fix)
    }
}

/// One requested GPIO line. Released when the value goes away.
final class GPIOLineHandle {
    let handle: OpaquePointer
    /// Keeps the chip open for as long as the line (libgpiod 1.x lines belong to their chip).
    let chip: GPIOChip
    let offset: Int
    /// The descriptor that becomes readable when edge events wait.
    let eventDescriptor: Int32

    init(handle: OpaquePointer, chip: GPIOChip, offset: Int) {
        self.handle = handle
        self.chip = chip
        self.offset = offset
        eventDescriptor = snapcue_gpio_event_fd(handle)
    }

    deinit { snapcue_gpio_release(handle) }

    /// Sets an output's logical value. The corresponding C function is
    /// `gpiod_line_set_value` (1.x) or `gpiod_line_request_set_value` (2.x).
    func set(_ active: Bool) -> Int32 {
        snapcue_gpio_set(handle, active ? 1 : 0) == 0 ? 0 : errno
    }

    /// Reads the logical value.
    func get() throws -> Bool {
        let value = snapcue_gpio_get(handle)
        guard value >= 0 else { throw GPIOError.current("read line \(offset) of \(chip.name)") }
        return value == 1
    }

    /// Reads the waiting events into `buffer`; returns how many, or throws.
    func readEvents(into buffer: UnsafeMutablePointer<snapcue_gpio_event>, capacity: Int) throws -> Int {
        let count = snapcue_gpio_read_events(handle, buffer, UInt32(capacity))
        guard count >= 0 else { throw GPIOError.current("read edge events of line \(offset) of \(chip.name)") }
        return Int(count)
    }
}

/// Output lines requested together (an RGB pad's colours), set in one call. Released when the value goes away.
final class GPIOLineGroupHandle {
    let handle: OpaquePointer
    /// Keeps the chip open for as long as the lines.
    let chip: GPIOChip
    let offsets: [Int]

    init(handle: OpaquePointer, chip: GPIOChip, offsets: [Int]) {
        self.handle = handle
        self.chip = chip
        self.offsets = offsets
    }

    deinit { snapcue_gpio_group_release(handle) }

    /// Sets every line in one call: `values[i]` (logical 0 or 1) for `offsets[i]`. Returns 0 or errno.
    /// The corresponding C function is `gpiod_line_set_value_bulk` (1.x) or
    /// `gpiod_line_request_set_values_subset` (2.x).
    func set(_ values: [Int32]) -> Int32 {
        values.withUnsafeBufferPointer { snapcue_gpio_group_set(handle, $0.baseAddress) } == 0 ? 0 : errno
    }
}

/// The text of a NUL-terminated C buffer.
private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
