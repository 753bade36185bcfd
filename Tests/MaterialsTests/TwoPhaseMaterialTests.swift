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

    /// The smoothed threshold: 0 and 1 outside its window, ½ on the threshold, its slope
    /// equal to a central difference, and the play-operator memory inside the loop.
    func testSmoothedThresholdAndMemory() {
        let m = makeMaterial()
        let w = 2.0
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0, at: 363.9, width: w).fraction, 0)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0, at: 365, width: w).fraction, 0.5, accuracy: 1e-15)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0, at: 366.1, width: w).fraction, 1)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 1, at: 355, width: w).fraction, 0.5, accuracy: 1e-15)
        for t in stride(from: 353.5, through: 366.5, by: 0.37) {
            for memory in [0.0, 0.3, 1.0] {
                let h = 1e-6
                let f = m.smoothedMetalFraction(memory: memory, at: t, width: w)
                let up = m.smoothedMetalFraction(memory: memory, at: t + h, width: w).fraction
                let down = m.smoothedMetalFraction(memory: memory, at: t - h, width: w).fraction
                XCTAssertEqual(f.derivative, (up - down) / (2 * h), accuracy: 1e-6, "T = \(t), memory \(memory)")
                XCTAssert((0...1).contains(f.fraction))
            }
        }
        // inside the hysteresis loop a cell keeps what it had
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0.3, at: 360, width: w).fraction, 0.3)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0.3, at: 360, width: w).derivative, 0)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 0, at: 360, width: w).fraction, 0)
        XCTAssertEqual(m.smoothedMetalFraction(memory: 1, at: 360, width: w).fraction, 1)
        // as the width shrinks the law tends to the sharp threshold of phase(after:at:)
        for t in [354.0, 356.0, 364.0, 366.0] {
            for previous in [Phase.insulator, .metal] {
                let sharp = m.phase(after: previous, at: t) == .metal ? 1.0 : 0.0
                let smooth = m.smoothedMetalFraction(memory: previous == .metal ? 1 : 0, at: t, width: 1e-3).fraction
                XCTAssertEqual(smooth, sharp, "T = \(t), from \(previous)")
            }
        }
    }
}
