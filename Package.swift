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
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    ],
    targets: [
        // The rules of the service: Foundation only, so they are quick to test and reason about.
        .target(name: "PrepRoomCore"),
        // Fluent models, migrations and queries, one folder per area.
        .target(name: "PrepRoomStore", dependencies: [
            "PrepRoomCore",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        // Pages, JSON API and configuration.
        .target(name: "PrepRoomWeb", dependencies: [
            "PrepRoomCore", "PrepRoomStore",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Plot", package: "Plot"),
        ]),
        .executableTarget(name: "preproom", dependencies: ["PrepRoomWeb"]),
        .testTarget(name: "PrepRoomCoreTests", dependencies: ["PrepRoomCore"]),
        .testTarget(name: "PrepRoomWebTests", dependencies: [
            "PrepRoomWeb",
            .product(name: "VaporTesting", package: "vapor"),
        ]),
    ]
)
