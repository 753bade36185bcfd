/// SI values of the constants the kernels need to map model units onto a device
/// (CODATA 2018 exact values).
public enum PhysicalConstants {
    /// Boltzmann constant k_B in J/K.
    public static let boltzmann = 1.380649e-23
    /// Elementary charge e in C.
    public static let elementaryCharge = 1.602176634e-19
    /// k_B / e in V/K (≈ 86.17 µV/K): the natural unit of a Seebeck coefficient.
    public static let boltzmannOverCharge = boltzmann / elementaryCharge
}
