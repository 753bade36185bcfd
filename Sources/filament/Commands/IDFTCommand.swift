import ArgumentParser
import Foundation
import Kernels

/// `filament idft …`: spectral function of the half-filled Hubbard model from steady-state DFT
/// (Jacob, Stefanucci, Kurth, PRL 125, 216401 (2020)); docs/kernels-idft.md.
struct IDFTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idft",
        abstract: "i-DFT spectral kernel (Bethe and simple cubic lattices): spectrum, xc bias, parameters, lattice G, bench.",
        subcommands: [IDFTSpectrumCommand.self, IDFTXCCommand.self, IDFTParamsCommand.self, IDFTLatticeCommand.self,
                      IDFTBenchCommand.self])
}

/// Lattice and energy unit shared by the i-DFT commands.
struct IDFTModelOptions: ParsableArguments {
    @Option(help: "Lattice: bethe or cubic.") var lattice: String = "bethe"
    @Option(help: "Non-interacting bandwidth W in the energy unit of -u and ω (> 0; 2 = half bandwidth 1, as in `filament dmft`).")
    var bandwidth: Double = 2

    func validate() throws {
        guard IDFTLattice(rawValue: lattice) != nil else { throw ValidationError("--lattice must be bethe or cubic (got '\(lattice)')") }
        guard bandwidth.isFinite, bandwidth > 0 else { throw ValidationError("--bandwidth must be a finite number > 0 (got \(bandwidth))") }
    }

    var kind: IDFTLattice { IDFTLattice(rawValue: lattice)! }
}

fileprivate func checkInteraction(_ u: Double, _ w: Double, option: String = "-u") throws {
    guard u.isFinite, u >= 0, u <= 20 * w else {
        throw ValidationError("\(option) must be in [0, 20 W] = [0, \(20 * w)] (got \(u))")
    }
}

/// One header line with the parameters of the xc bias.
fileprivate func describe(_ s: IDFTSpectrum, _ w: Double) -> String {
    let x = s.xc
    return String(format: "# lattice %@ U %.6g U/W %.6g W %.6g phase %@ Z %.6g Ztilde %.6g U_xc/W %.6g lambda_K %@ gap %.6g support %.6g",
                  s.lattice.rawValue, x.interaction * w, x.interaction, w, x.isInsulating ? "insulator" : "metal",
                  x.quasiparticleWeight, x.pseudoWeight, x.stepHeight,
                  x.kondoPrefactor.isFinite ? String(format: "%.6g", x.kondoPrefactor) : "inf",
                  2 * s.gapHalfWidth * w, s.supportHalfWidth * w)
}

struct IDFTSpectrumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Local spectral function ρ(ω) = A(ω)/2π (per spin, ∫ρ dω = 1): lines 'omega rho', ω in the unit of W.")
    @OptionGroup var model: IDFTModelOptions
    @Option(name: .customShort("u"), help: "Hubbard U in the unit of --bandwidth (0 … 20 W).") var u: Double
    @Option(help: "Frequencies: a:b:n or a,b,c (default: 801 points over the support).") var omegas: ValueList?
    @Flag(help: "Also print Ĩ and the Kohn–Sham bias Ω (columns 3, 4).") var details = false

    func validate() throws {
        try checkInteraction(u, model.bandwidth)
        if let o = omegas, !o.values.allSatisfy(\.isFinite) { throw ValidationError("--omegas must be finite numbers") }
    }

    func run() throws {
        let w = model.bandwidth
        let s = IDFTSpectrum(lattice: model.kind, interaction: u / w)
        let top = 1.05 * s.supportHalfWidth * w
        let uniform: [Double] = (0...800).map { (k: Int) -> Double in -top + 2 * top * Double(k) / 800 }
        let grid: [Double] = omegas?.values ?? uniform
        print(describe(s, w))
        print(details ? "# omega rho current_tilde Omega_KS" : "# omega rho   [omega in the unit of W; rho per unit energy per spin]")
        for o in grid {
            let p = try s.point(bias: o / w)
            if details {
                print(String(format: "%.9e %.9e %.9e %.9e", o, p.density / w, p.current, p.kohnShamBias * w))
            } else {
                print(String(format: "%.9e %.9e", o, p.density / w))
            }
        }
    }
}

struct IDFTXCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xc", abstract: "xc bias V_xc(Ĩ) (Eqs. 11–13, Fig. 1): lines 'I_tilde V_xc dV_xc/dI_tilde', V_xc in the unit of W.")
    @OptionGroup var model: IDFTModelOptions
    @Option(name: .customShort("u"), help: "Hubbard U in the unit of --bandwidth (0 … 20 W).") var u: Double
    @Option(help: "Number of Ĩ points on (−½, ½) (3 … 100000).") var points: Int = 401

    func validate() throws {
        try checkInteraction(u, model.bandwidth)
        guard (3...100_000).contains(points) else { throw ValidationError("--points must be in 3 … 100000 (got \(points))") }
    }

    func run() throws {
        let w = model.bandwidth
        let s = IDFTSpectrum(lattice: model.kind, interaction: u / w)
        print(describe(s, w))
        print(String(format: "# third derivative at 0: Fermi-liquid (Eq. 9) %.9e", s.xc.fermiLiquidThirdDerivative * w))
        print("# I_tilde V_xc dV_xc/dI_tilde")
        for k in 0..<points {
            let i = -0.5 + Double(k) / Double(points - 1)
            print(String(format: "%.9e %.9e %.9e", i, s.xc.value(i) * w, s.xc.derivative(i) * w))
        }
    }
}

