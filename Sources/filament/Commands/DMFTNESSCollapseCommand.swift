import ArgumentParser
import Foundation
import Kernels

/// `filament dmft ness-collapse`: the transport-level test of DHM Eq. 14. For each branch the driven
/// steady state is followed in E, and its resistivity ρ_NESS = E/J is compared with the equilibrium
/// resistivity of the same branch (same U, t⊥, Γ, square lattice, Kubo bubble per orbital and spin)
/// evaluated at T = T_eff(E).
struct DMFTNESSCollapse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ness-collapse",
        abstract: "Driven resistivity E/J(E) against the equilibrium ρ(T_eff(E)) per branch (CSV, model units).",
        discussion: "Columns: branch, E, J (per bond, orbital, spin), T_eff, rho_ness = E/J, rho_eq(T_eff) = 1/(pi L0) "
            + "(Kubo bubble per orbital and spin, same U, t_perp, Gamma, square lattice, no asymmetry), ratio = rho_ness/rho_eq, "
            + "rho0 (rho_loc(0)) of the driven and the equilibrium state, eq_converged. Units: D = hbar = k_B = e = a = 1. "
            + "A branch ends at its first unconverged field or where rho_loc(0) jumps by more than 10x.")
    @OptionGroup var options: NESSOptions
    @Option(name: .customShort("u"), help: "Interaction U.") var u: Double = 2.5
    @Option(name: .customLong("metal-fields"), help: "Fields of the metal branch: A:B:N or a comma-separated increasing list ('' skips the branch).")
    var metalFields: String = "0,0.0005,0.001,0.002,0.005,0.01,0.02,0.05,0.1,0.15,0.2"
    @Option(name: .customLong("insulator-fields"), help: "Fields of the insulator branch (same forms; the NESS insulator needs E ≳ 0.06 at DHM's parameters).")
    var insulatorFields: String = "0.06:0.2:8"
    @Option(name: .customLong("equilibrium-points"), help: "Real-axis grid points of the equilibrium solver (power of 2, 2^10…2^18).")
    var equilibriumPoints: Int = 1 << 14
    @Option(name: .customLong("equilibrium-width"), help: "Half width of the equilibrium real-axis grid.") var equilibriumWidth: Double = 6
    @Option(help: "CSV output file.") var output: String = "ness-collapse.csv"

    func validate() throws {
        guard u >= 0 else { throw ValidationError("-u must be ≥ 0 (got \(u))") }
        _ = try Self.parseFields(metalFields, option: "--metal-fields")
        _ = try Self.parseFields(insulatorFields, option: "--insulator-fields")
        guard (10...18).contains(equilibriumPoints.trailingZeroBitCount), equilibriumPoints.nonzeroBitCount == 1 else {
            throw ValidationError("--equilibrium-points must be a power of 2 in 1024…262144 (got \(equilibriumPoints))")
        }
        guard equilibriumWidth > 1, equilibriumWidth <= 50 else { throw ValidationError("--equilibrium-width must be in (1, 50] (got \(equilibriumWidth))") }
    }

    /// A:B:N or a comma-separated increasing list of fields ≥ 0; empty means none.
    static func parseFields(_ s: String, option: String) throws -> [Double] {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return [] }
        if t.contains(":") {
            do { return try parseFieldRange(t) } catch { throw ValidationError("\(option) must be A:B:N with 0 ≤ A < B, 2 ≤ N ≤ 10000, or a list (got '\(s)')") }
        }
        let vs = t.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !vs.isEmpty, vs.count <= 10_000, vs.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }),
              zip(vs, vs.dropFirst()).allSatisfy({ $0! < $1! }) else {
            throw ValidationError("\(option) must be A:B:N or a comma-separated increasing list of fields ≥ 0 (got '\(s)')")
        }
        return vs.map { $0! }
    }

    func run() throws {
        let branches: [(Branch, [Double])] = [(.metal, try Self.parseFields(metalFields, option: "--metal-fields")),
                                              (.insulator, try Self.parseFields(insulatorFields, option: "--insulator-fields"))]
        let eq = EquilibriumBranchTransport(grid: RealFrequencyGrid(count: equilibriumPoints, halfWidth: equilibriumWidth))
        let collapse = TransportCollapse(template: options.driven(u: u, field: 0), convergence: options.convergence, equilibrium: eq)
        var rows = ["branch,E,J,T_eff,rho_ness,rho_eq,ratio,rho0_ness,rho0_eq,eq_converged"]
        let total = branches.reduce(0) { $0 + $1.1.count }
        var done = 0
        let start = Date()
        print("# U=\(u) t_perp=\(options.tPerp) Gamma=\(options.gamma) T=\(options.temperature) (model units; rho per orbital and spin in hbar a/e^2)")
        print("# branch E T_eff rho_ness rho_eq ratio")
        for (branch, fields) in branches where !fields.isEmpty {
            let points: [TransportCollapsePoint]
            do {
                points = try collapse.run(options.solver, fields: fields, branch: branch) { _, _ in
                    done += 1
                    let dt = Date().timeIntervalSince(start), f = Double(done) / Double(total)
                    options.progress(String(format: "ness-collapse: %d/%d fields (%.0f%%), %.0f s elapsed, ~%.0f s left", done, total, 100 * f, dt, dt * (1 - f) / f))
                }
            } catch let e as NESSInputError { throw ValidationError("fields/--spacing/--width: \(e)") }
            options.progress("ness-collapse: \(branch.rawValue) branch: \(points.count) driven points with E > 0; equilibrium solved at their T_eff")
            for p in points {
                rows.append(String(format: "%@,%.8g,%.10e,%.10e,%.10e,%.10e,%.8f,%.8e,%.8e,%d", branch.rawValue, p.field, p.current,
                                   p.effectiveTemperature, p.drivenResistivity, p.equilibrium.resistivity, p.ratio,
                                   p.drivenDensityAtFermiLevel, p.equilibrium.densityAtFermiLevel, p.equilibrium.converged ? 1 : 0))
                print(String(format: "%@ %.6g %.6e %.6e %.6e %.4f", branch.rawValue, p.field, p.effectiveTemperature,
                             p.drivenResistivity, p.equilibrium.resistivity, p.ratio))
            }
        }
        try writeAtomically(Data((rows.joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: output))
        print("wrote \(output)")
    }
}
