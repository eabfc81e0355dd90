import CALSA

/// A failed libasound call: the function, its negative error code and
/// ALSA's own message (`snd_strerror`).
public struct ALSAError: Error, CustomStringConvertible, Sendable {
    /// The C function that failed.
    public var function: String
    /// Its return code (a negative errno).
    public var code: Int32
    /// The device concerned.
    public var device: String

    /// ALSA's message for the code.
    public var message: String { String(cString: snd_strerror(code)) }

    public var description: String {
        var text = "sound device '\(device)': \(function) failed: \(message)"
        switch -code {
        case 2, 19: text += "\n  fix: check the device name ('aplay -L' lists them) and that the card is plugged in"
        case 16: text += "\n  fix: another program holds the device; stop it, or use a 'default'/'dmix' device that can share"
        case 22: text += "\n  fix: the device refuses these settings; try 'plughw:CARD,DEV' (converts rate/format) or another rate/period"
        case 13: text += "\n  fix: add your user to the 'audio' group"
        default: break
        }
        return text
    }

    /// Throws an `ALSAError` when `code` is negative; returns it otherwise.
    @discardableResult
    static func check(_ code: Int32, _ function: String, device: String) throws -> Int32 {
        guard code >= 0 else { throw ALSAError(function: function, code: code, device: device) }
        return code
    }
}
