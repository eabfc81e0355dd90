import Testing
@testable import DrillLinux
#if canImport(Glibc)
import Glibc
#endif

@Suite("GPIO errors say what to do")
struct GPIOErrorTests {
    @Test("permission denied points to the gpio group and the udev rule")
    func permission() {
        let error = GPIOError(operation: "open GPIO chip /dev/gpiochip0", code: EACCES)
        #expect(error.description.hasPrefix("open GPIO chip /dev/gpiochip0: Permission denied"))
        #expect(error.description.contains("gpio' group") && error.description.contains("udev"))
    }

    @Test("a busy line says another program holds it and how to find which")
    func busy() {
        #expect(GPIOError(operation: "request line 17", code: EBUSY).description.contains("gpioinfo"))
    }

    @Test("a missing chip points to gpiodetect and the station file")
    func missing() {
        #expect(GPIOError(operation: "open", code: ENODEV).description.contains("gpiodetect"))
    }

    @Test("with no GPIO chip at all, opening a chip by label says so")
    func noChipsOnThisMachine() throws {
        guard GPIOChip.devicePaths().isEmpty else { return }  // this check is about a machine without GPIO
        #expect {
            _ = try GPIOChip.open(matching: "pinctrl-bcm2711")
        } throws: { error in
            (error as? GPIOError)?.description.contains("no GPIO chip is present") == true
        }
    }
}
