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

/// Runs `body`; errors a user can fix are printed as such and end the
/// process with `ExitStatus.badInput` instead of a stack of Swift types.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ConfigError {
        Terminal.writeError(error.description)
    } catch let error as CLIError {
        Terminal.writeError(error.description)
    } catch let error as SoundError {
        Terminal.writeError("error: " + error.description)
    } catch let error as ALSAError {
        Terminal.writeError("error: " + error.description)
    } catch let error as PlanError {
        Terminal.writeError("error: " + error.description)
    } catch let error as GPIOError {
        Terminal.writeError("error: " + error.description)
    } catch let error as StoreError {
        Terminal.writeError("error: " + error.description)
    } catch let error as StationFault {
        Terminal.writeError("error: " + error.description)
    }
    throw ExitCode(ExitStatus.badInput)
}