struct IDFTParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params", abstract: "Z(U), Z̃(U), U_xc(U), λ_K(U) of the fits (Fig. 1 inset, Figs. S1–S3): lines 'U/W Z Ztilde U_xc/W lambda_K insulating'.")
    @OptionGroup var model: IDFTModelOptions
    @Option(help: "U/W values (0 … 20): a:b:n or a,b,c.") var ratios = ValueList(argument: "0:2.5:51")!

    func validate() throws { for r in ratios.values { try checkInteraction(r, 1, option: "--ratios") } }

    func run() throws {
        let l = model.kind.lowEnergy
        print(String(format: "# lattice %@ rho_s(0)*W %.9f G_s'(0)*W^2 %.9f r=G_s'(0)/G_s(0)^2 %.9f U_c/W %.4g",
                     model.lattice, l.density, l.slope, l.ratio, XCBias.fit(model.kind).criticalInteraction))
        print("# U/W Z Ztilde U_xc/W lambda_K insulating")
        for r in ratios.values {
            let x = XCBias(lattice: model.kind, interaction: r)
            print(String(format: "%.6f %.9e %.9e %.9e %@ %d", r, x.quasiparticleWeight, x.pseudoWeight, x.stepHeight,
                         x.kondoPrefactor.isFinite ? String(format: "%.9e", x.kondoPrefactor) : "inf", x.isInsulating ? 1 : 0))
        }
    }
}

struct IDFTLatticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lattice", abstract: "Kohn–Sham lattice Green's function G_s(ω) (U = 0): lines 'omega rho_s ReG ImG', ω in the unit of W.")
    @OptionGroup var model: IDFTModelOptions
    @Option(help: "Frequencies: a:b:n or a,b,c.") var omegas = ValueList(argument: "-1.2:1.2:241")!

    func validate() throws {
        guard omegas.values.allSatisfy(\.isFinite) else { throw ValidationError("--omegas must be finite numbers") }
    }

    func run() throws {
        let w = model.bandwidth, l = model.kind.lowEnergy
        print(String(format: "# lattice %@ G_s(0) = -%.9f i/W  G_s'(0) = %.9f/W^2  r = %.9f", model.lattice, Double.pi * l.density, l.slope, l.ratio))
        print("# omega rho_s(table) ReG ImG(quadrature)")
        for o in omegas.values {
            let g = try model.kind.green(o / w)
            print(String(format: "%.9e %.9e %.9e %.9e", o, model.kind.density(o / w) / w, g.real / w, g.imaginary / w))
        }
    }
}

struct IDFTBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Speed (build with -c release): one 801-point i-DFT spectrum vs one real-axis IPT solve (2^14 frequencies) at the same U, Bethe lattice.")
    @Option(name: .customShort("u"), help: "U in units of the half bandwidth D = W/2 (0 … 40).") var u: Double = 2
    @Option(help: "IPT temperature (units of D, > 0).") var temperature: Double = 0.01

    func validate() throws {
        try checkInteraction(u, 2)
        guard temperature.isFinite, temperature > 0 else { throw ValidationError("--temperature must be > 0 (got \(temperature))") }
    }

    func run() throws {
        _ = CubicLatticeGreen.shared  // build the cubic table outside the timing
        for lattice in IDFTLattice.allCases {
            let t0 = Date(), c0 = Double(clock()) / Double(CLOCKS_PER_SEC)
            let s = IDFTSpectrum(lattice: lattice, interaction: u / 2)
            let top = 1.05 * s.supportHalfWidth
            let grid: [Double] = (0...800).map { (k: Int) -> Double in -top + 2 * top * Double(k) / 800 }
            let rho = try s.density(at: grid)
            print(String(format: "idft %@ U/W=%.4g: 801-point spectrum %.3e s wall (cpu %.3e s), max rho %.4f",
                         lattice.rawValue, u / 2, Date().timeIntervalSince(t0), Double(clock()) / Double(CLOCKS_PER_SEC) - c0,
                         rho.max() ?? 0))
        }
        let t1 = Date(), c1 = Double(clock()) / Double(CLOCKS_PER_SEC)
        let solver = RealAxisIPTSolver()
        let m = HubbardModel(interaction: u, temperature: temperature, bathCoupling: 7.5e-4)
        let sol = solver.solve(m, seed: u < 3 ? solver.metallicSeed() : solver.insulatingSeed(for: m))
        print(String(format: "ipt bethe U/W=%.4g T=%.4g: one real-axis solve %.3e s wall (cpu %.3e s), %d iterations, converged %@",
                     u / 2, temperature, Date().timeIntervalSince(t1), Double(clock()) / Double(CLOCKS_PER_SEC) - c1,
                     sol.report.iterations, sol.report.converged ? "yes" : "no"))
    }
}
