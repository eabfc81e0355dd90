#if StationWeb
import ArgumentParser
import DrillCore
import DrillLinux
import DrillStation
import DrillStore
#if GymSync
import DrillSync
#endif
import DrillWeb
import Foundation
import Hummingbird
import Logging

/// `snapcue serve`: the station's web app.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the station's web app: leaderboards, athlete trends, sessions, the live drill view and trainer actions.",
        discussion: """
            Read-only pages and the JSON API are public. Trainer actions (start or stop a drill, add athletes, upload a
            profile) need the trainer token: --token, or SNAPCUE_TOKEN; without either a random one is made and printed.
            Binds to 127.0.0.1 unless --host says otherwise (--host 0.0.0.0 for every interface).
            Drills started from the web run on --station with the same real-time runner as 'snapcue run'; on the
            simulated station the virtual athlete does them. Ctrl-C stops a running drill cleanly, then the server.
            """)

    @Option(help: "Address to listen on (0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "TCP port (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "Station that runs web-started drills: 'sim' or a station file.")
    var station = "sim"

    @Option(help: "Folder of the drill profiles offered (uploads are saved there).")
    var profiles = "Profiles"

    @Option(help: "Trainer token (default: $SNAPCUE_TOKEN, else a random one printed at start).")
    var token: String?

    #if GymSync
    @Option(
        name: .customLong("sync-postgres"),
        help: "Sync results with the gym's PostgreSQL database in the background (default: $SNAPCUE_POSTGRES, if set).")
    var syncURL: String?

    @Option(help: "Seconds between background syncs.")
    var syncEvery = 60
    #endif

    @OptionGroup var store: StoreOptions
    @OptionGroup var realtime: RealtimeOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a TCP port (0-65535)") }
        if let token, token.count < 8 { throw ValidationError("--token is too short: use at least 8 characters") }
        #if GymSync
        if syncEvery < 1 { throw ValidationError("--sync-every takes a number of seconds ≥ 1") }
        #endif
    }

    func run() async throws {
        let (database, library, trainerToken, generated) = try reportingErrors {
            let database = try store.open(create: true)
            let stationValue = try Station.load(station)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: profiles, isDirectory: &isFolder), isFolder.boolValue else {
                throw CLIError("no profiles folder at \(profiles)", fix: "run from the Snapcue folder, or pass --profiles FOLDER")
            }
            let environment = ProcessInfo.processInfo.environment["SNAPCUE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            let chosen = token ?? environment
            if let chosen, chosen.count < 8 { throw CLIError("SNAPCUE_TOKEN is too short", fix: "use at least 8 characters") }
            return (database, ProfileLibrary(directory: profiles, station: stationValue), chosen ?? Self.randomToken(), chosen == nil)
        }
        #if GymSync
        let gymAddress = try reportingErrors {
            try (syncURL ?? ProcessInfo.processInfo.environment["SNAPCUE_POSTGRES"]).flatMap { $0.isEmpty ? nil : try GymOptions.address($0) }
        }
        #endif
        if let cpu = realtime.cpu, !realtime.noRealtime {
            // Before any server thread starts, so they all inherit the mask and leave the CPU to the cue thread.
            FileHandle.standardError.write(Data((RealtimeThread.reserveCPU(cpu) + "\n").utf8))
        }
        let launcher = WebDrillLauncher(
            store: database, stationName: station,
            realtime: realtime.request)
        let app = StationWebApp(store: database, profiles: library, board: LiveBoard(), launcher: launcher, trainerToken: trainerToken)
        let address = host
        let application = Application(
            router: app.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "Snapcue"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                var lines = "Snapcue web app: http://\(address == "0.0.0.0" ? "localhost" : address):\(port)/  (station \(library.station.name), results \(database.path))\n"
                if generated { lines += "trainer token: \(trainerToken)  (choose your own with --token or SNAPCUE_TOKEN)\n" }
                // Unbuffered, so a supervisor or script reading a pipe sees the address at once.
                FileHandle.standardOutput.write(Data(lines.utf8))
            },
            logger: Self.logger())
        #if GymSync
        let background = gymAddress.map { address in
            Task { await BackgroundSync(store: database, address: address, every: .seconds(syncEvery)).run() }
        }
        defer { background?.cancel() }
        #endif
        do {
            try await application.runService()
        } catch {
            throw reportingFailure(CLIError(
                "cannot serve on \(host):\(port): \(error)",
                fix: "choose another --port, or stop the program using it ('ss -ltnp | grep :\(port)')"))
        }
        if launcher.stop() { print("stopping the running drill…") }
        await launcher.waitUntilIdle()
    }

    /// 24 characters from the system's random source.
    static func randomToken() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Request logs at `notice` unless LOG_LEVEL says otherwise.
    static func logger() -> Logger {
        var logger = Logger(label: "snapcue-serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        return logger
    }
}
#endif
