import Foundation
import IO
import Mesh
import Discretization
import Solvers

/// The critical radius r_c of PH (Eqs. 13–14) as a calibration observable: the metal depth
/// d = Σ_z φ Δz along the cell row through a top-surface electrode, and where it reaches zero.
enum CriticalRadiusObservable {
    static func electrode(_ name: String, _ electrodes: [Electrode]) -> Electrode? {
        electrodes.first { $0.name == name }
    }

    static func check(_ name: String, on device: DeviceCase) throws {
        guard let e = electrode(name, device.problem.electrodes) else {
            throw CalibrationInputError("observable r_c(\(name)): no electrode '\(name)'; the file names \(device.problem.electrodes.map(\.name).joined(separator: ", "))")
        }
        guard e.patch.face == .zMax else {
            throw CalibrationInputError("observable r_c(\(name)): the electrode lies on \(e.patch.face), not on the top surface z_max; r_c is the radius of the metal around a top electrode")
        }
    }

    /// The row through the electrode: along x from its centre (or from x = 0 / x = L when the
    /// electrode touches that face), at the y of its centre (or the first/last row).
    static func value(_ name: String, _ s: SteadySolution) -> Double {
        guard let e = electrode(name, s.model.electrodes) else { return .nan }
        let g = s.grid
        let lx = g.x.length, ly = g.y.length
        let u = e.patch.uRange ?? 0...lx, v = e.patch.vRange ?? 0...ly
        let tol = 1e-9 * max(lx, ly)
        let yc = v.lowerBound <= tol ? 0 : (v.upperBound >= ly - tol ? ly : (v.lowerBound + v.upperBound) / 2)
        let j = (0..<g.ny).min { abs(g.y.center($0) - yc) < abs(g.y.center($1) - yc) }!
        let forward = u.upperBound < lx - tol
        let x0 = u.lowerBound <= tol ? 0 : (!forward ? lx : (u.lowerBound + u.upperBound) / 2)
        var profile: [(r: Double, d: Double)] = []
        for i in 0..<g.nx {
            let r = forward ? g.x.center(i) - x0 : x0 - g.x.center(i)
            guard r >= 0 else { continue }
            var d = 0.0
            for k in 0..<g.nz { d += s.state.metalFraction[g.index(i, j, k)] * g.z.width(k) }
            profile.append((r, d))
        }
        profile.sort { $0.r < $1.r }
        return CriticalRadiusStudy.zeroCrossing(profile)
    }
}
