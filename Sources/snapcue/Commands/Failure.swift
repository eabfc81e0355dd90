import ArgumentParser
import DrillCore
import DrillLinux
import DrillStore

/// Exit codes, so scripts and kiosks can tell failures apart.
enum ExitStatus {
    /// Bad input: a profile, station, option or file the user can fix.
    static let badInput: Int32 = 2
    /// The station failed mid-drill (the trials done are kept and printed).
    static let stationFault: Int32 = 3
    /// Stopped by the user (Ctrl-C); the trials done are kept and printed.
    static let stopped: Int32 = 130
}

/// A command-line failure with what to do about it.
typealias CLIError = ActionableError

/// Runs `body`; errors a user can act on (every `UserError`) are printed as
/// such and end the process with their kind's exit code, instead of a stack of Swift types.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as any UserError {
        Terminal.writeError(error.terminalText)
        throw ExitCode(error.kind.exitCode)
    }
}
