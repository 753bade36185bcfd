import ArgumentParser
import Foundation
import IO
import Kernels

/// Options shared by `filament dmft ness…` (model units: half bandwidth D = 1).
struct NESSOptions: ParsableArguments {
    @Option(name: .customLong("tperp"), help: "Inter-orbital hopping t⊥ (0: single-orbital model).") var tPerp: Double = 0.3
    @Option(help: "Bath temperature T.") var temperature: Double = 2.5e-3
    @Option(help: "Bath coupling Γ (DHM Eq. 8), > 0.") var gamma: Double = 7.5e-4
    @Option(name: .customLong("k-points"), help: "Number of k_y points in (0, π).") var kPoints: Int = 64
    @Option(help: "Target frequency spacing h (the grid uses h = E/n ≤ this).") var spacing: Double = 5e-4
    @Option(help: "Half width W of the frequency grid.") var width: Double = 4
    @Option(help: "Convergence tolerance on the hybridisation.") var tolerance: Double = 1e-8
    @Option(name: .customLong("max-iterations"), help: "Iteration limit per field.") var maxIterations: Int = 400
    @Option(name: .customLong("anderson-depth"), help: "Anderson mixing depth (0: linear mixing).") var andersonDepth: Int = 6
    @Option(name: .customLong("mixing-weight"), help: "Mixing weight α in (0, 1].") var mixingWeight: Double = 0.5
    @Option(name: .customLong("self-energy"), help: ArgumentHelp("Impurity self-energy: ipt (DHM Eq. 10, Mott physics, not conserving) or born "
        + "(second order in the full G, conserving: J·E = Q_bath).")) var selfEnergy: String = "ipt"
    @Flag(name: .customLong("print-closure"), help: "Append a 7th column: closure |J·E − Q_bath − Q_U|/(J·E), Q_U the heat the self-energy exchanges.")
    var printClosure = false
    @Flag(help: "No progress lines on standard error.") var quiet = false

    func validate() throws {
        guard temperature > 0 else { throw ValidationError("--temperature must be > 0 (got \(temperature))") }
        guard gamma > 0 else { throw ValidationError("--gamma must be > 0 for a steady state in a field (got \(gamma))") }
        guard tPerp >= 0 else { throw ValidationError("--tperp must be ≥ 0 (got \(tPerp))") }
        guard (1...4096).contains(kPoints) else { throw ValidationError("--k-points must be in 1…4096 (got \(kPoints))") }
        guard spacing > 0, width > 0 else { throw ValidationError("--spacing and --width must be > 0") }
        guard (0...50).contains(andersonDepth), mixingWeight > 0, mixingWeight <= 1 else {
            throw ValidationError("--anderson-depth must be in 0…50 and --mixing-weight in (0, 1]")
        }
        guard tolerance > 0, maxIterations >= 1 else { throw ValidationError("--tolerance must be > 0 and --max-iterations ≥ 1") }
        guard NESSSelfEnergy(rawValue: selfEnergy) != nil else { throw ValidationError("--self-energy must be ipt or born (got '\(selfEnergy)')") }
    }

    func driven(u: Double, field: Double) -> DrivenHubbardModel {
        DrivenHubbardModel(model: HubbardModel(lattice: .square, interaction: u, interorbitalHopping: tPerp,
                                               temperature: temperature, bathCoupling: gamma), field: field)
    }

    var solver: NESSSolver {
        NESSSolver(kPoints: kPoints, targetSpacing: spacing, halfWidth: width, selfEnergy: NESSSelfEnergy(rawValue: selfEnergy) ?? .ipt)
    }
    var convergence: Convergence {
        Convergence(tolerance: tolerance, maximumIterations: maxIterations,
                    mixing: andersonDepth == 0 ? .linear(mixingWeight) : .anderson(depth: andersonDepth, weight: mixingWeight))
    }

    func line(_ p: NESSPoint) -> String { printClosure ? p.lineWithClosure : p.line }

    func progress(_ s: String) { if !quiet { FileHandle.standardError.write(Data((s + "\n").utf8)) } }
}

func nessSeed(_ branch: String) throws -> NESSSeed {
    switch branch {
    case "metal": return .metal
    case "insulator": return .insulator
    default: throw ValidationError("--branch must be metal or insulator (got \(branch))")
    }
}

