import Foundation
import TOMLKit
import Mesh
import Materials
import Discretization
import Solvers
import SparseLinearAlgebra

/// Reads a geometry file (TOML, specified in docs/geometry-format.md) into a `DeviceCase`.
///
/// Every dimensional value is a string with its unit ("0.2 mm"); every key is checked for
/// dimension and range, and unknown keys are errors. Errors are `GeometryError`s naming the
/// file, the key and what is allowed.
public enum GeometryFile {
    /// Film cells per axis replacing `[mesh]` (the `--cells NX,NY,NZ` option).
    public typealias CellOverride = [Int]

    /// Reads and validates the file at `url`. `displayName` is how messages name the file.
    public static func load(_ url: URL, displayName: String? = nil, cells: CellOverride? = nil) throws -> DeviceCase {
        let name = displayName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GeometryError(file: name, key: "(file)", message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GeometryError(file: name, key: "(file)", message: "not UTF-8 text; a geometry file is TOML")
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].filter { $0 == 10 }.count + 1
            throw GeometryError(file: name, key: "line \(line)", message: "holds a NUL byte (byte \(nul - data.startIndex + 1)); a geometry file is plain text, allowed: TOML without control characters")
        }
        return try parse(text, file: name, baseDirectory: url.deletingLastPathComponent(),
                         sha256: SHA256.hex(of: data), cells: cells)
    }

    /// Parses TOML text. Relative paths (material tables) are resolved against `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: URL? = nil, sha256: String? = nil,
                             cells: CellOverride? = nil) throws -> DeviceCase {
        if let cells {
            guard cells.count == 3 else {
                throw GeometryError(file: file, key: "--cells", message: "expected three integers NX,NY,NZ, got \(cells)")
            }
            do { try InputLimits.checkCells(cells, "--cells") } catch let e as InputError {
                throw GeometryError(file: file, key: e.option, message: e.message)
            }
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw GeometryError(file: file, key: "[domain]", message: "the file is empty; a geometry needs [domain], [mesh], [material], [[electrode]] (at least two) and [[thermal]]")
        }
        let toml: TOMLTable
        do {
            toml = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw GeometryError(file: file, key: "line \(e.source.begin.line), column \(e.source.begin.column)",
                                message: "not valid TOML: \(e.description)")
        }
        guard !toml.isEmpty else {
            throw GeometryError(file: file, key: "[domain]", message: "the file is empty (comments only); a geometry needs [domain], [mesh], [material], [[electrode]] (at least two) and [[thermal]]")
        }
        var reader = Reader(root: ConfigTable(toml, file: file, path: ""), file: file,
                            baseDirectory: baseDirectory, cells: cells)
        var result = try reader.read()
        result.sha256 = sha256 ?? SHA256.hex(of: Data(text.utf8))
        return result
    }
}

/// The state of one parse: sections are read in dependency order (domain → mesh → material →
/// electrodes/thermal, which need the grid → drive, solver, output).
struct Reader {
    let root: ConfigTable
    let file: String
    let baseDirectory: URL?
    let cells: [Int]?

    var length = 0.0, width = 0.0, thickness = 0.0
    var substrate: SubstrateLayer?
    var grid: RectilinearGrid!
    var domainTable: ConfigTable?
    /// Provenance of every table the file names, in the order read.
    let tables = TableLog()
    /// Region files: the boxes in file order, the per-cell map, the fill material's name.
    var regionBoxes: [RegionBox] = []
    var regionMap: RegionMap?
    var fill: String?
    /// True while reading a file with `[[region]]` tables.
    var regionFile = false

    init(root: ConfigTable, file: String, baseDirectory: URL?, cells: [Int]?) {
        self.root = root
        self.file = file
        self.baseDirectory = baseDirectory
        self.cells = cells
    }

