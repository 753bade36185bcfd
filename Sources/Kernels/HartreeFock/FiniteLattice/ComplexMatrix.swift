import _CLAPACK

extension HartreeFock {
    /// A dense square complex matrix (column-major, real and imaginary parts interleaved) with the
    /// few operations the slice recursion needs, done by OpenBLAS (zgemm, zgesv). This is the only
    /// Swift code that touches the `_CLAPACK` C interface; no pointer leaves it.
    struct ComplexMatrix: Sendable {
        let n: Int
        /// 2·n·n doubles: element (i, j) at 2(i + n j) (real) and 2(i + n j) + 1 (imaginary).
        var storage: [Double]

        init(zeros n: Int) {
            self.n = n
            storage = [Double](repeating: 0, count: 2 * n * n)
        }

        static func identity(_ n: Int) -> ComplexMatrix {
            var m = ComplexMatrix(zeros: n)
            for i in 0..<n { m.storage[2 * (i + n * i)] = 1 }
            return m
        }

        @inline(__always) func real(_ i: Int, _ j: Int) -> Double { storage[2 * (i + n * j)] }
        @inline(__always) func imaginary(_ i: Int, _ j: Int) -> Double { storage[2 * (i + n * j) + 1] }

        @inline(__always) mutating func add(_ i: Int, _ j: Int, re: Double, im: Double = 0) {
            storage[2 * (i + n * j)] += re
            storage[2 * (i + n * j) + 1] += im
        }

        /// self − other, elementwise.
        static func - (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
            var c = a
            for k in c.storage.indices { c.storage[k] -= b.storage[k] }
            return c
        }

        static func + (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
            var c = a
            for k in c.storage.indices { c.storage[k] += b.storage[k] }
            return c
        }

        /// op(a)·op(b) with op = identity or conjugate transpose (`adjoint…` flags).
        static func product(_ a: ComplexMatrix, _ b: ComplexMatrix,
                            adjointLeft: Bool = false, adjointRight: Bool = false) -> ComplexMatrix {
            var c = ComplexMatrix(zeros: a.n)
            var size = Int32(a.n)
            let one: [Double] = [1, 0], zero: [Double] = [0, 0]
            var ta = Int8(UInt8(ascii: adjointLeft ? "C" : "N"))
            var tb = Int8(UInt8(ascii: adjointRight ? "C" : "N"))
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in
                    c.storage.withUnsafeMutableBufferPointer { pc in
                        zgemm_(&ta, &tb, &size, &size, &size, one, pa.baseAddress, &size,
                               pb.baseAddress, &size, zero, pc.baseAddress, &size)
                    }
                }
            }
            return c
        }

        /// a · x · a† (how a lesser self-energy x propagates through a retarded block a).
        static func congruence(_ a: ComplexMatrix, _ x: ComplexMatrix) -> ComplexMatrix {
            product(product(a, x), a, adjointRight: true)
        }

        /// The inverse by LU with partial pivoting (zgesv), or nil when the matrix is singular.
        /// The matrices inverted here are ω + iΓ − H − Σ with Γ > 0, which are never singular.
        func inverse() -> ComplexMatrix? {
            var a = storage
            var b = ComplexMatrix.identity(n)
            var size = Int32(n), info = Int32(0)
            var pivots = [Int32](repeating: 0, count: n)
            a.withUnsafeMutableBufferPointer { pa in
                b.storage.withUnsafeMutableBufferPointer { pb in
                    zgesv_(&size, &size, pa.baseAddress, &size, &pivots, pb.baseAddress, &size, &info)
                }
            }
            return info == 0 ? b : nil
        }

        /// Uses one BLAS thread per caller: the frequency loop is already parallel, and the blocks
        /// (tens of sites) are far below OpenBLAS's own threading threshold.
        static func useSingleThreadedBLAS() {
            openblas_set_num_threads(1)
        }
    }
}
