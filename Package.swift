// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PrepRoom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "preproom", targets: ["preproom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        // /metrics: swift-metrics (which Vapor already reports requests through) with the
        // Prometheus backend of the Swift server workgroup.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The rules of the service: Foundation only, so they are quick to test and reason about.
        .target(name: "PrepRoomCore"),
        // Typed HTML: a copy of John Sundell's Plot 0.14.0 (MIT, LICENSES/plot.txt) that
        // writes a page in one pass; Plot's own renderer took half of a page's CPU.
        // Sources/Plot/README.md says what was changed and what was left out.
        .target(name: "Plot", exclude: ["README.md"], swiftSettings: [
            .swiftLanguageMode(.v5),  // as Plot itself builds
            // Lets the pages specialise its generic nodes (`Node<Context>`) instead of looking
            // their types up at run time on every call.
            .unsafeFlags(["-cross-module-optimization"]),
        ]),
        // Fluent models, migrations and queries, one folder per area.
        .target(name: "PrepRoomStore", dependencies: [
            "PrepRoomCore",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        // The service's use cases, one function each: plain values and the database in,
        // plain values or a `ServiceError` out; transactions, audit entries and the outbox
        // live here. No Vapor: FluentKit and SQLKit only.
        .target(name: "PrepRoomServices", dependencies: [
            "PrepRoomCore", "PrepRoomStore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        // Pages, JSON API and configuration: decode, call one service, render.
        .target(name: "PrepRoomWeb", dependencies: [
            "PrepRoomCore", "PrepRoomStore", "PrepRoomServices",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            "Plot",
        ]),
        .executableTarget(name: "preproom", dependencies: [
            "PrepRoomWeb",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "PrepRoomCoreTests", dependencies: ["PrepRoomCore"]),
        .testTarget(name: "PrepRoomWebTests", dependencies: [
            "PrepRoomWeb", "PrepRoomServices",
            .product(name: "VaporTesting", package: "vapor"),
            "Plot",
        ]),
    ]
)
