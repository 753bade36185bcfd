import Foundation
import _CFFTW

/// The only file that touches FFTW's C pointers.
///
/// Two transforms are offered, each owning its plan and aligned buffers:
/// `RealFFT` (real ↔ half-complex, used for linear convolutions on the real frequency axis) and
/// `ComplexFFT` (complex ↔ complex, used for the Matsubara τ ↔ iω_n transforms).
/// Plans are made with `FFTW_ESTIMATE` under a global lock (FFTW's planner is not thread-safe);
/// executing an existing plan is safe from any thread that owns the object.
enum FFTWPlanner {
    static let lock = NSLock()
    /// FFTW_ESTIMATE = 1U << 6 (fftw3.h); written out so that the macro need not be imported.
    static let estimate: UInt32 = 1 << 6
}

/// Real-to-complex / complex-to-real DFT of a fixed even length L.
///
/// `forward` returns X_k = Σ_j x_j e^{-2πi jk/L} for k = 0 … L/2;
/// `inverse` returns x_j = (1/L) Σ_k X_k e^{+2πi jk/L} (normalised, so inverse ∘ forward = id).
public final class RealFFT: @unchecked Sendable {
    public let length: Int
    private let real: UnsafeMutablePointer<Double>
    private let spectrum: UnsafeMutablePointer<fftw_complex>
    private let forwardPlan: fftw_plan
    private let inversePlan: fftw_plan

    public init(length: Int) {
        precondition(length >= 2 && length % 2 == 0, "RealFFT needs an even length")
        self.length = length
        real = fftw_alloc_real(length)
        spectrum = fftw_alloc_complex(length / 2 + 1)
        FFTWPlanner.lock.lock()
        forwardPlan = fftw_plan_dft_r2c_1d(Int32(length), real, spectrum, FFTWPlanner.estimate)
        inversePlan = fftw_plan_dft_c2r_1d(Int32(length), spectrum, real, FFTWPlanner.estimate)
        FFTWPlanner.lock.unlock()
    }

    deinit {
        FFTWPlanner.lock.lock()
        fftw_destroy_plan(forwardPlan)
        fftw_destroy_plan(inversePlan)
        FFTWPlanner.lock.unlock()
        fftw_free(real)
        fftw_free(spectrum)
    }

    /// Forward transform of `x` zero-padded to `length`.
    public func forward(_ x: [Double]) -> [Complex] {
        precondition(x.count <= length)
        for j in 0..<length { real[j] = j < x.count ? x[j] : 0 }
        fftw_execute(forwardPlan)
        return (0...(length / 2)).map { Complex(spectrum[$0].0, spectrum[$0].1) }
    }

    /// Normalised inverse transform of a half spectrum of `length/2 + 1` values.
    public func inverse(_ spectrumIn: [Complex]) -> [Double] {
        precondition(spectrumIn.count == length / 2 + 1)
        for k in 0..<spectrumIn.count { spectrum[k] = (spectrumIn[k].real, spectrumIn[k].imaginary) }
        fftw_execute(inversePlan)
        let scale = 1.0 / Double(length)
        return (0..<length).map { real[$0] * scale }
    }
}

/// Complex DFT of a fixed length L in either direction, unnormalised:
/// `transform(x, sign: s)` returns X_k = Σ_j x_j e^{s·2πi jk/L} with s = −1 or +1.
public final class ComplexFFT: @unchecked Sendable {
    public let length: Int
    private let input: UnsafeMutablePointer<fftw_complex>
    private let output: UnsafeMutablePointer<fftw_complex>
    private let minusPlan: fftw_plan
    private let plusPlan: fftw_plan

    public init(length: Int) {
        precondition(length >= 1)
        self.length = length
        input = fftw_alloc_complex(length)
        output = fftw_alloc_complex(length)
        FFTWPlanner.lock.lock()
        minusPlan = fftw_plan_dft_1d(Int32(length), input, output, -1, FFTWPlanner.estimate)
        plusPlan = fftw_plan_dft_1d(Int32(length), input, output, 1, FFTWPlanner.estimate)
        FFTWPlanner.lock.unlock()
    }

    deinit {
        FFTWPlanner.lock.lock()
        fftw_destroy_plan(minusPlan)
        fftw_destroy_plan(plusPlan)
        FFTWPlanner.lock.unlock()
        fftw_free(input)
        fftw_free(output)
    }

    /// DFT of `x` zero-padded to `length`, with exponent sign `sign` (−1 or +1).
    public func transform(_ x: [Complex], sign: Int) -> [Complex] {
        precondition(x.count <= length && (sign == -1 || sign == 1))
        for j in 0..<length { input[j] = j < x.count ? (x[j].real, x[j].imaginary) : (0, 0) }
        fftw_execute(sign < 0 ? minusPlan : plusPlan)
        return (0..<length).map { Complex(output[$0].0, output[$0].1) }
    }
}
