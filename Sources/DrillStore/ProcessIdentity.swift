import Foundation

/// Who owns a running session: this boot of this machine, and a process id.
enum ProcessIdentity {
    /// The kernel's id of this boot (a pid from another boot is meaningless).
    static let bootID: String = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown-boot"

    /// This process's id.
    static var currentPID: Int32 { ProcessInfo.processInfo.processIdentifier }

    /// Whether `pid` is a live Snapcue process (not a recycled pid of another program).
    static func isSnapcueAlive(pid: Int32) -> Bool {
        if pid == currentPID { return true }
        guard let commandLine = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) else { return false }
        return String(decoding: commandLine, as: UTF8.self).contains("snapcue")
    }
}
