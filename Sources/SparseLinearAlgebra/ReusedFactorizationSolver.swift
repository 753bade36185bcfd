/// Solves a sequence of nearby symmetric positive definite systems with as few numeric
/// factorisations as possible.
///
/// When the matrix equals the one last factorised it is a direct solve. Otherwise the old
/// factors precondition a conjugate-gradient iteration (a few phase switches or a changed
/// diagonal are low-rank or small perturbations, so PCG needs only a handful of steps);
/// when PCG has not reached the tolerance within `maxIterations`, the new matrix is
/// factorised and solved directly. The convergence test uses the true residual
/// ‖b − A x‖₂ ≤ tolerance · ‖b‖₂, recomputed at exit: no unconverged answer is returned.
/// A caller that needs less (an inner solve of a nonlinear iteration) sets `errorTolerance`:
/// CG then also stops when the preconditioned residual z = M⁻¹ r, which is close to the
/// error A⁻¹ r because M is the factorisation of a nearby matrix, has max |z| ≤
/// errorTolerance · max |x|.
public final class ReusedFactorizationSolver: SymmetricSystemSolver {
    public let factorization: SparseFactorization
    public var tolerance: Double
    public var maxIterations: Int
    /// Accepted estimated error relative to the solution (max norm); 0: residual test only.
    public var errorTolerance: Double = 0
    public private(set) var pcgIterations = 0
    public private(set) var pcgSolves = 0
    public private(set) var directSolves = 0
    private var factoredValues: [Double]?
    private var factoredPattern: SparsityPattern?

    public init(factorization: SparseFactorization, tolerance: Double = 1e-13, maxIterations: Int = 40) {
        self.factorization = factorization
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    public func solve(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]? = nil) throws -> [Double] {
        if let values = factoredValues, factoredPattern === a.pattern, values == a.values {
            directSolves += 1
            return try factorization.solve(b)
        }
        if factoredPattern === a.pattern, let x = try conjugateGradient(a, b, initialGuess: initialGuess) {
            pcgSolves += 1
            return x
        }
        try factorization.factorize(a)
        factoredValues = a.values
        factoredPattern = a.pattern
        directSolves += 1
        return try factorization.solve(b)
    }

    public var iterationCount: Int { pcgIterations }

    public var summary: String {
        "\(factorization.statistics.numericCount) factorisations, \(pcgSolves) PCG solves (\(pcgIterations) its)"
    }

    public var factorizationStatistics: FactorizationStatistics { factorization.statistics }

    /// Preconditioned CG; nil when it does not converge within `maxIterations`.
    private func conjugateGradient(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]?) throws -> [Double]? {
        let n = b.count
        let bNorm = norm(b)
        guard bNorm > 0 else { return [Double](repeating: 0, count: n) }
        var x = try initialGuess ?? factorization.solve(b)
        var ax = a.multiply(x)
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = b[i] - ax[i] }
        if norm(r) <= tolerance * bNorm { return x }
        var z = try factorization.solve(r)
        if errorAccepted(z, x) { return x }
        var p = z
        var rz = dot(r, z)
        for _ in 0..<maxIterations {
            pcgIterations += 1
            a.multiply(p, into: &ax)
            let alpha = rz / dot(p, ax)
            for i in 0..<n { x[i] += alpha * p[i]; r[i] -= alpha * ax[i] }
            if norm(r) <= tolerance * bNorm {
                a.multiply(x, into: &ax)
                for i in 0..<n { r[i] = b[i] - ax[i] }
                if norm(r) <= 10 * tolerance * bNorm { return x }
            }
            z = try factorization.solve(r)
            if errorAccepted(z, x) { return x }
            let rzNext = dot(r, z)
            let beta = rzNext / rz
            rz = rzNext
            for i in 0..<n { p[i] = z[i] + beta * p[i] }
        }
        return nil
    }

    /// max |z| ≤ errorTolerance · max |x| (z: the preconditioned residual, an error estimate).
    private func errorAccepted(_ z: [Double], _ x: [Double]) -> Bool {
        guard errorTolerance > 0 else { return false }
        let scale = x.reduce(0) { max($0, abs($1)) }
        return z.reduce(0) { max($0, abs($1)) } <= errorTolerance * scale
    }

    private func dot(_ u: [Double], _ v: [Double]) -> Double {
        var s = 0.0
        for i in 0..<u.count { s += u[i] * v[i] }
        return s
    }

    private func norm(_ u: [Double]) -> Double { dot(u, u).squareRoot() }
}
