import ArgumentParser
import Foundation
import Kernels

/// `filament avalanche …`: the quantum-avalanche threshold of AV (Chen & Han, PRB 109, 054307)
/// at T = 0 (Eqs. 11–14) and at finite temperature (Eq. 15, C3–C4). Plain-number output, model
/// units ħ = e = k_B = 1 (docs/kernels-avalanche.md).
struct AvalancheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avalanche",
        abstract: "Quantum-avalanche threshold (AV Eqs. 11–16): constants, E_av sweeps, λ(E), phase diagram, E_av(T).",
        subcommands: [AvalancheField.self, AvalancheConstants.self, AvalancheSweep.self, AvalancheLambda.self,
                      AvalanchePhase.self, AvalancheWindow.self, AvalancheTemperature.self],
        defaultSubcommand: AvalancheField.self)
}

/// Model parameters shared by the avalanche commands, checked with the option named in the message.
struct AvalancheModelOptions: ParsableArguments {
    @Option(help: "Band mass m (> 0).") var mass: Double = 0.5
    @Option(name: .customLong("omega0"), help: "Phonon frequency ω0 (> 0).") var phononFrequency: Double = 0.3
    @Option(help: "Electron–phonon coupling g_ep (> 0).") var coupling: Double = 0.1
    @Option(help: "Dephasing rate Γ (> 0).") var gamma: Double = 0.002

    func validate() throws {
        try requirePositive(mass, "--mass")
        try requirePositive(phononFrequency, "--omega0")
        try requirePositive(coupling, "--coupling")
        try requirePositive(gamma, "--gamma")
    }

    var model: QuantumAvalanche {
        QuantumAvalanche(mass: mass, phononFrequency: phononFrequency, coupling: coupling, damping: gamma)
    }
}

fileprivate func requirePositive(_ value: Double, _ option: String) throws {
    guard value.isFinite, value > 0 else { throw ValidationError("\(option) must be a finite number > 0 (got \(value))") }
}

fileprivate func requirePositive(_ list: ValueList, _ option: String) throws {
    for v in list.values { try requirePositive(v, option) }
}

/// Prints a value or "nan" when there is no avalanche.
fileprivate func avalancheText(_ v: Double?) -> String { v.map { String(format: "%.9e", $0) } ?? "nan" }

/// `filament avalanche [field]`: x0, β_c and E_av(Γ) from Eq. 11 against Eqs. 12 and B3.
struct AvalancheField: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "field", abstract: "E_av(Γ) from Eq. 11 vs the asymptotes Eq. 12 and B3 (first line: x0 and β_c).")
    @Option(help: "Band mass m (> 0).") var mass: Double = 0.5
    @Option(name: .customLong("omega0"), help: "Phonon frequency ω0 (> 0).") var phononFrequency: Double = 0.3
    @Option(help: "Electron–phonon coupling g_ep (> 0).") var coupling: Double = 0.1
    @Option(help: "Dephasing rates Γ (> 0): a:b:n or a,b,c.") var gammas = ValueList(argument: "0.0005,0.001,0.002,0.004")!

    func validate() throws {
        try requirePositive(mass, "--mass")
        try requirePositive(phononFrequency, "--omega0")
        try requirePositive(coupling, "--coupling")
        try requirePositive(gammas, "--gammas")
    }

    func run() throws {
        print(String(format: "x0=%.17g beta_c=%.17g", try QuantumAvalanche.maximisingArgument(), try QuantumAvalanche.criticalBeta()))
        print("# Gamma beta E_av(Eq.11) E_av(Eq.12) Eq.12/Eq.11 E_av(Eq.B3,two-term)")
        for g in gammas.values {
            let model = QuantumAvalanche(mass: mass, phononFrequency: phononFrequency, coupling: coupling, damping: g)
            let exact = try model.avalancheField()
            let asym = model.asymptoticAvalancheField
            let exactText = exact.map { String(format: "%.6e", $0) } ?? "none"
            let ratio = exact.map { String(format: "%.4f", asym / $0) } ?? "-"
            print(String(format: "%.6e %.4f ", g, model.beta) + exactText + String(format: " %.6e ", asym) + ratio
                  + String(format: " %.6e", model.twoTermAsymptoticAvalancheField))
        }
    }
}