/// A failed point is never printed as a result line. When the frequency spacing exceeds Γ the
/// bath-broadened poles of an insulating Weiss field are not resolved and the insulator's iteration
/// does not settle (measured at U = 2.5, t⊥ = 0.3, Γ = 7.5e-4: converges for h ≤ Γ, not for h = 1e-3);
/// the line says so.
func nessFailedLine(_ p: NESSPoint, spacing: Double? = nil, gamma: Double? = nil) -> String {
    var s = String(format: "# failed E=%.6g residual=%.2e closure=%.2e balance=%.2e iterations=%d", p.field, p.residual, p.closure, p.balance, p.iterations)
    if let h = spacing, let g = gamma, h > g {
        s += String(format: " (frequency spacing %.3g > Γ = %.3g: an insulator needs --spacing ≤ Γ)", h, g)
    }
    return s
}

struct DMFTNESS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ness",
        abstract: "Field-driven steady state (Keldysh DMFT–IPT, square lattice): one line 'E J T_eff rho0 balance iterations'.",
        discussion: "Units: D = ħ = k_B = e = a = 1; J per bond, orbital and spin; balance = |J·E − Q_bath|/(J·E) (DHM Eq. A1). "
            + "A point that does not converge prints a '# failed' line and exits with status 1.")
    @OptionGroup var options: NESSOptions
    @Option(name: .customShort("u"), help: "Interaction U.") var u: Double
    @Option(help: "Field E (potential drop per bond), ≥ 0.") var field: Double
    @Option(help: "Seed: metal (Σ = 0) or insulator (dimer limit).") var branch: String = "metal"
    @Option(help: "Write ω, ρ_loc, f_loc, f_T as CSV to this file.") var spectrum: String?
    @Flag(help: "Print the wall time of the solve and of its parts on stderr.") var benchmark = false

    func validate() throws {
        guard u >= 0 else { throw ValidationError("-u must be ≥ 0 (got \(u))") }
        guard field >= 0 else { throw ValidationError("--field must be ≥ 0 (got \(field))") }
        _ = try nessSeed(branch)
    }

    func run() throws {
        let start = Date(), cpuStart = clock()
        let s: NESSSolution
        do { s = try options.solver.solve(options.driven(u: u, field: field), seed: nessSeed(branch), convergence: options.convergence) }
        catch let e as NESSInputError { throw ValidationError("--field/--spacing/--width: \(e)") }
        let p = NESSPoint(s)
        if benchmark {
            let dt = Date().timeIntervalSince(start), cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
            let (lat, imp) = options.solver.profile(s)
            FileHandle.standardError.write(Data(String(format: "benchmark: %d frequencies, %d k-points, %d iterations: %.2f s wall, %.2f s CPU; "
                + "one iteration: lattice (Eqs. 6-7) %.3f s CPU, impurity (IPT) %.3f s CPU\n",
                s.fieldGrid.grid.count, s.kPoints, p.iterations, dt, cpu, lat, imp).utf8))
        }
        if let path = spectrum {
            let g = s.fieldGrid.grid, o = s.observables
            var text = "# omega rho_loc f_loc f_bath (units of D); U=\(u) tperp=\(options.tPerp) T=\(options.temperature) gamma=\(options.gamma) E=\(p.field)\n"
            for i in 0..<g.count {
                let w = g.frequency(i)
                text += String(format: "%.6f,%.8e,%.8e,%.8e\n", w, o.localDensity[i], o.distribution[i], s.driven.model.fermi(w))
            }
            try AtomicFile.write(text, to: URL(fileURLWithPath: path))
        }
        guard p.converged else { print(nessFailedLine(p, spacing: options.spacing, gamma: options.gamma)); throw ExitCode(1) }
        print(options.line(p))
    }
}

/// Parses "A:B:N" into N evenly spaced values.
func parseFieldRange(_ s: String) throws -> [Double] {
    let parts = s.split(separator: ":").map(String.init)
    guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]), let n = Int(parts[2]),
          a >= 0, b > a, (2...10_000).contains(n) else {
        throw ValidationError("--fields must be A:B:N with 0 ≤ A < B and 2 ≤ N ≤ 10000 (got '\(s)')")
    }
    return (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}

