import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// The simulator side of a gpio-sim chip: a line's `value` (read: is the
/// light on?) and `pull` (write: press or release a switch).
/// Files stay open; reads and writes use pread/pwrite at offset 0.
final class SimulatedLine {
    let offset: Int
    private let valueDescriptor: Int32
    private let pullDescriptor: Int32

    init(chipDirectory: String, offset: Int) throws {
        self.offset = offset
        let base = "\(chipDirectory)/sim_gpio\(offset)"
        valueDescriptor = open(base + "/value", O_RDONLY)
        pullDescriptor = open(base + "/pull", O_WRONLY)
        guard valueDescriptor >= 0, pullDescriptor >= 0 else {
            throw AthleteError("cannot open \(base)/value or /pull: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(valueDescriptor)
        close(pullDescriptor)
    }

    /// The line's physical level as the chip drives it (outputs) or is pulled (inputs).
    func level() -> Bool {
        var byte: UInt8 = 0
        return pread(valueDescriptor, &byte, 1, 0) == 1 && byte == UInt8(ascii: "1")
    }

    /// Pulls the line up (true) or down (false): the simulated switch contact.
    func pull(up: Bool) {
        let text = up ? "pull-up" : "pull-down"
        _ = text.withCString { pwrite(pullDescriptor, $0, strlen($0), 0) }
    }
}

struct AthleteError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
