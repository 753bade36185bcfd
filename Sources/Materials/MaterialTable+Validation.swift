import Foundation

extension MaterialTable {
    /// Checks every rule of format_version 1 and names the first key that breaks one.
    public func validate(file: String) throws {
        func fail(_ key: String, _ problem: String, _ allowed: String) -> MaterialTableError {
            MaterialTableError(file: file, key: key, problem: problem, allowed: allowed)
        }
        guard format == Self.formatName else {
            throw fail("format", "is '\(format)'", "\"\(Self.formatName)\"")
        }
        guard formatVersion == Self.currentVersion else {
            throw fail("format_version", "is \(formatVersion)", "\(Self.currentVersion)")
        }
        try insulator.validate(file: file, phase: "insulator")
        try metal.validate(file: file, phase: "metal")
        let imt = insulatorToMetalTemperature, mit = metalToInsulatorTemperature
        guard imt.isFinite, imt > 0 else { throw fail("T_IMT_K", "is \(imt)", "a positive number of kelvin") }
        guard mit.isFinite, mit > 0, mit <= imt else { throw fail("T_MIT_K", "is \(mit)", "0 < T_MIT_K ≤ T_IMT_K = \(imt)") }
        guard let top = insulator.temperature.last, top >= imt else {
            throw fail("insulator.temperature_K", "ends below T_IMT_K", "a grid reaching T_IMT_K = \(imt)")
        }
        guard let bottom = metal.temperature.first, bottom <= mit else {
            throw fail("metal.temperature_K", "starts above T_MIT_K", "a grid reaching down to T_MIT_K = \(mit)")
        }
        guard metadata.energyUnitEV > 0, metadata.latticeConstantM > 0, metadata.temperatureScaleK > 0 else {
            throw fail("metadata", "has a non-positive unit", "energy_unit_eV, lattice_constant_m, temperature_scale_K_per_model_unit > 0")
        }
    }
}

extension PhaseTable {
    func validate(file: String, phase: String) throws {
        func fail(_ key: String, _ problem: String, _ allowed: String) -> MaterialTableError {
            MaterialTableError(file: file, key: "\(phase).\(key)", problem: problem, allowed: allowed)
        }
        let n = temperature.count
        guard n >= 2 else { throw fail("temperature_K", "has \(n) entries", "at least 2") }
        for k in 0..<n where !(temperature[k].isFinite && temperature[k] > 0 && (k == 0 || temperature[k] > temperature[k - 1])) {
            throw fail("temperature_K", "entry \(k) = \(temperature[k]) breaks the order", "positive, strictly increasing kelvin")
        }
        try check(resistivity, "resistivity_ohm_m", positive: true, fail)
        try check(seebeck, "seebeck_V_per_K", positive: false, fail)
        if let c = conductivity {
            try check(c, "conductivity_S_per_m", positive: true, fail)
            for k in 0..<n where abs(c[k] * resistivity[k] - 1) > 1e-9 {
                throw fail("conductivity_S_per_m", "entry \(k) is not 1/resistivity", "1/resistivity_ohm_m (or omit it)")
            }
        }
        for (key, value) in [("thermal_conductivity_W_per_m_K", thermalConductivity), ("heat_capacity_J_per_m3_K", heatCapacity)] {
            switch value {
            case .none: break
            case .constant(let x)?:
                guard x.isFinite, x > 0 else { throw fail(key, "is \(x)", "a positive number or an array like temperature_K") }
            case .table(let xs)?:
                try check(xs, key, positive: true, fail)
            }
        }
    }

    private func check(_ xs: [Double], _ key: String, positive: Bool,
                       _ fail: (String, String, String) -> MaterialTableError) throws {
        guard xs.count == temperature.count else {
            throw fail(key, "has \(xs.count) entries", "\(temperature.count), one per temperature_K entry")
        }
        for (k, x) in xs.enumerated() where !x.isFinite || (positive && x <= 0) {
            throw fail(key, "entry \(k) = \(x)", positive ? "finite positive numbers" : "finite numbers")
        }
    }
}
