@_exported import ComplexModule
@_exported import RealModule

/// The complex numbers of every kernel: swift-numerics' `Complex<Double>` (real part `real`,
/// imaginary part `imaginary`, Euclidean norm `length`; note that its `magnitude` is the
/// ∞-norm max(|re|, |im|)). Re-exported, so users of `Kernels` see the same type.
public typealias Complex = ComplexModule.Complex<Double>

/// Products and quotients with a real number as operators (swift-numerics spells them
/// `multiplied(by:)` and `divided(by:)`; a / z is a complex division).
extension ComplexModule.Complex where RealType == Double {
    @inlinable public static func * (a: Double, z: Self) -> Self { z.multiplied(by: a) }
    @inlinable public static func * (z: Self, a: Double) -> Self { z.multiplied(by: a) }
    @inlinable public static func / (z: Self, a: Double) -> Self { z.divided(by: a) }
    @inlinable public static func / (a: Double, z: Self) -> Self { Self(a) / z }
}