    func required(_ key: String) throws -> ConfigTable {
        guard let t = try root.table(key) else {
            throw GeometryError(file: file, key: "[\(key)]", message: "missing table [\(key)]; see docs/geometry-format.md")
        }
        return t
    }

    mutating func read() throws -> DeviceCase {
        let title = try root.string("title", default: "")
        let isRegionFile = root.has("region")
        regionFile = isRegionFile
        var materials: [String: NamedMaterial] = [:]
        let filmCells: [Int]
        let material: TwoPhaseMaterial
        if isRegionFile {
            for legacy in ["material", "substrate"] where root.has(legacy) {
                throw GeometryError(file: file, key: "[\(legacy)]", message: "a file with [[region]] tables describes every material in [materials.NAME] and every layer as a [[region]]; remove [\(legacy)] (docs/geometry-format.md, Regions)")
            }
            try readRegionDomain()
            materials = try readMaterials()
            if let fill, materials[fill] == nil {
                throw GeometryError(file: file, key: "domain.fill", message: "\"\(fill)\" is not defined; defined materials: \(materials.keys.sorted().joined(separator: ", "))")
            }
            regionBoxes = try readRegionBoxes(materials)
            filmCells = try readRegionMesh(regionBoxes)
            let (map, switching) = try assignRegions(regionBoxes, materials: materials, fill: fill, fillKey: "domain.fill")
            var withInterfaces = map
            withInterfaces.interfaces = try readInterfaces(map)
            regionMap = withInterfaces
            material = switching ?? .noSwitchingMaterial
        } else {
            if root.has("interface") {
                throw GeometryError(file: file, key: "[[interface]]", message: "interfaces join regions; describe the device with [[region]] tables and [materials.NAME] to give a thermal boundary resistance (docs/geometry-format.md, Interfaces)")
            }
            try readDomain()
            filmCells = try readMesh()
            material = try readMaterial()
        }
        let electrodes = try readElectrodes()
        let thermal = try readThermal()
        let (rampSteps, gridLevels) = try readDrive()
        let settings = try readSolver()
        let output = try readOutput()
        let fieldChannel = try readFieldChannel()
        let twoTemperature = try readTwoTemperature()
        let sweep = try readSweep(electrodes)
        let transient = try readTransient(electrodes)
        let calibration = try root.calibrationEntries()
        let initialTable = try root.table("initial")
        if sweep != nil && transient != nil {
            throw GeometryError(file: file, key: "[transient]", message: "a file runs one study: give [sweep] or [transient], not both")
        }
        // A study sets the driven electrode's value itself.
        if sweep == nil && transient == nil { try checkDriven(electrodes) }
        try root.finish()
        let sinkTemperatures = thermal.compactMap { boundary -> Double? in
            switch boundary.condition {
            case .adiabatic: return nil
            case let .fixedTemperature(t): return t
            case let .heatTransfer(_, t): return t
            }
        }
        let domain = domainTable!
        let initial = try domain.quantity("initial_temperature", .temperature, default: sinkTemperatures.min() ?? 300,
                                          range: 0...1e5, exclusiveLower: true)
        try domain.finish()
        if isRegionFile {
            let named = [("domain.initial_temperature", initial)] + thermal.compactMap { b -> (String, Double)? in
                switch b.condition {
                case .adiabatic: return nil
                case let .fixedTemperature(t): return ("thermal '\(b.name)' temperature", t)
                case let .heatTransfer(_, t): return ("thermal '\(b.name)' sink_temperature", t)
                }
            }
            try checkTableCoverage(materials, used: Set(regionBoxes.map(\.material) + (fill.map { [$0] } ?? [])), temperatures: named)
        }
        var problem = ElectrothermalProblem(grid: grid, material: material, thermalBoundaries: thermal,
                                            electrodes: electrodes, initialTemperature: initial,
                                            substrate: substrate, settings: settings)
        problem.fieldDrivenSwitching = fieldChannel
        problem.regions = regionMap
        problem.initialSeed = try readInitial(initialTable, problem: problem)
        problem.twoTemperature = twoTemperature
        var device = DeviceCase(file: file, sha256: "", title: title, problem: problem, filmThickness: thickness,
                                substrateThickness: substrate?.thickness ?? 0, rampSteps: rampSteps, output: output,
                                filmCells: filmCells)
        device.gridLevels = gridLevels
        device.tables = tables.entries
        device.sweep = sweep
        device.transient = transient
        device.calibration = calibration
        return device
    }

