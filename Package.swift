// swift-tools-version:6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Snapcue",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "snapcue", targets: ["snapcue"]),
        .executable(name: "snapcue-athlete", targets: ["snapcue-athlete"]),
        .library(name: "DrillCore", targets: ["DrillCore"]),
        .library(name: "DrillStats", targets: ["DrillStats"]),
        .library(name: "DrillSim", targets: ["DrillSim"]),
        .library(name: "DrillLinux", targets: ["DrillLinux"]),
        .library(name: "DrillStore", targets: ["DrillStore"]),
        .library(name: "DrillWeb", targets: ["DrillWeb"]),
        .library(name: "DrillSync", targets: ["DrillSync"]),
        .library(name: "DrillStation", targets: ["DrillStation"]),
    ],
    // The web app and the gym sync bring Hummingbird, PostgresNIO and TLS: a station that
    // needs neither (and the virtual station's guest binaries) builds with --disable-default-traits.
    traits: [
        .trait(name: "StationWeb", description: "The station web app: snapcue serve (Hummingbird)."),
        .trait(name: "GymSync", description: "Sync with a gym PostgreSQL: snapcue sync, --postgres reports (PostgresNIO)."),
        .default(enabledTraits: ["StationWeb", "GymSync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries: the build fails early and clearly if the apt packages are missing.
        .systemLibrary(
            name: "CALSA", path: "Sources/CALSA", pkgConfig: "alsa",
            providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(
            name: "CGPIOD", path: "Sources/CGPIOD", pkgConfig: "libgpiod",
            providers: [.apt(["libgpiod-dev"])]),

        // One C interface over libgpiod 1.x and 2.x, chosen by the <gpiod.h> it compiles against.
        .target(name: "CGPIOShim", dependencies: ["CGPIOD"], path: "Sources/CGPIOShim"),

        .target(
            name: "DrillCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictSwift6),
        .target(name: "DrillStats", dependencies: ["DrillCore"], swiftSettings: strictSwift6),
        .target(name: "DrillSim", dependencies: ["DrillCore"], swiftSettings: strictSwift6),
        .target(
            name: "DrillLinux", dependencies: ["DrillCore", "CALSA", "CGPIOD", "CGPIOShim"],
            swiftSettings: strictSwift6),
        // The session store: SQLite (WAL) through GRDB, one commit per trial.
        .target(
            name: "DrillStore",
            dependencies: [
                "DrillCore", "DrillStats", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API for the export's column copies (GRDB's own module of it).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift6),
        // The station web app: pages, JSON API, live drill view (Hummingbird). Knows no device:
        // drills are started through the `DrillLauncher` the CLI gives it.
        .target(
            name: "DrillWeb",
            dependencies: ["DrillCore", "DrillStats", "DrillStore", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSwift6),
        // Many stations, one gym: push sessions to a shared PostgreSQL, pull athletes, gym-wide queries.
        .target(
            name: "DrillSync",
            dependencies: [
                "DrillCore", "DrillStats", "DrillStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6),
        // A drill on a station: set-up, the cue and display threads, keeping each trial, the rescue
        // file. What the CLI and the web launcher both call.
        .target(
            name: "DrillStation", dependencies: ["DrillCore", "DrillSim", "DrillLinux", "DrillStore"],
            swiftSettings: strictSwift6),
        .executableTarget(
            name: "snapcue",
            dependencies: [
                "DrillCore", "DrillStats", "DrillSim", "DrillLinux", "DrillStore", "DrillStation",
                .target(name: "DrillWeb", condition: .when(traits: ["StationWeb"])),
                .target(name: "DrillSync", condition: .when(traits: ["GymSync"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["StationWeb"])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift6),
        // The virtual station's athlete: a separate process that drives gpio-sim lines.
        .executableTarget(
            name: "snapcue-athlete",
            dependencies: ["DrillCore", "DrillLinux", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSwift6),
        // Benchmarks (print their figures; run with `make bench`).
        .executableTarget(
            name: "scheduler-lateness", dependencies: ["DrillCore", "DrillLinux"], path: "Benchmarks/SchedulerLateness",
            swiftSettings: strictSwift6),
        .executableTarget(
            name: "store-scale", dependencies: ["DrillCore", "DrillStats", "DrillStore"], path: "Benchmarks/StoreScale",
            swiftSettings: strictSwift6),
        .executableTarget(
            name: "sound-onsets", dependencies: ["DrillCore", "DrillLinux"], path: "Benchmarks/SoundOnsets",
            swiftSettings: strictSwift6),

        .executableTarget(
            name: "gym-scale", dependencies: ["DrillCore", "DrillStats", "DrillStore", "DrillSync", "DrillTesting"], path: "Benchmarks/GymScale",
            swiftSettings: strictSwift6),

        // The testing library (as swift-nio ships NIOEmbedded): the engine harness stepped by hand,
        // whole simulated drills, stored or not, for the tests and benchmarks of every module.
        .target(
            name: "DrillTesting", dependencies: ["DrillCore", "DrillSim", "DrillStore", "DrillStation"],
            swiftSettings: strictSwift6),

        .testTarget(
            name: "DrillCoreTests", dependencies: ["DrillCore", "DrillTesting"],
            // Hostile documents the fuzz test replays (read by path, not bundled).
            exclude: ["FuzzRegressions"], swiftSettings: strictSwift6),
        .testTarget(
            name: "DrillStationTests",
            dependencies: ["DrillCore", "DrillSim", "DrillStore", "DrillStation", "DrillTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift6),
        .testTarget(name: "DrillStatsTests", dependencies: ["DrillStats"], swiftSettings: strictSwift6),
        .testTarget(
            name: "DrillSimTests", dependencies: ["DrillCore", "DrillSim", "DrillStats"],
            swiftSettings: strictSwift6),
        .testTarget(
            name: "DrillStoreTests", dependencies: ["DrillCore", "DrillStats", "DrillSim", "DrillStore", "DrillTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift6),
        .testTarget(
            name: "DrillWebTests",
            dependencies: [
                "DrillCore", "DrillStats", "DrillSim", "DrillStore", "DrillWeb", "DrillTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSwift6),
        .testTarget(
            name: "DrillSyncTests",
            dependencies: ["DrillCore", "DrillStats", "DrillSim", "DrillStore", "DrillSync", "DrillTesting"],
            swiftSettings: strictSwift6),
        .testTarget(name: "DrillLinuxTests", dependencies: ["DrillLinux"], swiftSettings: strictSwift6),
        .testTarget(name: "SnapcueCLITests", swiftSettings: strictSwift6),
    ]
)
