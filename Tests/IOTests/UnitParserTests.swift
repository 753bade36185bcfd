import XCTest
@testable import IO

final class UnitParserTests: XCTestCase {
    func assertQuantity(_ text: String, _ value: Double, _ dimension: PhysicalDimension, file: StaticString = #filePath, line: UInt = #line) throws {
        let q = try Quantity.parse(text)
        XCTAssertEqual(q.dimension, dimension, text, file: file, line: line)
        XCTAssertEqual(q.value, value, accuracy: 1e-12 * abs(value), text, file: file, line: line)
    }

    func testUnitsOfTheGeometryFiles() throws {
        try assertQuantity("0.2 mm", 2e-4, .length)
        try assertQuantity("10 mA", 1e-2, .current)
        try assertQuantity("10 ohm*cm", 0.1, .resistivity)
        try assertQuantity("800 uV/K", 8e-4, .seebeck)
        try assertQuantity("800 µV/K", 8e-4, .seebeck)
        try assertQuantity("1e-3 W/(cm*K)", 0.1, .thermalConductivity)
        try assertQuantity("300 K", 300, .temperature)
        try assertQuantity("5 W/(m^2*K)", 5, .heatTransferCoefficient)
        try assertQuantity("1 kohm", 1000, .resistance)
        try assertQuantity("2 V", 2, .voltage)
        try assertQuantity("-3.5e+2 nm", -3.5e-7, .length)
        try assertQuantity("2e6 J/(m^3*K)", 2e6, .volumetricHeatCapacity)
        try assertQuantity("1 S/m", 1, .electricalConductivity)
    }

    func testDerivedUnitsReduceToTheSameDimension() throws {
        // V/A is an ohm; W/A is a volt; kg*m^2/(s^3*A) is a volt.
        XCTAssertEqual(try Quantity.parseUnit("V/A").dimension, .resistance)
        XCTAssertEqual(try Quantity.parseUnit("W/A").dimension, .voltage)
        XCTAssertEqual(try Quantity.parseUnit("kg*m^2/(s^3*A)").dimension, .voltage)
        XCTAssertEqual(try Quantity.parseUnit("kg").value, 1)
        XCTAssertEqual(try Quantity.parseUnit("mm^-1").value, 1e3, accuracy: 1e-9)
    }

    func testMalformedQuantitiesAreRejected() {
        for text in ["mm", "1 furlong", "1 W/(m*K", "1 m^x", "", "1 mm )", "1 * m"] {
            XCTAssertThrowsError(try Quantity.parse(text), text) { error in
                XCTAssertTrue(error is UnitSyntaxError, "\(text): \(error)")
            }
        }
    }
}
