import Foundation
import Mesh
import Discretization
import Solvers

/// `summary.json`: the numbers of a converged run, each key ending in its unit
/// (`_A`, `_V`, `_W`, `_K`; no suffix = dimensionless), then its `provenance`.
public enum Summary {
    public static func json(_ s: SteadySolution, of device: DeviceCase, provenance: Provenance,
                            wallSeconds: Double, stability: StabilityReport? = nil) -> JSONValue {
        let grid = s.grid
        let boundaries = device.problem.thermalBoundaries
        let heatOut = s.thermalBoundaryHeatOut
        let currents = s.electrodeCurrents
        let electrodes: [JSONValue] = s.electrodes.enumerated().map { e, electrode in
            .object([
                ("name", .string(electrode.name)),
                ("face", .string(electrode.patch.face.rawValue)),
                ("drive", .string(describe(electrode.drive))),
                ("seebeck_V_per_K", .number(electrode.seebeck)),
                ("potential_V", .number(s.state.electrodePotential[e])),
                ("current_in_A", .number(currents[e])),
            ])
        }
        var pairs: [(String, JSONValue)] = [
            ("input_file", .string(device.file)),
            ("input_sha256", .string(device.sha256)),
            ("title", .string(device.title)),
            ("cells", .array(device.filmCells.map { .integer($0) })),
            ("grid_cells", .array([.integer(grid.nx), .integer(grid.ny), .integer(grid.nz)])),
            ("converged", .bool(true)),
            ("iterations", .integer(s.fieldIterations)),
            ("phase_iterations", .integer(s.phaseIterations)),
            ("ramp_steps", .integer(device.rampSteps)),
            ("grid_levels", .integer(device.gridLevels)),
            ("current_A", .number(s.current)),
            ("voltage_V", .number(s.voltage)),
            ("power_W", .number(s.electricalPower)),
            ("heat_out_W", .number(s.heatOut)),
            ("energy_balance_rel_error", .number(s.energyBalanceRelativeError)),
            ("T_max_K", .number(s.maximumTemperature)),
            ("T_mean_K", .number(filmMeanTemperature(s))),
            ("T_top_mean_K", .number(s.meanSurfaceTemperature(on: .zMax))),
            ("metal_fraction", .number(s.metalFraction)),
            ("cells_with_metal", .integer(s.state.metalFraction.indices.filter { s.model.film[$0] && s.state.metalFraction[$0] > DeviceFields.metalPresent }.count)),
            ("max_threshold_violation_K", .number(s.maxThresholdViolation)),
            ("heat_out_by_boundary_W", .object(zip(boundaries, heatOut).map { ($0.name, .number($1)) })),
            ("lead_peltier_inflow_W", .number(s.leadPeltierInflow)),
            ("electrodes", .array(electrodes)),
            ("notes", .string("T_mean_K is the volume mean over the film (substrate excluded); T_top_mean_K the area mean on z = h; heat_out_W = Σ heat_out_by_boundary_W − lead_peltier_inflow_W; current_A = total current entering the film; voltage_V = highest − lowest electrode potential; metal_fraction = volume mean of the cells' metal fraction over the film; cells_with_metal = film cells holding any metal (phase 1 in the field files).")),
        ]
        if let channel = s.model.problem.fieldDrivenSwitching, let switching = s.fieldSwitching {
            pairs.append(("field_channel", .object([
                ("model", .string(channel.name)),
                ("field_switched_cells", .integer(switching.cells)),
                ("max_T_eff_minus_T_K", .number(switching.maxExcess)),
                ("max_field_V_per_m", .number(switching.maxField)),
                ("transport", .string("sigma and S of each phase at its T_eff(|E|, T); kappa at the lattice T")),
                ("note", .string("field_switched_cells: metallic film cells whose lattice T is below T_IMT, i.e. switched because T_eff(|E|, T) crossed the threshold while T did not")),
            ])))
        }
        if let stability { pairs.append(("stability", StabilityJSON.json(stability))) }
        if let two = twoTemperatureJSON(s) { pairs.append(("two_temperature", two)) }
        if !device.tables.isEmpty { pairs.append(("tables", .array(device.tables.map(tableJSON)))) }
        pairs.append(("wall_time_s", .number(wallSeconds)))
        pairs.append(("provenance", provenance.json(
            wallSeconds: wallSeconds,
            input: [("input_file", .string(device.file)), ("input_sha256", .string(device.sha256))],
            parameters: Provenance.parameters(of: device.problem))))
        return .object(pairs)
    }

    /// One table's provenance: file, SHA-256 of its bytes, model, parameters, calibration, program.
    public static func tableJSON(_ t: TableProvenance) -> JSONValue {
        .object([
            ("role", .string(t.role)),
            ("path", .string(t.path)),
            ("sha256", .string(t.sha256)),
            ("format", .string(t.format)),
            ("model", .string(t.model)),
            ("parameters", .object(t.parameters.keys.sorted().map { ($0, .string(t.parameters[$0]!)) })),
            ("energy_unit_eV", .number(t.energyUnitEV)),
            ("lattice_constant_m", .number(t.latticeConstantM)),
            ("calibration", .string(t.calibration)),
            ("program_version", .string(t.programVersion)),
        ])
    }

    /// Volume-weighted mean temperature of the film (switching) cells (K); of the whole
    /// device when it has no switching cells.
    public static func filmMeanTemperature(_ s: SteadySolution) -> Double {
        var sum = 0.0, volume = 0.0
        for c in 0..<s.grid.cellCount where s.model.film[c] {
            let v = s.grid.volume(c)
            sum += s.state.temperature[c] * v
            volume += v
        }
        return volume > 0 ? sum / volume : s.meanTemperature
    }

    /// The two-temperature block: γ_el, the κ split, the extremes of both fields and of
    /// T − T_l, and the electron–lattice length at the initial temperature.
    static func twoTemperatureJSON(_ s: SteadySolution) -> JSONValue? {
        guard let model = s.model.problem.twoTemperature, let lattice = s.state.latticeTemperature else { return nil }
        let t = s.state.temperature
        let difference = zip(t, lattice).map { $0 - $1 }
        let kappa = s.model.problem.material.insulator.thermalConductivity(at: s.model.problem.initialTemperature)
        return .object([
            ("electron_lattice_coupling_W_per_m3_K", .number(model.coupling)),
            ("electron_conductivity_fraction", .number(model.electronFraction)),
            ("cooling_length_m", .number(model.coolingLength(thermalConductivity: kappa))),
            ("T_electron_max_K", .number(t.max() ?? .nan)),
            ("T_lattice_max_K", .number(lattice.max() ?? .nan)),
            ("T_lattice_min_K", .number(lattice.min() ?? .nan)),
            ("T_electron_minus_lattice_max_K", .number(difference.max() ?? .nan)),
            ("T_electron_minus_lattice_min_K", .number(difference.min() ?? .nan)),
            ("note", .string("T_* keys outside this block are electron temperatures (the temperature that sets sigma, S and the phase); cooling_length_m = sqrt(kappa_e kappa_l / (gamma kappa)) with the insulator's kappa at the initial temperature")),
        ])
    }

    public static func describe(_ drive: ElectrodeDrive) -> String {
        switch drive {
        case let .potential(v): return "potential \(v) V"
        case let .current(i): return "current \(i) A"
        case let .source(v, r): return "source \(v) V behind \(r) ohm"
        }
    }
}
