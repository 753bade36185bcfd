// swift-tools-version:6.0
import PackageDescription

// A package outside Filament that uses its solver as a library: it depends on the Filament
// checkout two folders up by path (in your own package use `.package(url: …, from: …)`).
let package = Package(
    name: "DeviceFromSwift",
    dependencies: [
        .package(name: "Filament", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "DeviceFromSwift",
            dependencies: [.product(name: "FilamentKit", package: "Filament")]
        ),
    ]
)