/// `filament avalanche constants`: x0, β_c, max x K0(x) to full double precision.
struct AvalancheConstants: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "constants", abstract: "x0 (maximum of x K0(x)), max x K0(x) and β_c = 4/(x0 K0(x0)) (AV Eq. 14), 17 digits.")

    func run() throws {
        let x0 = try QuantumAvalanche.maximisingArgument()
        print(String(format: "x0 %.17g", x0))
        print(String(format: "max_xK0 %.17g", try QuantumAvalanche.maximumOfXK0()))
        print(String(format: "beta_c %.17g", try QuantumAvalanche.criticalBeta()))
        print(String(format: "residual_K0-xK1 %.3e", try GSL.besselK0(x0) - x0 * GSL.besselK1(x0)))
    }
}

/// `filament avalanche sweep`: E_av against Γ, ω0 or g (AV Figs. 3a, 4a, 4b).
struct AvalancheSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "E_av against one parameter (gamma: Fig. 3a, omega0: Fig. 4a, coupling: Fig. 4b). Columns: value beta E_av E_up E_av(Eq.12); nan = no avalanche.")
    @OptionGroup var model: AvalancheModelOptions
    @Option(help: "Swept parameter: gamma, omega0, coupling or mass.") var vary: String = "gamma"
    @Option(help: "Values of the swept parameter (> 0): a:b:n or a,b,c.") var values = ValueList(argument: "0.0005:0.006:12")!

    func validate() throws {
        guard ["gamma", "omega0", "coupling", "mass"].contains(vary) else {
            throw ValidationError("--vary must be gamma, omega0, coupling or mass (got '\(vary)')")
        }
        try requirePositive(values, "--values")
    }

    func run() throws {
        print("# \(vary) beta E_av(Eq.11) E_up(Eq.11) E_av(Eq.12)   [m=\(model.mass) omega0=\(model.phononFrequency) g=\(model.coupling) Gamma=\(model.gamma); swept: \(vary)]")
        for v in values.values {
            var m = model.model
            switch vary {
            case "gamma": m.damping = v
            case "omega0": m.phononFrequency = v
            case "coupling": m.coupling = v
            default: m.mass = v
            }
            let asym = m.beta > (32 / Double.pi).squareRoot() ? String(format: "%.9e", m.asymptoticAvalancheField) : "nan"
            print(String(format: "%.9e %.9e ", v, m.beta) + avalancheText(try m.avalancheField()) + " "
                  + avalancheText(try m.upperField()) + " " + asym)
        }
    }
}

/// `filament avalanche lambda`: λ(E) of Eq. 11 for several couplings (AV Fig. 4c).
struct AvalancheLambda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda", abstract: "λ(E) of Eq. 11 (Fig. 4c): one row per field, one column per coupling.")
    @OptionGroup var model: AvalancheModelOptions
    @Option(help: "Couplings g_ep (> 0): a:b:n or a,b,c.") var couplings = ValueList(argument: "0.06,0.08,0.1,0.12")!
    @Option(help: "Fields E (> 0): a:b:n or a,b,c.") var fields = ValueList(argument: "0.0005:0.02:40")!

    func validate() throws {
        try requirePositive(couplings, "--couplings")
        try requirePositive(fields, "--fields")
    }

    func run() throws {
        print("# E " + couplings.values.map { "lambda(g=\($0))" }.joined(separator: " ")
              + "   [m=\(model.mass) omega0=\(model.phononFrequency) Gamma=\(model.gamma)]")
        for e in fields.values {
            var row = String(format: "%.9e", e)
            for g in couplings.values {
                var m = model.model
                m.coupling = g
                row += String(format: " %.9e", try m.enhancement(field: e))
            }
            print(row)
        }
    }
}

