import _CGSL

extension GSL {
    /// The `count`-point Gauss–Legendre rule on [lower, upper] from GSL's fixed-order tables
    /// (`gsl_integration_glfixed`): nodes increasing, weights summing to upper − lower; exact
    /// for polynomials of degree ≤ 2 count − 1.
    public static func gaussLegendre(count: Int, lower: Double, upper: Double) -> (nodes: [Double], weights: [Double]) {
        precondition(count >= 1, "Gauss–Legendre needs at least one node")
        guard let table = gsl_integration_glfixed_table_alloc(count) else {
            fatalError("GSL could not allocate a \(count)-point Gauss–Legendre table")
        }
        defer { gsl_integration_glfixed_table_free(table) }
        var nodes = [Double](repeating: 0, count: count)
        var weights = [Double](repeating: 0, count: count)
        for i in 0..<count {
            gsl_integration_glfixed_point(lower, upper, i, &nodes[i], &weights[i], table)
        }
        return (nodes, weights)
    }
}
