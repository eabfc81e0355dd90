import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// A failed GPIO operation: what was attempted, the errno, and what to do.
public struct GPIOError: Error, CustomStringConvertible, Sendable {
    /// What was being done, e.g. "request line 17 of gpiochip0 for switch 'pad1'".
    public var operation: String
    /// The errno the C call left.
    public var code: Int32
    /// What to do about it.
    public var fix: String?

    public init(operation: String, code: Int32, fix: String? = nil) {
        self.operation = operation
        self.code = code
        self.fix = fix ?? Self.defaultFix(for: code)
    }

    /// `strerror` text for the code.
    public var message: String { String(cString: strerror(code)) }

    public var description: String {
        "\(operation): \(message)" + (fix.map { "\n  fix: \($0)" } ?? "")
    }

    static func defaultFix(for code: Int32) -> String? {
        switch code {
        case EACCES, EPERM:
            "add the user to the 'gpio' group ('sudo usermod -aG gpio $USER', then log in again), or see Hardware/README.md (udev rule)"
        case EBUSY:
            "another program holds this line; 'gpioinfo' shows its consumer: stop it, or pick a free line in the station file"
        case ENOENT, ENODEV, ENXIO:
            "check that the GPIO chip is there ('gpiodetect' lists chips) and that the station file names the right chip and line"
        case EINVAL:
            "the chip refused this configuration (line offset out of range, or bias not supported by this kernel/driver)"
        default:
            nil
        }
    }

    /// The current errno as a `GPIOError` for `operation`.
    static func current(_ operation: String, fix: String? = nil) -> GPIOError {
        GPIOError(operation: operation, code: errno, fix: fix)
    }
}
