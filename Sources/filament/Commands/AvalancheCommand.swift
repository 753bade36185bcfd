import ArgumentParser
import Foundation
import Kernels

/// `filament avalanche`: x0, β_c (AV Eq. 14) and E_av(Γ) from AV Eq. 11 vs the asymptote Eq. 12.
struct AvalancheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avalanche",
        abstract: "Quantum-avalanche threshold: x0, β_c and E_av(Γ) (AV Eqs. 11–14).")
    @Option(help: "Band mass m.") var mass: Double = 0.5
    @Option(name: .customLong("omega0"), help: "Phonon frequency ω0.") var phononFrequency: Double = 0.3
    @Option(help: "Electron–phonon coupling g_ep.") var coupling: Double = 0.1
    @Option(help: "Dephasing rates Γ: a:b:n or list.") var gammas = ValueList(argument: "0.0005,0.001,0.002,0.004")!

    func validate() throws {
        guard mass > 0, phononFrequency > 0, coupling > 0, gammas.values.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("m, ω0, g_ep and Γ must be > 0")
        }
    }

    func run() throws {
        let x0 = try QuantumAvalanche.maximisingArgument()
        let betaC = try QuantumAvalanche.criticalBeta()
        print(String(format: "x0=%.6f beta_c=%.4f", x0, betaC))
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
