import _CLAPACK

/// All eigenvalues of a small dense generalised problem A x = λ B x by LAPACK's QZ algorithm
/// (dggev). Meant as an independent reference for `ArnoldiEigenSolver` on matrices of a few
/// hundred rows; B may be singular (its infinite eigenvalues are left out).
public enum DenseGeneralizedEigenvalues {
    /// Finite eigenvalues (re, im), largest real part first. `a` and `b` are row-major n×n.
    public static func eigenvalues(_ a: [Double], _ b: [Double], n: Int) throws -> [(re: Double, im: Double)] {
        guard a.count == n * n, b.count == n * n, n > 0 else {
            throw ArnoldiEigenSolver.Failure.invalidInput("dense matrices must be \(n)×\(n)")
        }
        // LAPACK is column-major: pass the transposes' storage, i.e. transpose here
        var ac = [Double](repeating: 0, count: n * n), bc = ac
        for i in 0..<n { for j in 0..<n { ac[i + n * j] = a[i * n + j]; bc[i + n * j] = b[i * n + j] } }
        var nn = Int32(n), one: Int32 = 1, info: Int32 = 0
        var ar = [Double](repeating: 0, count: n), ai = ar, beta = ar
        var left = [Double](repeating: 0, count: 1), right = left
        var lwork = Int32(max(1, 8 * n + 16))
        var work = [Double](repeating: 0, count: Int(lwork))
        dggev_("N", "N", &nn, &ac, &nn, &bc, &nn, &ar, &ai, &beta, &left, &one, &right, &one, &work, &lwork, &info)
        guard info == 0 else { throw ArnoldiEigenSolver.Failure.library(stage: "LAPACK dggev", info: Int(info)) }
        let scale = beta.map(abs).max() ?? 0
        var values: [(re: Double, im: Double)] = []
        for k in 0..<n where abs(beta[k]) > 1e-13 * scale { values.append((ar[k] / beta[k], ai[k] / beta[k])) }
        return values.sorted { $0.re > $1.re }
    }
}
