/// The steady 1D temperature and potential of a leg of n pieces in series along x (constant
/// ρ_i, S_i, κ_i per piece, no Thomson heat), carrying a current I through cross-section A:
/// current enters at x = 0 through a lead of Seebeck coefficient S_in on an otherwise
/// adiabatic end, and leaves at x = L, held at T0 and Φ = 0.
///
/// With j = I/A and the Fourier flux q = −κ dT/dx, energy conservation
/// d/dx (S T j + q) = j (−dΦ/dx) with −dΦ/dx = ρ j + S dT/dx gives in each piece
/// dq/dx = ρ j² (Joule heat; S constant, so no Thomson term). The heat flux S T j + q is
/// continuous at every junction (T and Φ are), so q jumps by (S_i − S_{i+1}) T(x_i) j there:
/// the Peltier heat released at the junction. At x = 0 the lead carries S_in T j and no
/// Fourier heat, so q(0) = (S_in − S_1) T(0) j. Integrating T' = −q/κ from x = L back to
/// x = 0 gives n linear equations for the junction temperatures, solved here exactly;
/// then Φ(0) = Σ_i [ρ_i j l_i + S_i (T(x_i) − T(x_{i−1}))].
public struct LegClosedForm: Sendable {
    public struct Piece: Sendable {
        public var length: Double, resistivity: Double, seebeck: Double, thermalConductivity: Double
        public init(length: Double, resistivity: Double, seebeck: Double, thermalConductivity: Double) {
            self.length = length
            self.resistivity = resistivity
            self.seebeck = seebeck
            self.thermalConductivity = thermalConductivity
        }
    }

    public let pieces: [Piece]
    public let current: Double, area: Double, sinkTemperature: Double, leadSeebeck: Double
    /// Temperatures at x_0 = 0, x_1, …, x_n = L (K).
    public let nodeTemperatures: [Double]
    /// Fourier flux just right of x_{i−1} in piece i (W/m²).
    let startFlux: [Double]

    public init(pieces: [Piece], current: Double, area: Double, sinkTemperature: Double, leadSeebeck: Double) {
        self.pieces = pieces
        self.current = current
        self.area = area
        self.sinkTemperature = sinkTemperature
        self.leadSeebeck = leadSeebeck
        let n = pieces.count, j = current / area
        // Unknowns T_0 … T_{n−1}; q at the start of piece i is linear in them: q = c + Σ d_k T_k.
        var qConst = 0.0
        var qCoef = [Double](repeating: 0, count: n)
        qCoef[0] = (leadSeebeck - pieces[0].seebeck) * j
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var rhs = [Double](repeating: 0, count: n)
        var starts: [(Double, [Double])] = []
        for i in 0..<n {
            let p = pieces[i]
            starts.append((qConst, qCoef))
            // T_i − T_{i+1} = (q_start l + ρ j² l²/2)/κ
            matrix[i][i] += 1
            if i + 1 < n { matrix[i][i + 1] -= 1 } else { rhs[i] += sinkTemperature }
            for k in 0..<n { matrix[i][k] -= qCoef[k] * p.length / p.thermalConductivity }
            rhs[i] += (qConst * p.length + p.resistivity * j * j * p.length * p.length / 2) / p.thermalConductivity
            // flux at the end of piece i, then the Peltier jump at junction i+1
            qConst += p.resistivity * j * j * p.length
            if i + 1 < n { qCoef[i + 1] += (p.seebeck - pieces[i + 1].seebeck) * j }
        }
        let t = Self.solve(matrix, rhs)
        nodeTemperatures = t + [sinkTemperature]
        startFlux = starts.map { start in start.0 + zip(start.1, t).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// x_i of the junctions (x_0 = 0, x_n = L).
    public var nodes: [Double] { pieces.reduce(into: [0.0]) { $0.append($0.last! + $1.length) } }

    /// T(x) in K.
    public func temperature(at x: Double) -> Double {
        let xs = nodes, j = current / area
        let i = max(0, min(pieces.count - 1, (0..<pieces.count).first { x <= xs[$0 + 1] } ?? pieces.count - 1))
        let p = pieces[i], s = x - xs[i]
        return nodeTemperatures[i + 1] + (startFlux[i] * (p.length - s) + p.resistivity * j * j * (p.length * p.length - s * s) / 2)
            / p.thermalConductivity
    }

    /// Φ(0) − Φ(L) in V: the potential of the current-injecting lead against the grounded end.
    public var voltage: Double {
        let j = current / area
        return pieces.indices.reduce(0) { sum, i in
            sum + pieces[i].resistivity * j * pieces[i].length + pieces[i].seebeck * (nodeTemperatures[i + 1] - nodeTemperatures[i])
        }
    }

    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var a = a, b = b
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let f = a[row][col] / a[col][col]
                for k in col..<n { a[row][k] -= f * a[col][k] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }
}