    mutating func readDomain() throws {
        let domain = try required("domain")
        domainTable = domain
        let positiveLength = 0.0...1.0
        length = try domain.quantity("length", .length, range: positiveLength, exclusiveLower: true)
        width = try domain.quantity("width", .length, range: positiveLength, exclusiveLower: true)
        thickness = try domain.quantity("thickness", .length, range: positiveLength, exclusiveLower: true)
        if let s = try root.table("substrate") {
            substrate = SubstrateLayer(
                thickness: try s.quantity("thickness", .length, range: positiveLength, exclusiveLower: true),
                thermalConductivity: try s.quantity("thermal_conductivity", .thermalConductivity,
                                                    range: 0...Double.greatestFiniteMagnitude, exclusiveLower: true),
                electricalConductivity: try s.quantity("electrical_conductivity", .electricalConductivity, default: 1e-9,
                                                       range: 0...Double.greatestFiniteMagnitude, exclusiveLower: true),
                heatCapacity: try s.quantity("heat_capacity", .volumetricHeatCapacity, default: 2e6,
                                             range: 0...Double.greatestFiniteMagnitude, exclusiveLower: true))
            try s.finish()
        }
    }

    /// `[domain]` of a region file: the box (length × width × height) the regions lie in,
    /// and the optional fill material of cells no region covers.
    mutating func readRegionDomain() throws {
        let domain = try required("domain")
        domainTable = domain
        let positiveLength = 0.0...1.0
        length = try domain.quantity("length", .length, range: positiveLength, exclusiveLower: true)
        width = try domain.quantity("width", .length, range: positiveLength, exclusiveLower: true)
        if domain.has("thickness") {
            throw domain.error("thickness", "with [[region]] tables the box's z extent is `height` (a film's thickness is its region's z range)")
        }
        thickness = try domain.quantity("height", .length, range: positiveLength, exclusiveLower: true)
        fill = domain.has("fill") ? try domain.string("fill") : nil
    }

    /// Reads `[mesh]` and builds the grid; returns the film cells per axis.
    mutating func readMesh() throws -> [Int] {
        let mesh = try required("mesh")
        let refinements = AxisSpacing.Refinement.allCases.map(\.rawValue)
        func axis(_ name: String, length: Double, override: Int?) throws -> (AxisSpacing, Int) {
            guard let t = try mesh.table(name) else {
                throw mesh.error(name, "missing; expected an inline table, e.g. \(name) = { cells = 20 } or \(name) = { cells = 20, ratio = 1.1, toward = \"both\" }")
            }
            var n = try t.int("cells", range: InputLimits.cellsPerAxis)
            let ratio = try t.double("ratio", default: 1, range: 1...100)
            let toward = try t.choice("toward", refinements, default: "none")
            try t.finish()
            if let override { n = override }
            return (AxisSpacing.graded(length: length, cells: n, ratio: ratio,
                                       toward: AxisSpacing.Refinement(rawValue: toward)!), n)
        }
        let (x, nx) = try axis("x", length: length, override: cells?[0])
        let (y, ny) = try axis("y", length: width, override: cells?[1])
        var (z, nz) = try axis("z", length: thickness, override: cells?[2])
        if let layer = substrate {
            let ns = try mesh.int("substrate_cells", default: max(1, nz / 2), range: InputLimits.cellsPerAxis)
            let below = AxisSpacing.uniform(length: layer.thickness, cells: ns).edges
            z = AxisSpacing(edges: below + z.edges.dropFirst().map { $0 + layer.thickness })
        } else if mesh.has("substrate_cells") {
            _ = try mesh.int("substrate_cells", range: 1...4000)
            throw mesh.error("substrate_cells", "given without a [substrate] table; add [substrate] or remove the key")
        }
        try mesh.finish()
        let key = cells == nil ? "[mesh]" : "--cells"
        do {
            let total = try InputLimits.total([x.cellCount, y.cellCount, z.cellCount], key)
            try MemoryBudget.check(cells: total, key)
        } catch let e as InputError {
            throw GeometryError(file: file, key: e.option, message: e.message)
        }
        grid = RectilinearGrid(x: x, y: y, z: z)
        return [nx, ny, nz]
    }

