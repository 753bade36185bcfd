import ArgumentParser
import IO
import Foundation
import Kernels

/// A list of values given as `a:b:n` (n equally spaced values from a to b, 1 ≤ n ≤ 100,000) or `x,y,z`.
struct ValueList: ExpressibleByArgument {
    /// The most values a list may hold; a larger count is refused before anything is allocated.
    static let maximumCount = 100_000
    let values: [Double]

    init?(argument: String) {
        let parts = argument.split(separator: ":").map(String.init)
        if parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]), let n = Int(parts[2]),
           (1...ValueList.maximumCount).contains(n) {
            values = n == 1 ? [a] : (0..<n).map { ValueList.clean(a + (b - a) * Double($0) / Double(n - 1)) }
            return
        }
        let list = argument.split(separator: ",").compactMap { Double($0) }
        guard !list.isEmpty, list.count == argument.split(separator: ",").count else { return nil }
        values = list
    }

    /// Rounds away binary noise (0.30000000000000004 → 0.3) at 12 significant digits.
    static func clean(_ x: Double) -> Double { Double(String(format: "%.12g", x)) ?? x }
}

/// `filament hf branch`: Δ(E) for all self-consistent solutions, and E_IMT / E_MIT.
struct HFBranch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "branch", abstract: "All solutions Δ(E) with J, T_eff, P_ex; switching fields (HF Fig. 1b).")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Fields a:b:n or a,b,c.") var fields = ValueList(argument: "0.05:0.8:16")!
    @Option(help: "Scan points on (0, U/2].") var points: Int = 24


    func validate() throws {
        guard fields.values.allSatisfy({ $0 > 0 }), points >= 2 else { throw ValidationError("fields must be > 0 (E = 0: `hf gap`)") }
        try checkingOptions { try InputLimits.count(points, 2...100_000, "--points") }
    }
    func run() throws {
        let sweep = FieldSweep(lattice: drive.lattice(field: 1), scanPoints: points)
        let result = sweep.sweep(fields: fields.values)
        print("# E Delta stability slope J Teff Pex")
        for p in result {
            var lattice = sweep.lattice
            lattice.field = p.field
            for s in p.solutions {
                let st = lattice.steadyState(gap: s.gap)
                print(String(format: "%.5f %.6f %@ %.4f %.6e %.6f %.6e", p.field, s.gap,
                             s.stability.rawValue, s.slope, st.currentDensity, st.effectiveTemperature,
                             st.excitationCount))
            }
        }
        let (imt, mit) = sweep.switchingFields(result)
        print("E_IMT=\(imt.map { String(format: "%.5f", $0) } ?? "none") E_MIT=\(mit.map { String(format: "%.5f", $0) } ?? "none")")
    }
}

/// `filament hf lz`: numerical P_ex(Δ) (SI Eq. 9) against the Landau–Zener estimate (SI Eq. 11).
struct HFLandauZener: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lz", abstract: "P_ex(Δ) at fixed E, Γ: numerics vs Fermi-surface-averaged Landau–Zener.")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Field E.") var field: Double = 0.2
    @Option(help: "Gaps a:b:n or list.") var deltas = ValueList(argument: "0.1:1.6:16")!


    func validate() throws {
        guard field > 0, deltas.values.allSatisfy({ $0 >= 0 }) else { throw ValidationError("need --field > 0 and gaps ≥ 0") }
    }
    func run() throws {
        let lattice = drive.lattice(field: field)
        print("# Delta Pex_numeric Pex_LZ ratio")
        for d in deltas.values {
            let p = lattice.steadyState(gap: d).excitationCount
            let lz = LandauZener.excitationCount(gap: d, field: field, damping: drive.gamma,
                                                 direction: drive.direction)
            print(String(format: "%.5f %.6e %.6e %.4f", d, p, lz, p / lz))
        }
    }
}

/// `filament hf teff`: metallic (Δ = 0) T_eff(E) and the ratio T_eff·Γ/E (SI Eq. 12).
struct HFEffectiveTemperature: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teff", abstract: "T_eff(E) at a given Δ (default metal Δ = 0) and T_eff·Γ/E (SI Eq. 12).")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Fields a:b:n or list.") var fields = ValueList(argument: "0.0005,0.001,0.002,0.005,0.01")!
    @Option(help: "Order parameter Δ.") var delta: Double = 0


    func validate() throws {
        guard fields.values.allSatisfy({ $0 > 0 }) else { throw ValidationError("fields must be > 0") }
    }
    func run() throws {
        print("# E Teff Teff*Gamma/E J")
        for e in fields.values {
            let s = drive.lattice(field: e).steadyState(gap: delta)
            print(String(format: "%.6f %.6f %.5f %.6e", e, s.effectiveTemperature,
                         s.effectiveTemperature * drive.gamma / e, s.currentDensity))
        }
    }
}

