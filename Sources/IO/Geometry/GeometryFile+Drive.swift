import Discretization

extension Reader {
    /// Refuses electrodes that cannot drive anything: every electrode holds the same potential
    /// (shorted) and none injects a current or sits behind a source. Such a problem has only the
    /// trivial answer (no current, no heat) and nothing to solve for.
    func checkDriven(_ electrodes: [Electrode]) throws {
        var potentials: [Double] = []
        for e in electrodes {
            switch e.drive {
            case let .potential(v): potentials.append(v)
            case .current: return
            case let .source(v, _): potentials.append(v)
            }
        }
        guard let first = potentials.first, potentials.allSatisfy({ $0 == first }) else { return }
        let names = electrodes.map { "'\($0.name)'" }.joined(separator: ", ")
        throw GeometryError(file: file, key: "[[electrode]]",
                            message: "the electrodes are shorted: \(names) all hold \(first) V and none drives a current, so no current flows and there is nothing to solve. Give one electrode a nonzero current, another potential, or a source_voltage.")
    }
}
