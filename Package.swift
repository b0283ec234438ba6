// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "botops",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "botops", targets: ["botops"]),
        .library(name: "Spec", targets: ["Spec"]),
        .library(name: "Reconciler", targets: ["Reconciler"]),
        .library(name: "Drivers", targets: ["Drivers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already built for AsyncHTTPClient; named to configure a Docker engine's client certificates.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Already built for Hummingbird; named for the daemon's header field names.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The fleet page's templates: Hummingbird's own Mustache, escaping every value by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(
            name: "Spec",
            dependencies: [
                "CGit2",
                .product(name: "Yams", package: "Yams"),
                // SHA-256 of the files a configuration names (profile photos).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedFiles"]
        ),
        .target(
            name: "Reconciler",
            dependencies: [
                "Spec",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Drivers",
            dependencies: [
                "Reconciler",
                "Spec",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Already built for AsyncHTTPClient; named for the Bot API client's own event loop.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Writes repository files into modules at build time as string constants (the EmbedFiles plugin's tool).
        .executableTarget(name: "botops-embed"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["botops-embed"]),
        .target(
            name: "Daemon",
            dependencies: [
                "Drivers", "Reconciler", "Spec",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Web/Assets"],
            plugins: ["EmbedFiles"]
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "botops",
            dependencies: [
                "Spec", "Reconciler", "Drivers", "Sandbox", "Daemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the test targets share: waiting for child processes without Foundation's waitUntilExit.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "Spec"], exclude: ["Golden"]),
        .testTarget(name: "DriversTests", dependencies: ["Drivers", "Reconciler", "Spec", "Sandbox", "TestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            // The TCP proxy tests put between botops and Postgres, to cut it off.
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "Drivers", "Reconciler", "Spec", "Sandbox", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ],
    swiftLanguageModes: [.v6]
)
