import Foundation
import Kernels
import IO

/// Writes a finite-lattice steady state as site and bond tables (CSV), a VTK point cloud
/// (`sites.vtu`) of the sites and the spectra at probe sites.
/// Every file is written atomically. Model units: t = ħ = e = a = k_B = 1.
enum LatticeMapWriter {
    static func write(_ state: LatticeSteadyState, model: FiniteLatticeModel, probes: [Int], to directory: URL,
                      prefix: String = "") throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sample = state.sample
        let vectors = siteCurrentVectors(state)
        var sites = "# site-resolved steady state; x across, y along the field (units of a); delta, teff, energies in t;"
        sites += " currents: particles per unit time (t/hbar), both spins\n"
        sites += "site,slice,nx,ny,x,y,site_energy,potential,delta,density,n_up,n_down,teff,jx,jy,reservoir_inflow,reservoir_heat\n"
        for s in 0..<sample.siteCount {
            let (nx, ny) = sample.latticeCoordinates(s)
            let p = sample.position(s)
            sites += "\(s),\(s / sample.width),\(nx),\(ny),\(f(p.x)),\(f(p.y)),\(f(model.siteEnergies[s])),"
            sites += "\(f(model.potential(s, field: state.field))),\(f(state.orderParameter[s])),\(f(state.density[s])),"
            sites += "\(f(state.densities[0][s])),\(f(state.densities[1][s])),\(f(state.effectiveTemperature[s])),"
            sites += "\(f(vectors[s].x)),\(f(vectors[s].y)),\(f(state.reservoirInflow[s])),\(f(state.reservoirHeat[s]))\n"
        }
        try atomic(sites, directory.appendingPathComponent(prefix + "sites.csv"))
        var bonds = "# bond particle currents (both spins, t/hbar), positive from -> to\nfrom,to,x_from,y_from,x_to,y_to,current\n"
        for (b, bond) in sample.bonds.enumerated() {
            let (p, q) = (sample.position(bond.from), sample.position(bond.to))
            bonds += "\(bond.from),\(bond.to),\(f(p.x)),\(f(p.y)),\(f(q.x)),\(f(q.y)),\(f(state.bondCurrents[b]))\n"
        }
        try atomic(bonds, directory.appendingPathComponent(prefix + "bonds.csv"))
        let cloud = directory.appendingPathComponent(prefix + "sites.vtu")
        do { try siteCloud(state, vectors: vectors).write(to: cloud) } catch {
            throw LatticeOutputError("cannot write \(cloud.path): \(error.localizedDescription)")
        }
        if !state.probeSpectral.isEmpty {
            var spectra = "# spin-averaged A(omega) (1/t) and f(omega) at probe sites; omega in t (global frame, mu_r = potential)\nsite,mu,omega,A,f\n"
            for (p, s) in probes.enumerated() {
                let mu = model.potential(s, field: state.field)
                for k in state.probeFrequencies.indices where state.probeSpectral[p][k] > 0 {
                    spectra += "\(s),\(f(mu)),\(f(state.probeFrequencies[k])),\(f(state.probeSpectral[p][k])),\(f(state.probeDistribution[p][k]))\n"
                }
            }
            try atomic(spectra, directory.appendingPathComponent(prefix + "distributions.csv"))
        }
    }

    /// J_r = ½ Σ_{bonds b ∋ r} I_b ê_b: the current through a site, for arrows.
    static func siteCurrentVectors(_ state: LatticeSteadyState) -> [(x: Double, y: Double)] {
        let sample = state.sample
        var v = [(x: Double, y: Double)](repeating: (0, 0), count: sample.siteCount)
        for (b, bond) in sample.bonds.enumerated() {
            let (p, q) = (sample.position(bond.from), sample.position(bond.to))
            var (dx, dy) = (q.x - p.x, q.y - p.y)
            let length = hypot(dx, dy)
            if length > 1.5 {  // a periodic wrap bond: use the short direction
                dx = dx > 0 ? dx - sample.transverseWidth : dx + sample.transverseWidth
            }
            let norm = hypot(dx, dy)
            let i = state.bondCurrents[b]
            for s in [bond.from, bond.to] {
                v[s].x += 0.5 * i * dx / norm
                v[s].y += 0.5 * i * dy / norm
            }
        }
        return v
    }

    /// The sites as a VTK point cloud (`sites.vtu`, the project's one VTK writer): ParaView Glyph on
    /// `current`, colour by `delta`; meshio and pyvista read it as well.
    private static func siteCloud(_ state: LatticeSteadyState, vectors: [(x: Double, y: Double)]) -> VTKWriter {
        let n = state.sample.siteCount
        var writer = VTKWriter(points: (0..<n).map { s in
            let p = state.sample.position(s)
            return SIMD3(p.x, p.y, 0)
        }, unit: "a")
        writer.addScalar("delta [t]", state.orderParameter)
        writer.addScalar("density", state.density)
        writer.addScalar("teff [t]", state.effectiveTemperature)
        writer.addVector("current [t/hbar]", [vectors.map(\.x), vectors.map(\.y), [Double](repeating: 0, count: n)])
        writer.activeScalars = "delta [t]"
        writer.fieldData = [("field [t/(e a)]", state.field)]
        return writer
    }

    static func f(_ x: Double) -> String { String(format: "%.9g", x) }

    static func atomic(_ text: String, _ url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw LatticeOutputError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

/// An error with a plain message for the user.
struct LatticeOutputError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
