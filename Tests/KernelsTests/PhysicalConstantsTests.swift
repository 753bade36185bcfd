import XCTest
@testable import Kernels

final class PhysicalConstantsTests: XCTestCase {
    func testBoltzmannOverCharge() {
        // k_B/e = 86.173 µV/K
        XCTAssertEqual(PhysicalConstants.boltzmannOverCharge * 1e6, 86.173, accuracy: 1e-3)
    }
}