    /// `[field_channel] table = "teff.json"`: phases follow T_eff(|E|, T) from a Hartree–Fock
    /// T_eff table (`filament hf teff-table`) instead of the lattice temperature.
    ///
    /// The T_eff table and a material table must come from one model with one calibration
    /// (`TableProvenance.sharesCalibration`) unless the file says `allow_mixed_models = true`.
    func readFieldChannel() throws -> (any EffectiveTemperatureModel)? {
        guard let t = try root.table("field_channel") else { return nil }
        let path = try t.string("table")
        let allowMixed = try t.bool("allow_mixed_models", default: false)
        try t.finish()
        let url = URL(fileURLWithPath: path, relativeTo: baseDirectory)
        let channel: TableEffectiveTemperature
        do {
            channel = try TableEffectiveTemperature(url: url)
            tables.entries.append(try TableProvenance.effectiveTemperature(channel.table, url: url, data: try Data(contentsOf: url)))
        } catch {
            throw t.error("table", "\"\(path)\": \(error); allowed: a filament-teff-table JSON file with phases 'insulator' and 'metal' and its provenance (model, parameters, program_version)")
        }
        let teff = tables.entries.last!
        for other in tables.entries where other.role == "material" && !other.sharesCalibration(with: teff) && !allowMixed {
            throw t.error("table", "\"\(path)\" comes from another model or calibration than the material table \(other.path): '\(teff.model)' (energy unit \(teff.energyUnitEV) eV, a = \(teff.latticeConstantM) m) versus '\(other.model)' (energy unit \(other.energyUnitEV) eV, a = \(other.latticeConstantM) m); use a table family from one model, or say allow_mixed_models = true in [field_channel]")
        }
        return channel
    }

    func readMaterial() throws -> TwoPhaseMaterial {
        let m = try required("material")
        let name = try m.string("name", default: "material")
        return try switchingMaterial(m, name: name)
    }

