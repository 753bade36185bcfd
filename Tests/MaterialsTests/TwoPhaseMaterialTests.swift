import XCTest
@testable import Materials

final class TwoPhaseMaterialTests: XCTestCase {
    func makeMaterial() -> TwoPhaseMaterial {
        TwoPhaseMaterial(
            name: "test",
            insulator: ConstantTransport(resistivity: 0.1, seebeck: 4e-4, thermalConductivity: 0.1),
            metal: ConstantTransport(resistivity: 0.01, seebeck: 0, thermalConductivity: 0.1),
            insulatorToMetalTemperature: 365, metalToInsulatorTemperature: 355)
    }

    func testHysteresisMemory() {
        let m = makeMaterial()
        XCTAssertEqual(m.phase(after: .insulator, at: 360), .insulator, "inside the loop an insulator stays insulating")
        XCTAssertEqual(m.phase(after: .metal, at: 360), .metal, "inside the loop a metal stays metallic")
        XCTAssertEqual(m.phase(after: .insulator, at: 366), .metal)
        XCTAssertEqual(m.phase(after: .metal, at: 354), .insulator)
        XCTAssertEqual(m.thresholdViolation(of: .insulator, at: 370), 5, accuracy: 1e-12)
        XCTAssertEqual(m.thresholdViolation(of: .metal, at: 350), 5, accuracy: 1e-12)
    }
}
