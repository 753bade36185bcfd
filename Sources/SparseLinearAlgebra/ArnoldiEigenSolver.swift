import Foundation
import _CARPACK

/// One eigenvalue λ = re + i·im of the pencil J x = λ C x with its eigenvector x (real and
/// imaginary parts; the imaginary part is all zeros for a real λ) and its relative residual
/// ‖J x − λ C x‖ / (‖J x‖ + |λ| ‖C x‖).
public struct GeneralizedEigenpair: Sendable {
    public var real: Double
    public var imaginary: Double
    public var vectorReal: [Double]
    public var vectorImaginary: [Double]
    public var residual: Double
}

/// The eigenvalues an Arnoldi run found, with how far it got.
public struct ArnoldiResult: Sendable {
    /// Converged eigenpairs, largest real part first.
    public var pairs: [GeneralizedEigenpair]
    /// Eigenvalues asked for, and Ritz values ARPACK reported converged.
    public var requested: Int
    public var converged: Int
    /// Restarts of the implicitly restarted Arnoldi iteration, and operator applications
    /// (one sparse triangular solve pair each).
    public var restarts: Int
    public var operatorApplications: Int
    public var shift: Double
}

/// Eigenvalues of the generalised problem J x = λ C x nearest a real shift σ, with C
/// diagonal and ≥ 0 (zero rows are algebraic constraints: their eigenvalues are infinite and
/// are not found). ARPACK's implicitly restarted Arnoldi method (dnaupd/dneupd) runs on the
/// shift-inverted operator OP = (J − σC)⁻¹ C, whose eigenvalues ν = 1/(λ − σ) are largest
/// in magnitude for the λ nearest σ; J − σC is factorised once by UMFPACK.
///
/// The residual of every pair is computed here from J and C themselves, independent of
/// ARPACK's own convergence test.
public enum ArnoldiEigenSolver {
    public enum Failure: Error, CustomStringConvertible {
        case invalidInput(String)
        case library(stage: String, info: Int)

        public var description: String {
            switch self {
            case let .invalidInput(what): return "eigen-solve: \(what)"
            case let .library(stage, info): return "eigen-solve: ARPACK \(stage) failed (info \(info))"
            }
        }
    }