    /// A two-phase material: `table = "kernel.json"` or T_IMT, T_MIT and the two phases.
    func switchingMaterial(_ m: ConfigTable, name: String) throws -> TwoPhaseMaterial {
        if m.has("table") {
            let path = try m.string("table")
            try m.finish()
            let url = URL(fileURLWithPath: path, relativeTo: baseDirectory)
            do {
                let table = try MaterialTable.read(from: url)
                let data = try Data(contentsOf: url)
                tables.entries.append(try TableProvenance.material(table, url: url, data: data))
                return table.material(name: "\(table.metadata.model) (\(url.lastPathComponent))")
            } catch {
                throw m.error("table", "\"\(path)\": \(error)")
            }
        }
        let tIMT = try m.quantity("T_IMT", .temperature, range: 0...1e5, exclusiveLower: true)
        let tMIT = try m.quantity("T_MIT", .temperature, default: tIMT, range: 0...1e5, exclusiveLower: true)
        guard tMIT <= tIMT else {
            throw m.error("T_MIT", "T_MIT = \(tMIT) K exceeds T_IMT = \(tIMT) K; allowed T_MIT ≤ T_IMT (metal → insulator on cooling at or below insulator → metal on heating)")
        }
        func phase(_ key: String) throws -> ConstantTransport {
            guard let p = try m.table(key) else {
                throw m.error(key, "missing table [\(m.path).\(key)] with resistivity, seebeck, thermal_conductivity (or give table = \"file.json\")")
            }
            let positive = 0...Double.greatestFiniteMagnitude
            let transport = ConstantTransport(
                resistivity: try p.quantity("resistivity", .resistivity, range: positive, exclusiveLower: true),
                seebeck: try p.quantity("seebeck", .seebeck, default: 0, range: -1...1),
                thermalConductivity: try p.quantity("thermal_conductivity", .thermalConductivity, range: positive, exclusiveLower: true),
                heatCapacity: try p.quantity("heat_capacity", .volumetricHeatCapacity, default: 2e6, range: positive, exclusiveLower: true))
            try p.finish()
            return transport
        }
        let insulator = try phase("insulator")
        let metal = try phase("metal")
        try m.finish()
        return TwoPhaseMaterial(name: name, insulator: insulator, metal: metal,
                                insulatorToMetalTemperature: tIMT, metalToInsulatorTemperature: tMIT)
    }

    func readDrive() throws -> (rampSteps: Int, gridLevels: Int) {
        guard let d = try root.table("drive") else { return (1, 1) }
        let steps = try d.int("ramp_steps", default: 1, range: 1...10_000)
        let levels = try d.int("grid_levels", default: 1, range: 1...6)
        try d.finish()
        return (steps, levels)
    }

    func readSolver() throws -> SolverSettings {
        var settings = SolverSettings()
        guard let s = try root.table("solver") else { return settings }
        settings.fieldTolerance = try s.double("field_tolerance", default: settings.fieldTolerance, range: 1e-16...1e-2)
        settings.phaseTolerance = try s.quantity("phase_tolerance", .temperature, default: settings.phaseTolerance,
                                                 range: 0...100, exclusiveLower: true)
        settings.phaseSearchTolerance = try s.quantity("phase_search_tolerance", .temperature,
                                                       default: settings.phaseSearchTolerance, range: 0...100, exclusiveLower: true)
        settings.maxFieldIterations = try s.int("max_field_iterations", default: settings.maxFieldIterations, range: 1...1_000_000)
        settings.andersonDepth = try s.int("anderson_depth", default: settings.andersonDepth, range: 0...50)
        let coupling = try s.choice("peltier_coupling", PeltierCoupling.allCases.map(\.rawValue),
                                    default: settings.peltierCoupling.rawValue)
        settings.peltierCoupling = PeltierCoupling(rawValue: coupling)!
        // cholmod / umfpack: that factorisation, reused as CG preconditioner; multigrid:
        // multigrid-preconditioned CG with CHOLMOD as the fallback.
        let linear = try s.choice("linear_solver", DirectSolverKind.allCases.map(\.rawValue) + ["multigrid"],
                                  default: settings.symmetricSolver.rawValue)
        if linear == "multigrid" {
            settings.symmetricStrategy = .multigrid
        } else {
            settings.symmetricSolver = DirectSolverKind(rawValue: linear)!
        }
        // petsc: CG through PETSc on the MPI ranks (docs/cluster.md); replaces linear_solver.
        if try s.choice("backend", ["serial", "petsc"], default: "serial") == "petsc" { settings.symmetricStrategy = .petsc }
        try s.finish()
        return settings
    }

    func readOutput() throws -> OutputOptions {
        guard let o = try root.table("output") else { return OutputOptions() }
        let options = OutputOptions(fields: try o.bool("fields", default: true), slices: try o.bool("slices", default: true))
        try o.finish()
        return options
    }
}

/// The tables a parse has read (a reference so that non-mutating section readers can add to it).
final class TableLog {
    var entries: [TableProvenance] = []
}
