// swift-tools-version: 6.2
// The libFuzzer targets, a package of their own: they have no `main` (libFuzzer's is linked in by
// `-sanitize=fuzzer`), so they cannot sit among the project's executables. Built and run by scripts/fuzz.
import PackageDescription

let package = Package(
    name: "botops-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "botops", path: "..")],
    targets: [
        .executableTarget(
            name: "SpecFuzz",
            dependencies: [.product(name: "Spec", package: "botops")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
