import Mesh

/// Thermal condition on (part of) an outer face.
public enum ThermalBoundaryCondition: Sendable, Equatable {
    /// No heat crosses the face (∂T/∂n = 0).
    case adiabatic
    /// The face is held at a temperature (K): a substrate or heat sink.
    case fixedTemperature(Double)
    /// Heat leaves at h (T_face − T_sink): coefficient h in W/(m²·K), sink temperature in K.
    case heatTransfer(coefficient: Double, sinkTemperature: Double)
}

/// A thermal condition applied to a patch; later patches override earlier ones.
public struct ThermalBoundary: Sendable, Equatable {
    public var name: String
    public var patch: FacePatch
    public var condition: ThermalBoundaryCondition

    public init(name: String, patch: FacePatch, condition: ThermalBoundaryCondition) {
        self.name = name
        self.patch = patch
        self.condition = condition
    }
}

/// How an electrode is driven.
public enum ElectrodeDrive: Sendable, Equatable {
    /// The electrode holds a potential (V).
    case potential(Double)
    /// The electrode injects a total current (A, positive into the film); it is an
    /// equipotential contact whose potential is an unknown of the charge problem.
    case current(Double)
    /// A source voltage V_t (V) behind a series load resistor R (Ω): I = (V_t − V_e)/R
    /// (HF SI Eq. 3: V_t = V_s + R I). The contact potential is an unknown.
    case source(voltage: Double, loadResistance: Double)

    public var holdsPotential: Bool {
        if case .potential = self { return true }
        return false
    }
}

/// An equipotential metal contact on a patch of an outer face.
public struct Electrode: Sendable, Equatable {
    public var name: String
    public var patch: FacePatch
    /// Seebeck coefficient of the lead (V/K). The lead carries Peltier heat T·S_e·I, so the
    /// contact releases T (S_e − S_film) I_in: contact Peltier heat is part of the model.
    public var seebeck: Double
    public var drive: ElectrodeDrive

    public init(name: String, patch: FacePatch, seebeck: Double = 0, drive: ElectrodeDrive) {
        self.name = name
        self.patch = patch
        self.seebeck = seebeck
        self.drive = drive
    }
}