/// `filament hf bench`: times a 50-point Δ(E) branch (insulating branch, secant continuation).
struct HFBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time a Δ(E) branch of N field points (release build).")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Fields a:b:n.") var fields = ValueList(argument: "0.02:0.5:50")!
    @Flag(help: "Find all solutions at each field by a root scan instead of continuation.") var all = false


    func validate() throws {
        guard fields.values.allSatisfy({ $0 > 0 }) else { throw ValidationError("fields must be > 0") }
    }
    func run() throws {
        let sweep = FieldSweep(lattice: drive.lattice(field: 1))
        let start = Date()
        let cpuStart = clock()
        var count = 0
        if all {
            count = sweep.sweep(fields: fields.values).reduce(0) { $0 + $1.solutions.count }
        } else {
            let d0 = EquilibriumMeanField(interaction: drive.interaction).zeroTemperatureGap()
            count = sweep.follow(from: d0, fields: fields.values).compactMap { $0 }.count
        }
        let seconds = Date().timeIntervalSince(start)
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        print(String(format: "fields=%d solutions=%d seconds=%.2f cpu_seconds=%.2f nodes=%d gamma=%g",
                     fields.values.count, count, seconds, cpu, drive.nodes, drive.gamma))
    }
}

/// `filament hf teff-table`: writes T_eff(E, T_bath) per phase as JSON (atomic write).
struct HFEffectiveTemperatureTable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teff-table", abstract: "Write a T_eff(E, T_bath) table per phase (filament-teff-table JSON).")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Fields E/(t/ea): a:b:n or list (increasing, ≥ 0).") var fields = ValueList(argument: "0:0.8:9")!
    @Option(help: "Bath temperatures T/t: a:b:n or list (increasing, ≥ 0).") var temperatures = ValueList(argument: "0:1:6")!
    @Option(help: "Energy unit t in eV (default: chosen so that T_N maps onto --neel-kelvin).") var energyUnitEv: Double?
    @Option(help: "Néel temperature in K used to fix t when --energy-unit-ev is not given.") var neelKelvin: Double = 360
    @Option(help: "Lattice constant a in m.") var latticeConstantM: Double = 3.9e-10
    @Option(help: "Output JSON file.") var output: String = "teff-table.json"

    func validate() throws {
        for axis in [fields.values, temperatures.values] {
            guard axis.count >= 2, axis.allSatisfy({ $0 >= 0 }), zip(axis, axis.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ValidationError("axes need ≥ 2 increasing, non-negative values")
            }
        }
        guard latticeConstantM > 0, neelKelvin > 0, (energyUnitEv ?? 1) > 0 else {
            throw ValidationError("unit mapping values must be > 0")
        }
    }

    func run() throws {
        let tn = EquilibriumMeanField(interaction: drive.interaction).neelTemperature()
        let unit = energyUnitEv ?? neelKelvin * PhysicalConstants.boltzmannOverCharge / tn
        let mapping = EffectiveTemperatureTable.UnitMapping(energyUnitEV: unit, latticeConstantM: latticeConstantM)
        let builder = EffectiveTemperatureTableBuilder(lattice: drive.lattice(field: 1), fields: fields.values,
                                                       temperatures: temperatures.values, mapping: mapping)
        let table = builder.build(programVersion: FilamentVersion.provenance().versionString)
        try writeAtomically(try table.jsonData(), to: URL(fileURLWithPath: output))
        print(String(format: "wrote %@ (%d x %d nodes, t = %.5f eV, T_N = %.1f K)", output,
                     fields.values.count, temperatures.values.count, unit, tn * mapping.temperatureUnitK))
    }
}

/// Writes `data` to a temporary file in the destination's directory and renames it over the
/// destination (POSIX rename is atomic and replaces an existing file). IO.AtomicFile is not used
/// here: on Linux its FileManager.replaceItemAt path loses an existing destination.
func writeAtomically(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try data.write(to: temporary)
    guard rename(temporary.path, url.path) == 0 else {
        let code = errno
        try? FileManager.default.removeItem(at: temporary)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, "errno": code])
    }
}
