// swift-tools-version:6.0
import Foundation
import PackageDescription

// The PETSc backend (`--backend petsc`, docs/cluster.md) is built when Debian's petsc-dev and
// OpenMPI headers are installed (scripts/setup installs them) and FILAMENT_WITHOUT_PETSC is
// unset; otherwise the executable is built without it and says so when the backend is asked for.
// PETSc's pkg-config file does not name MPI's include folder, so it is passed to the importer.
let mpiInclude = ["/usr/include/x86_64-linux-gnu/mpi", "/usr/include/aarch64-linux-gnu/mpi", "/usr/lib/x86_64-linux-gnu/openmpi/include"]
    .first { FileManager.default.fileExists(atPath: $0 + "/mpi.h") }
let petscPkgConfig = ["/usr/lib/x86_64-linux-gnu/pkgconfig/PETSc.pc", "/usr/lib/aarch64-linux-gnu/pkgconfig/PETSc.pc"]
    .contains { FileManager.default.fileExists(atPath: $0) }
let withPETSc = petscPkgConfig && mpiInclude != nil && ProcessInfo.processInfo.environment["FILAMENT_WITHOUT_PETSC"] == nil
let petscSwiftSettings: [SwiftSetting] = withPETSc ? [.define("FILAMENT_PETSC"), .unsafeFlags(["-Xcc", "-I\(mpiInclude!)"])] : []
let petscTargets: [Target] = withPETSc ? [
    .systemLibrary(name: "_CPETSc", path: "Sources/_CPETSc", pkgConfig: "PETSc"),
    .target(name: "PETScBackend", dependencies: ["_CPETSc", "Solvers", "SparseLinearAlgebra"], swiftSettings: petscSwiftSettings),
] : []

// Dependencies point one way:
//   Kernels → Materials → Mesh → Discretization → Solvers → Simulations/IO → filament (CLI)
// C libraries enter through underscore-named system-library targets, each wrapped by
// exactly one Swift module (SparseLinearAlgebra for SuiteSparse and ARPACK; Kernels for FFTW and GSL; IO for
// OpenSSL's SHA-256), except OpenBLAS/LAPACK, wrapped by Kernels (complex dense algebra) and by
// SparseLinearAlgebra (dense Cholesky, BLAS threads) for their own routines.
let package = Package(
    name: "Filament",
    products: [
        .executable(name: "filament", targets: ["filament"]),
        // The solver and its IO as a library for other Swift packages (examples/device-from-swift).
        .library(name: "FilamentKit", targets: [
            "Simulations", "IO", "Solvers", "Discretization", "Mesh", "Materials", "SparseLinearAlgebra", "Kernels",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // MARK: - C shims (no Swift API of their own)
        .systemLibrary(name: "_CSuiteSparse", path: "Sources/_CSuiteSparse"),
        .systemLibrary(name: "_CFFTW", path: "Sources/_CFFTW"),
        .systemLibrary(name: "_CGSL", path: "Sources/_CGSL"),
        .systemLibrary(name: "_CLAPACK", path: "Sources/_CLAPACK"),
        .systemLibrary(name: "_COpenSSL", path: "Sources/_COpenSSL"),
        .systemLibrary(name: "_CARPACK", path: "Sources/_CARPACK"),

        // MARK: - Library modules
        .target(name: "SparseLinearAlgebra", dependencies: ["_CSuiteSparse", "_CLAPACK", "_CARPACK"]),
        .target(name: "Kernels", dependencies: [
            "_CFFTW", "_CGSL", "_CLAPACK",
            .product(name: "ComplexModule", package: "swift-numerics"), .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .target(name: "Materials"),
        .target(name: "Mesh"),
        .target(name: "Discretization", dependencies: ["Mesh", "Materials", "SparseLinearAlgebra"]),
        .target(name: "Solvers", dependencies: ["Discretization", "Mesh", "Materials", "SparseLinearAlgebra", "Kernels"]),
        .target(name: "IO", dependencies: ["Solvers", "Mesh", "Materials", "Kernels", "SparseLinearAlgebra", "_COpenSSL", "TOMLKit"]),
        .target(name: "Simulations", dependencies: ["Solvers", "IO", "Mesh", "Materials", "Kernels"]),

        // MARK: - Command-line tool
        .executableTarget(
            name: "filament",
            dependencies: [
                "Simulations", "IO", "Solvers", "Kernels", "Materials", "SparseLinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + (withPETSc ? ["PETScBackend"] : []),
            swiftSettings: petscSwiftSettings,
            plugins: ["GitRevision"]
        ),
        // Writes the checkout's git revision into the build (nil outside a git checkout).
        .plugin(name: "GitRevision", capability: .buildTool()),

        // MARK: - Tests
        .testTarget(name: "SparseLinearAlgebraTests", dependencies: ["SparseLinearAlgebra"]),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
        .testTarget(name: "MaterialsTests", dependencies: ["Materials"]),
        .testTarget(name: "MeshTests", dependencies: ["Mesh"]),
        .testTarget(name: "DiscretizationTests", dependencies: ["Discretization", "Mesh", "Materials"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "Discretization", "Mesh", "Materials", "Kernels"]),
        .testTarget(name: "IOTests", dependencies: ["IO", "Simulations", "Solvers", "Mesh", "Materials"]),
        .testTarget(name: "ValidationTests", dependencies: ["Simulations", "Solvers", "Discretization", "Mesh", "Materials"]),
    ] + petscTargets
)
