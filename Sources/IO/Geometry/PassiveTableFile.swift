import Foundation
import Materials

/// A passive material's coefficients tabulated in temperature: a CSV file or a JSON object
/// with the columns (keys) `temperature_K`, `resistivity_ohm_m`, `seebeck_V_per_K`,
/// `thermal_conductivity_W_per_m_K` and optionally `heat_capacity_J_per_m3_K` (default
/// 2e6 J/(m³·K)) — the keys of one phase of a kernel material table (docs/kernels.md).
/// Interpolation is monotone (PCHIP; ρ on a log scale) between the rows; a run whose
/// temperatures leave the table's range stops with an error.
enum PassiveTableFile {
    static let columns = ["temperature_K", "resistivity_ohm_m", "seebeck_V_per_K", "thermal_conductivity_W_per_m_K",
                          "heat_capacity_J_per_m3_K"]

    /// Reads `url`; errors are plain sentences (the caller adds file and key).
    static func read(_ url: URL) throws -> PhaseTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Problem("cannot read \(url.path)")
        }
        var values: [String: [Double]]
        if url.pathExtension.lowercased() == "json" {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Problem("\(url.lastPathComponent) is not a JSON object")
            }
            values = [:]
            for (key, value) in object {
                guard columns.contains(key) else {
                    throw Problem("unknown key '\(key)' in \(url.lastPathComponent); allowed: \(columns.joined(separator: ", "))")
                }
                if let x = value as? Double { values[key] = [x] } else if let xs = value as? [Double] { values[key] = xs } else {
                    throw Problem("'\(key)' in \(url.lastPathComponent) must be a number or an array of numbers")
                }
            }
        } else {
            guard let text = String(data: data, encoding: .utf8) else { throw Problem("\(url.lastPathComponent) is not UTF-8 text") }
            values = try csv(text, name: url.lastPathComponent)
        }
        return try phaseTable(values, name: url.lastPathComponent)
    }

    static func csv(_ text: String, name: String) throws -> [String: [Double]] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let header = lines.first else { throw Problem("\(name) has no header row") }
        let keys = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for key in keys where !columns.contains(key) {
            throw Problem("unknown column '\(key)' in \(name); allowed: \(columns.joined(separator: ", "))")
        }
        var values = [String: [Double]](uniqueKeysWithValues: keys.map { ($0, []) })
        for (row, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == keys.count else {
                throw Problem("\(name) row \(row + 1) has \(cells.count) values, the header \(keys.count)")
            }
            for (key, cell) in zip(keys, cells) {
                guard let x = Double(cell), x.isFinite else { throw Problem("\(name) row \(row + 1): '\(cell)' is not a number (\(key))") }
                values[key]!.append(x)
            }
        }
        return values
    }

    static func phaseTable(_ values: [String: [Double]], name: String) throws -> PhaseTable {
        for key in columns.dropLast() where values[key] == nil {
            throw Problem("\(name) lacks '\(key)'; a passive table needs \(columns.dropLast().joined(separator: ", ")) (heat_capacity_J_per_m3_K optional)")
        }
        let t = values["temperature_K"]!
        guard t.count >= 2 else { throw Problem("\(name) has \(t.count) temperature(s); at least 2 are needed") }
        for i in 1..<t.count where !(t[i] > t[i - 1]) {
            throw Problem("\(name): temperature_K must increase strictly (row \(i + 1))")
        }
        guard t[0] > 0 else { throw Problem("\(name): temperatures must be > 0 K") }
        func column(_ key: String, positive: Bool) throws -> TabulatedValue? {
            guard let xs = values[key] else { return nil }
            guard xs.count == t.count || (xs.count == 1 && key != "resistivity_ohm_m" && key != "seebeck_V_per_K") else {
                throw Problem("\(name): '\(key)' has \(xs.count) values for \(t.count) temperatures")
            }
            if positive, let bad = xs.first(where: { !($0 > 0) }) { throw Problem("\(name): '\(key)' must be > 0, found \(bad)") }
            return xs.count == 1 ? .constant(xs[0]) : .table(xs)
        }
        guard case let .table(rho)? = try column("resistivity_ohm_m", positive: true),
              case let .table(s)? = try column("seebeck_V_per_K", positive: false) else {
            throw Problem("\(name): resistivity and Seebeck coefficient need one value per temperature")
        }
        return PhaseTable(temperature: t, resistivity: rho, seebeck: s,
                          thermalConductivity: try column("thermal_conductivity_W_per_m_K", positive: true),
                          heatCapacity: try column("heat_capacity_J_per_m3_K", positive: true))
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
