@testable import Simulations

extension Fig2Study {
    /// The Fig. 2 film (W = L) at half the Fig. 2a current, on a coarse grid with 0.1 mm
    /// electrode half-width: a small metal pocket at the negative electrode that every phase
    /// coupling converges to. Shared set-up of the fast coupling, sequencing and relaxation tests.
    static func halfDrive(cells: (x: Int, y: Int, z: Int) = (10, 9, 3)) -> Fig2Study {
        var study = Fig2Study()
        study.film.cells = cells
        study.film.electrodeHalfWidth = 1e-4
        study.jouleStrength = 0.2 * 0.5 * 0.5
        study.peltierStrength = -0.2 * 0.5
        study.rampSteps = 4
        return study
    }
}
