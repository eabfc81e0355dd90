#if GymSync
import DrillStore
import DrillSync
import Foundation

/// `serve --sync-postgres`: syncs with the gym database every few seconds
/// while the station serves. The gym going away is said once, not every
/// time; the station keeps everything and catches up when it is back.
struct BackgroundSync {
    let store: Store
    let address: GymAddress
    let every: Duration

    func run() async {
        var failing = false
        let station = ProcessInfo.processInfo.hostName
        while !Task.isCancelled {
            do {
                let report = try await SyncCommand.syncOnce(store: store, address: address, station: station)
                if failing || report.sessionsPushed > 0 {
                    log("sync: \(failing ? "the gym database is back; " : "")\(report.sessionsPushed) session(s), \(report.trialsPushed) trial(s) sent to \(address)")
                }
                failing = false
            } catch {
                if !failing {
                    log("sync: \(String(describing: error).split(separator: "\n").first ?? ""); results stay here and are sent when it is back")
                }
                failing = true
            }
            try? await Task.sleep(for: every)
        }
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
#endif
