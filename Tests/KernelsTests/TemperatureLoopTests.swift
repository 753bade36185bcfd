import Foundation
import Testing
@testable import Kernels

/// Switching temperatures at fixed U on both sides of the coexistence region (Matsubara IPT,
/// square lattice, Γ = 7.5e-4). The single-orbital model's coexistence region leans left (DHM
/// Fig. 1a): at U = 2.65 the metal is lost on heating where U_c2(T) = U and the insulator on
/// cooling where U_c1(T) = U (from `dmft coexistence --lattice square`: U_c1(0.01) = 2.649,
/// U_c2(0.03) = 2.713), a closed loop with the metal on the cold side. The dimer model's region
/// leans right (DHM Fig. 1b): at U = 2.5 only the heated insulator is lost, nothing on cooling.
@Suite struct TemperatureLoopTests {
    func sweep(u: Double, tPerp: Double) -> SwitchingTemperatures {
        let m = HubbardModel(lattice: .square, interaction: u, interorbitalHopping: tPerp, temperature: 0.006, bathCoupling: 7.5e-4)
        let ts = stride(from: 0.006, through: 0.042, by: 0.004).map { $0 }
        return TemperatureSweep(template: m).switchingTemperatures(ts, resolution: 1e-3)
    }

    @Test func singleOrbitalModelHasAClosedLoopWithTheMetalOnTheColdSide() {
        let r = sweep(u: 2.65, tPerp: 0)
        let heat = r.metalOnHeating ?? .nan, cool = r.insulatorOnCooling ?? .nan
        #expect(heat > 0.030 && heat < 0.036, "metal lost on heating at \(heat)")
        #expect(cool > 0.008 && cool < 0.012, "insulator lost on cooling at \(cool)")
        #expect(r.insulatorOnHeating == nil)
    }

    @Test func dimerModelLosesOnlyTheHeatedInsulator() {
        let r = sweep(u: 2.5, tPerp: 0.3)
        let imt = r.insulatorOnHeating ?? .nan
        #expect(abs(imt - 0.023) < 0.0015, "T_IMT \(imt)")
        #expect(r.insulatorOnCooling == nil && r.metalOnCooling == nil && r.metalOnHeating == nil)
    }
}
