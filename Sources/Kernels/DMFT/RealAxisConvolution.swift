import Foundation

/// A uniform real-frequency grid symmetric about ω = 0 with no point at ω = 0:
/// ω_i = (i − (N−1)/2)·Δω, i = 0 … N−1, Δω = 2W/N. The mirror of index i is N−1−i.
public struct RealFrequencyGrid: Sendable, Equatable {
    public let count: Int
    public let halfWidth: Double
    public var spacing: Double { 2 * halfWidth / Double(count) }

    public init(count: Int, halfWidth: Double) {
        precondition(count >= 8 && count % 2 == 0 && halfWidth > 0)
        self.count = count
        self.halfWidth = halfWidth
    }

    @inlinable public func frequency(_ i: Int) -> Double { (Double(i) - Double(count - 1) / 2) * spacing }
    public var frequencies: [Double] { (0..<count).map(frequency) }
    /// Index of −ω_i.
    @inlinable public func mirror(_ i: Int) -> Int { count - 1 - i }
}

/// Linear convolutions and the Kramers–Kronig (Hilbert) transform on a `RealFrequencyGrid`,
/// both as FFTW products on a zero-padded length 2N (enough to keep wrap-around out of the
/// N output points, see docs/kernels.md §Numerics).
public final class RealAxisConvolver: @unchecked Sendable {
    public let grid: RealFrequencyGrid
    private let fft: RealFFT
    private let hilbertKernelSpectrum: [Complex]

    public init(grid: RealFrequencyGrid) {
        self.grid = grid
        fft = RealFFT(length: 2 * grid.count)
        hilbertKernelSpectrum = fft.forward(Self.hilbertKernel(count: grid.count))
    }

    /// Kernel K(m) = ∫_{−1}^{1} (1−|u|)/(m−u) du = (m+1)ln|m+1| − 2m ln|m| + (m−1)ln|m−1|:
    /// the principal-value integral of a piecewise-linear (hat) function against 1/(ω−x),
    /// stored at index m + N − 1 for m = −(N−1) … N−1.
    static func hilbertKernel(count n: Int) -> [Double] {
        func xlogx(_ x: Double) -> Double { x == 0 ? 0 : x * log(abs(x)) }
        return (0..<(2 * n - 1)).map { index in
            let m = Double(index - (n - 1))
            return xlogx(m + 1) - 2 * xlogx(m) + xlogx(m - 1)
        }
    }

    /// P(ω_i) = ∫∫ a(x) a(y) a(ω_i − x − y) dx dy (rectangle rule, exact for the grid samples).
    public func tripleConvolution(_ a: [Double]) -> [Double] {
        precondition(a.count == grid.count)
        let spectrum = fft.forward(a).map { $0 * $0 * $0 }
        let full = fft.inverse(spectrum)
        let h2 = grid.spacing * grid.spacing
        return (0..<grid.count).map { full[$0 + grid.count - 1] * h2 }
    }

    /// Principal value H[a](ω_i) = P∫ a(x)/(ω_i − x) dx for piecewise-linear a on the grid.
    /// For a retarded function with spectral density a = −Im F/π, Re F(ω) = H[a](ω) (Kramers–Kronig).
    public func hilbert(_ a: [Double]) -> [Double] {
        precondition(a.count == grid.count)
        let spectrum = zip(fft.forward(a), hilbertKernelSpectrum).map { $0 * $1 }
        let full = fft.inverse(spectrum)
        return (0..<grid.count).map { full[$0 + grid.count - 1] }
    }
}