    /// The `count` eigenvalues of J x = λ C x nearest `shift` (1/s when C is a heat capacity
    /// and J a heat-balance Jacobian). `tolerance` is ARPACK's relative accuracy of the Ritz
    /// values of OP; `maxRestarts` bounds the restarts. A run that stops at the restart limit
    /// returns the pairs converged so far (possibly none) — callers must check `converged`.
    public static func eigenvalues(jacobian: SparseMatrix, capacity: [Double], shift: Double = 0, count: Int = 6,
                                   tolerance: Double = 1e-10, maxRestarts: Int = 300,
                                   factorization: SparseFactorization = UMFPACKFactorization()) throws -> ArnoldiResult {
        let n = jacobian.dimension
        guard capacity.count == n else { throw Failure.invalidInput("the capacity has \(capacity.count) entries, the matrix \(n)") }
        guard capacity.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw Failure.invalidInput("the capacity must be finite and ≥ 0") }
        let dynamic = capacity.filter { $0 > 0 }.count
        guard dynamic >= 3 else { throw Failure.invalidInput("fewer than 3 unknowns carry a capacity") }
        let nev = max(1, min(count, dynamic - 2))
        let ncv = min(dynamic, max(2 * nev + 1, 20), n)
        var shifted = jacobian
        for i in 0..<n where capacity[i] != 0 {
            guard let slot = jacobian.pattern.slot(row: i, col: i) else {
                throw Failure.invalidInput("row \(i) carries a capacity but has no diagonal entry")
            }
            shifted.values[slot] -= shift * capacity[i]
        }
        try factorization.factorize(shifted)
        let arnoldi = try iterate(n: n, nev: nev, ncv: ncv, tolerance: tolerance, maxRestarts: maxRestarts) { x in
            try factorization.solve(zip(capacity, x).map { $0 * $1 })
        }
        var pairs = arnoldi.ritz.compactMap { ritz -> GeneralizedEigenpair? in
            let magnitude = ritz.re * ritz.re + ritz.im * ritz.im
            guard magnitude > 0, magnitude.isFinite else { return nil }
            // λ = σ + 1/ν
            var pair = GeneralizedEigenpair(real: shift + ritz.re / magnitude, imaginary: -ritz.im / magnitude,
                                            vectorReal: ritz.x, vectorImaginary: ritz.y, residual: 0)
            pair.residual = residual(of: pair, jacobian: jacobian, capacity: capacity)
            return pair
        }
        pairs.sort { $0.real > $1.real }
        return ArnoldiResult(pairs: pairs, requested: nev, converged: arnoldi.converged, restarts: arnoldi.restarts,
                             operatorApplications: arnoldi.applications, shift: shift)
    }

    /// ‖J x − λ C x‖₂ / (‖J x‖₂ + |λ| ‖C x‖₂) for complex λ and x.
    public static func residual(of pair: GeneralizedEigenpair, jacobian: SparseMatrix, capacity: [Double]) -> Double {
        let (a, b) = (pair.real, pair.imaginary)
        let jr = jacobian.multiply(pair.vectorReal), ji = jacobian.multiply(pair.vectorImaginary)
        var r2 = 0.0, j2 = 0.0, c2 = 0.0
        for i in 0..<jr.count {
            let cr = capacity[i] * pair.vectorReal[i], ci = capacity[i] * pair.vectorImaginary[i]
            let rr = jr[i] - a * cr + b * ci, ri = ji[i] - a * ci - b * cr
            r2 += rr * rr + ri * ri
            j2 += jr[i] * jr[i] + ji[i] * ji[i]
            c2 += cr * cr + ci * ci
        }
        let scale = j2.squareRoot() + (a * a + b * b).squareRoot() * c2.squareRoot()
        return scale > 0 ? r2.squareRoot() / scale : .infinity
    }

    /// Ritz values ν = re + i·im of OP with their vectors x + i·y.
    private struct Ritz { var re: Double; var im: Double; var x: [Double]; var y: [Double] }

    /// ARPACK's reverse-communication loop (mode 1, standard problem for OP, largest |ν|),
    /// then the Ritz vectors.
    private static func iterate(n: Int, nev: Int, ncv: Int, tolerance: Double, maxRestarts: Int,
                                apply: ([Double]) throws -> [Double])
        throws -> (ritz: [Ritz], converged: Int, restarts: Int, applications: Int) {
        var ido: Int32 = 0, info: Int32 = 0
        var resid = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: n * ncv)
        var iparam = [Int32](repeating: 0, count: 11)
        iparam[0] = 1                     // exact shifts
        iparam[2] = Int32(maxRestarts)    // restarts allowed
        iparam[6] = 1                     // mode 1: OP x = λ x
        var ipntr = [Int32](repeating: 0, count: 14)
        var workd = [Double](repeating: 0, count: 3 * n)
        let lworkl = 3 * ncv * ncv + 6 * ncv
        var workl = [Double](repeating: 0, count: lworkl)
        var applications = 0
        while true {
            dnaupd_c(&ido, "I", Int32(n), "LM", Int32(nev), tolerance, &resid, Int32(ncv), &v, Int32(n),
                     &iparam, &ipntr, &workd, &workl, Int32(lworkl), &info)
            guard ido == -1 || ido == 1 else { break }
            let input = Int(ipntr[0]) - 1, output = Int(ipntr[1]) - 1
            let y = try apply(Array(workd[input..<(input + n)]))
            workd.replaceSubrange(output..<(output + n), with: y)
            applications += 1
        }
        // info 1: restart limit reached, the converged Ritz values are still usable
        guard info == 0 || info == 1 else { throw Failure.library(stage: "dnaupd", info: Int(info)) }
        let converged = Int(iparam[4])
        guard converged > 0 else { return ([], 0, Int(iparam[2]), applications) }
        var select = [Int32](repeating: 0, count: ncv)
        var dr = [Double](repeating: 0, count: nev + 1), di = [Double](repeating: 0, count: nev + 1)
        var z = [Double](repeating: 0, count: n * (nev + 1))
        var workev = [Double](repeating: 0, count: 3 * ncv)
        var einfo: Int32 = 0
        dneupd_c(1, "A", &select, &dr, &di, &z, Int32(n), 0, 0, &workev, "I", Int32(n), "LM", Int32(nev), tolerance,
                 &resid, Int32(ncv), &v, Int32(n), &iparam, &ipntr, &workd, &workl, Int32(lworkl), &einfo)
        guard einfo == 0 else { throw Failure.library(stage: "dneupd", info: Int(einfo)) }
        let found = min(Int(iparam[4]), nev + 1)
        var ritz: [Ritz] = []
        var j = 0
        while j < found {
            let x = Array(z[(j * n)..<((j + 1) * n)])
            if di[j] != 0, j + 1 <= nev {
                // a complex pair: columns j, j+1 hold the real and imaginary parts
                let y = Array(z[((j + 1) * n)..<((j + 2) * n)])
                ritz.append(Ritz(re: dr[j], im: di[j], x: x, y: y))
                ritz.append(Ritz(re: dr[j], im: -di[j], x: x, y: y.map { -$0 }))
                j += 2
            } else {
                ritz.append(Ritz(re: dr[j], im: 0, x: x, y: [Double](repeating: 0, count: n)))
                j += 1
            }
        }
        return (ritz, converged, Int(iparam[2]), applications)
    }
}