struct DMFTNESSBranch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ness-branch",
        abstract: "Follow a steady-state branch in E (each field seeded by the previous one): 'E J T_eff rho0 balance iterations' per field.",
        discussion: "Where the continued branch stops converging (past its spinodal) the field is solved again from the other phase's seed; "
            + "fields that converge from neither print a '# failed' line (exit status 1).")
    @OptionGroup var options: NESSOptions
    @Option(name: .customShort("u"), help: "Interaction U.") var u: Double
    @Option(help: "Fields A:B:N (N evenly spaced values).") var fields: String
    @Option(help: "Starting seed at the first field: metal or insulator.") var branch: String = "metal"
    @Flag(help: "After the sweep up, sweep back down.") var down = false
    @Flag(help: "Print the wall and CPU time of the sweep and the iterations per field on stderr (release build for timings).")
    var benchmark = false

    func validate() throws {
        guard u >= 0 else { throw ValidationError("-u must be ≥ 0 (got \(u))") }
        _ = try parseFieldRange(fields)
        _ = try nessSeed(branch)
    }

    func run() throws {
        let up = try parseFieldRange(fields)
        let list = down ? up + up.reversed().dropFirst() : up
        let sweep = NESSFieldSweep(template: options.driven(u: u, field: 0), convergence: options.convergence)
        let start = Date(), cpuStart = clock()
        var failed = 0, iterations: [Int] = []
        do {
            _ = try sweep.follow(options.solver, fields: list, seed: nessSeed(branch),
                                 fallback: try nessSeed(branch == "metal" ? "insulator" : "metal")) { k, p, _ in
                if k == up.count { print("# down") }
                iterations.append(p.iterations)
                if p.converged { print(options.line(p)) } else { print(nessFailedLine(p, spacing: options.spacing, gamma: options.gamma)); failed += 1 }
                fflush(nil)
                let dt = Date().timeIntervalSince(start), done = Double(k + 1) / Double(list.count)
                options.progress(String(format: "ness-branch: %d/%d fields (%.0f%%), %.0f s elapsed, ~%.0f s left",
                                        k + 1, list.count, 100 * done, dt, dt * (1 - done) / done))
            }
        } catch let e as NESSInputError { throw ValidationError("--fields/--spacing/--width: \(e)") }
        if benchmark {
            let dt = Date().timeIntervalSince(start), cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
            FileHandle.standardError.write(Data(String(format: "benchmark: %d solves, %d failed, %d–%d iterations per field: %.1f s wall, %.1f s CPU\n",
                list.count, failed, iterations.min() ?? 0, iterations.max() ?? 0, dt, cpu).utf8))
        }
        if failed > 0 { options.progress("ness-branch: \(failed) of \(list.count) fields failed to converge"); throw ExitCode(1) }
    }
}

struct DMFTNESSPhaseDiagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ness-phase-diagram",
        abstract: "Field-driven IMT and MIT per U: one line 'U E_IMT Teff_IMT E_MIT Teff_MIT' (nan: not found in the field range).",
        discussion: "E_IMT: the insulator branch, swept up from the lowest field, loses its gap (ρ_loc(0) jumps by > 10×); "
            + "E_MIT: the metal branch swept up acquires one. T_eff is taken on the last point before the jump (DHM Eq. 14).")
    @OptionGroup var options: NESSOptions
    @Option(help: "Comma-separated U values.") var interactions: String = "2.4,2.5,2.6,2.8,3.0,3.25"
    @Option(name: .customLong("imt-fields"), help: "Fields A:B:N for the insulator branch.") var imtFields: String = "0.06:0.3:13"
    @Option(name: .customLong("mit-fields"), help: "Fields A:B:N for the metal branch.") var mitFields: String = "0:0.004:9"

    func validate() throws {
        _ = try parseFieldRange(imtFields); _ = try parseFieldRange(mitFields)
        guard !us.isEmpty, us.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--interactions: comma-separated U ≥ 0") }
    }

    var us: [Double] { interactions.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let start = Date()
        let total = Double(us.count * 2)
        var done = 0.0
        for u in us {
            var result: [FieldTransition?] = []
            for (branch, range) in [("insulator", imtFields), ("metal", mitFields)] {
                let sweep = NESSFieldSweep(template: options.driven(u: u, field: 0), convergence: options.convergence)
                let pts = try sweep.follow(options.solver, fields: try parseFieldRange(range), seed: nessSeed(branch),
                                           fallback: try nessSeed(branch == "metal" ? "insulator" : "metal"))
                let bad = pts.filter { !$0.converged }.count
                if bad > 0 { print(String(format: "# U=%.4g %@ branch: %d fields failed to converge", u, branch, bad)) }
                result.append(FieldTransition.find(pts))
                done += 1
                let dt = Date().timeIntervalSince(start)
                options.progress(String(format: "ness-phase-diagram: %.0f%%, %.0f s elapsed, ~%.0f s left", 100 * done / total, dt, dt * (total - done) / done))
            }
            let f = { (x: Double?) in x.map { String(format: "%.6g", $0) } ?? "nan" }
            print(String(format: "%.4g", u), f(result[0]?.field), f(result[0]?.effectiveTemperatureBefore),
                  f(result[1]?.field), f(result[1]?.effectiveTemperatureBefore))
            fflush(nil)
        }
    }
}
