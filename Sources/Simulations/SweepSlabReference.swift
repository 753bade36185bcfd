import Foundation

/// The V–I curve of the parallel-current slab implied by PH Eq. 11, with hysteresis.
///
/// Metal and insulator are parallel resistors (PH Eq. 32, ρ_I j_I = ρ_M j_M), so for a metal
/// layer of thickness d at mean current density j0 = I/(W h) the field along the slab is
///   E = ρ_I ρ_M j0 h / (ρ_I d + ρ_M (h − d)),   V_s = E L.
/// The layer thickness follows from the interface sitting on a switching temperature,
/// PH Eq. 10 = T_switch, i.e. PH Eq. 11 with ΔT = T_switch − T0:
/// * rising current (branch "up"): metal grows only above T_IMT, d = d_IMT(j0);
/// * falling current after a peak j_max (branch "down"): the layer keeps its thickness
///   d_IMT(j_max) (memory) until its interface cools to T_MIT, then follows d_MIT(j0):
///   d = min(d_IMT(j_max), d_MIT(j0)).
/// With T_IMT = T_MIT both branches coincide and V(I) is PH Fig. 1b, N-shaped: V rises on the
/// insulating branch to V_cr = ρ_I j_cr L at I_cr, falls (negative differential resistance,
/// with dV/dI → −∞ at the onset cusp) to a minimum and rises again.
public struct SlabHysteresisReference: Sendable {
    public var study: SlabStudy
    public init(study: SlabStudy) { self.study = study }

    var forms: SlabClosedForms { study.closedForms }

    /// Closed forms with the switching temperature T (K) in PH Eqs. 9–11.
    func forms(switching t: Double) -> SlabClosedForms {
        var f = forms
        f.switchingTemperature = t
        return f
    }

    public var insulatorToMetal: Double { study.insulatorToMetalTemperature }
    public var metalToInsulator: Double { forms.switchingTemperature }

    /// Metal-layer thickness (m) at current I (A) on the given branch (`peakCurrent` for "down").
    public func layerThickness(current: Double, branch: SweepBranch, peakCurrent: Double) -> Double {
        let j = abs(current) / study.crossSection
        let up = forms(switching: insulatorToMetal).metalLayerThickness(currentDensity: j)
        guard branch == .down else { return up }
        let frozen = forms(switching: insulatorToMetal).metalLayerThickness(currentDensity: abs(peakCurrent) / study.crossSection)
        return min(frozen, forms(switching: metalToInsulator).metalLayerThickness(currentDensity: j))
    }

    /// Field along the slab E (V/m) for a metal layer d (m) at mean current density j0 (A/m²).
    public func field(currentDensity j0: Double, layerThickness d: Double) -> Double {
        let h = forms.thickness, rI = forms.insulatorResistivity, rM = forms.metalResistivity
        return rI * rM * j0 * h / (rI * d + rM * (h - d))
    }

    /// Sample voltage V_s = E L (V) at current I (A) on a branch.
    public func voltage(current: Double, branch: SweepBranch, peakCurrent: Double) -> Double {
        let d = layerThickness(current: current, branch: branch, peakCurrent: peakCurrent)
        let j = current / study.crossSection
        return field(currentDensity: j, layerThickness: d) * study.length
    }

    /// Critical current I_cr = j_cr W h (A) for the switching temperature of a branch (PH Eq. 9).
    public func criticalCurrent(switching t: Double) -> Double {
        forms(switching: t).criticalCurrentDensity * study.crossSection
    }

    /// Insulating resistance ρ_I L / (W h) (Ω).
    public var insulatingResistance: Double { forms.insulatorResistivity * study.length / study.crossSection }

    /// |∮ V dI| (W) of the reference loop 0 → I_peak → 0, by the trapezoidal rule on `samples` points per branch.
    public func loopArea(peakCurrent: Double, samples: Int = 4000) -> Double {
        var sum = 0.0
        for k in 0..<samples {
            let a = peakCurrent * Double(k) / Double(samples), b = peakCurrent * Double(k + 1) / Double(samples)
            let up = 0.5 * (voltage(current: a, branch: .up, peakCurrent: peakCurrent) + voltage(current: b, branch: .up, peakCurrent: peakCurrent))
            let down = 0.5 * (voltage(current: a, branch: .down, peakCurrent: peakCurrent) + voltage(current: b, branch: .down, peakCurrent: peakCurrent))
            sum += (up - down) * (b - a)
        }
        return abs(sum)
    }

    /// Largest relative deviation |V_s − V_ref| / V_ref over the rows of a sweep (rows with
    /// I ≤ 0 skipped), and the row where it occurs. The down branch turns at the largest
    /// current of the sweep.
    public func worstRelativeDeviation(_ result: SweepResult) -> (error: Double, row: SweepRow?) {
        let peak = result.rows.map(\.current).max() ?? 0
        var worst = 0.0
        var at: SweepRow?
        for r in result.rows where r.current > 0 {
            let ref = voltage(current: r.current, branch: r.branch, peakCurrent: peak)
            let e = abs(r.sampleVoltage / ref - 1)
            if e > worst { worst = e; at = r }
        }
        return (worst, at)
    }
}