/// `filament avalanche phase`: the Γ–g phase boundary β = β_c (AV Fig. 5a).
struct AvalanchePhase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase", abstract: "Γ–g phase boundary β = β_c (Fig. 5a): columns Gamma g_c; with --couplings also the E_av map (Gamma g beta E_av).")
    @OptionGroup var model: AvalancheModelOptions
    @Option(help: "Dephasing rates Γ (> 0): a:b:n or a,b,c.") var gammas = ValueList(argument: "0.0005:0.008:16")!
    @Option(help: "Optional couplings g (> 0) for an E_av map over (Γ, g).") var couplings: ValueList?

    func validate() throws {
        try requirePositive(gammas, "--gammas")
        if let c = couplings { try requirePositive(c, "--couplings") }
    }

    func run() throws {
        print(String(format: "# beta_c %.17g; avalanche for g > g_c(Gamma) = sqrt(beta_c Gamma sqrt(omega0^3/2m))   [m=%g omega0=%g]",
                     try QuantumAvalanche.criticalBeta(), model.mass, model.phononFrequency))
        print("# Gamma g_c")
        for g in gammas.values {
            var m = model.model
            m.damping = g
            print(String(format: "%.9e %.9e", g, try m.criticalCoupling))
        }
        guard let couplings else { return }
        print("# map: Gamma g beta E_av")
        for g in gammas.values {
            for c in couplings.values {
                var m = model.model
                m.damping = g
                m.coupling = c
                print(String(format: "%.9e %.9e %.9e ", g, c, m.beta) + avalancheText(try m.avalancheField()))
            }
        }
    }
}

/// `filament avalanche window`: the field window λ(E) ≥ 1 as g approaches g_c (cf. AV Fig. 4d).
struct AvalancheWindow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window", abstract: "Window E_av ≤ E ≤ E_up where λ(E) ≥ 1, against g (closes at g_c; cf. Fig. 4d). Columns: g beta E_av E_up.")
    @OptionGroup var model: AvalancheModelOptions
    @Option(help: "Couplings g_ep (> 0): a:b:n or a,b,c.") var couplings = ValueList(argument: "0.02:0.1:17")!

    func validate() throws { try requirePositive(couplings, "--couplings") }

    func run() throws {
        var m = model.model
        print(String(format: "# g_c %.9e (beta = beta_c); closing field E_c = 2 Gamma sqrt(2 m omega0)/x0 = %.9e",
                      try m.criticalCoupling, m.fieldScale / (try QuantumAvalanche.maximisingArgument())))
        print("# g beta E_av E_up")
        for c in couplings.values {
            m.coupling = c
            print(String(format: "%.9e %.9e ", c, m.beta) + avalancheText(try m.avalancheField()) + " " + avalancheText(try m.upperField()))
        }
    }
}

/// `filament avalanche temperature`: E_av(T) with Γ_eff = Γ(1 + β n_b/4) and T* (AV Fig. 5b).
struct AvalancheTemperature: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temperature",
        abstract: "E_av(T) with Γ_eff = Γ(1 + β n_b/4) (Eq. C3) and T* = ω0/ln(1+β) (Eq. C4). Columns: T n_b Gamma_eff beta_eff E_av.")
    @OptionGroup var model: AvalancheModelOptions
    @Option(help: "Bath temperatures T (≥ 0, k_B = 1): a:b:n or a,b,c.") var temperatures = ValueList(argument: "0:0.15:31")!

    func validate() throws {
        for t in temperatures.values where !(t.isFinite && t >= 0) {
            throw ValidationError("--temperatures must be finite numbers ≥ 0 (got \(t))")
        }
    }

    func run() throws {
        let thermal = ThermalAvalanche(model.model)
        let extinct = try thermal.extinctionTemperature()
        print(String(format: "# beta %.9e T* %.9e T*/omega0 %.6f T_extinct %@   [m=%g omega0=%g g=%g Gamma=%g]",
                     model.model.beta, thermal.activationTemperature, thermal.activationTemperature / model.phononFrequency,
                     extinct.map { String(format: "%.9e", $0) } ?? "nan", model.mass, model.phononFrequency, model.coupling, model.gamma))
        print("# T n_b Gamma_eff beta_eff E_av")
        for t in temperatures.values {
            let m = thermal.model(temperature: t)
            print(String(format: "%.9e %.9e %.9e %.9e ", t, thermal.boseOccupation(temperature: t), m.damping, m.beta)
                  + avalancheText(try m.avalancheField()))
        }
    }
}
