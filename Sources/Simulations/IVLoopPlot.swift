import Foundation

/// An I–V loop as a self-contained SVG image (no plotting library needed): sample voltage
/// V_s (V) against current I (A), one polyline per branch (up in red, down in blue, or one
/// line for a time series), axes with ticks in SI units, switching events marked.
public struct IVLoopPlot: Sendable {
    public struct Series: Sendable {
        public var label: String
        public var color: String
        public var points: [(current: Double, voltage: Double)]
        public init(label: String, color: String, points: [(current: Double, voltage: Double)]) {
            self.label = label
            self.color = color
            self.points = points
        }
    }

    public var title: String
    public var series: [Series]
    public var events: [(current: Double, voltage: Double)] = []

    public init(title: String, series: [Series], events: [(current: Double, voltage: Double)] = []) {
        self.title = title
        self.series = series
        self.events = events
    }

    /// The loop of a sweep: up and down branches, events at the point after each switch.
    public init(sweep result: SweepResult, title: String) {
        let up = result.rows.filter { $0.branch == .up }.map { ($0.current, $0.sampleVoltage) }
        let down = result.rows.filter { $0.branch == .down }.map { ($0.current, $0.sampleVoltage) }
        self.init(title: title, series: [Series(label: "up", color: "#c0392b", points: up),
                                         Series(label: "down", color: "#2463a6", points: down)],
                  events: result.events.map { ($0.after.current, $0.after.sampleVoltage) })
    }

    public var svg: String {
        let all = series.flatMap(\.points)
        let width = 640.0, height = 440.0, left = 80.0, right = 20.0, top = 40.0, bottom = 60.0
        let (x0, x1) = Self.range(all.map(\.current)), (y0, y1) = Self.range(all.map(\.voltage))
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(width / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">\(Self.escape(title))</text>\n"
        s += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width - left - right)\" height=\"\(height - top - bottom)\" fill=\"none\" stroke=\"black\"/>\n"
        for t in Self.ticks(x0, x1) {
            s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>\n", px(t), top, px(t), height - bottom)
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>\n", px(t), height - bottom + 16, Self.label(t))
        }
        for t in Self.ticks(y0, y1) {
            s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>\n", left, py(t), width - right, py(t))
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>\n", left - 6, py(t) + 4, Self.label(t))
        }
        s += "<text x=\"\(width / 2)\" y=\"\(height - 18)\" text-anchor=\"middle\">current I [A]</text>\n"
        s += "<text x=\"18\" y=\"\(height / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(height / 2))\">sample voltage V_s [V]</text>\n"
        for (k, line) in series.enumerated() where !line.points.isEmpty {
            let path = line.points.map { String(format: "%.2f,%.2f", px($0.current), py($0.voltage)) }.joined(separator: " ")
            s += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.6\"/>\n"
            s += "<text x=\"\(width - right - 70)\" y=\"\(top + 18 + 16 * Double(k))\" fill=\"\(line.color)\">\(Self.escape(line.label))</text>\n"
        }
        for e in events {
            s += String(format: "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"none\" stroke=\"black\"/>\n", px(e.current), py(e.voltage))
        }
        return s + "</svg>\n"
    }

    static func range(_ values: [Double]) -> (Double, Double) {
        guard var lo = values.min(), var hi = values.max() else { return (0, 1) }
        if hi - lo < 1e-300 { lo -= 0.5 * max(abs(lo), 1e-12); hi += 0.5 * max(abs(hi), 1e-12) }
        let pad = 0.04 * (hi - lo)
        return (lo - pad, hi + pad)
    }

    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return stride(from: ceil(lo / step) * step, through: hi, by: step).map { $0 }
    }

    static func label(_ x: Double) -> String { abs(x) < 1e-300 ? "0" : String(format: "%.3g", x) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
