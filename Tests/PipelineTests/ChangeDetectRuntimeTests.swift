import Models
@testable import Pipeline
import Testing

@Suite struct ChangeDetectRuntimeTests {
    static let values: [[String: FieldValue]] = [
        ["a": .string("bad"), "b": .float(0)],
        ["a": .string("bad"), "b": .float(0)],
        ["a": .string("good"), "b": .float(0)],
        ["b": .float(0)],
        ["a": .string("good"), "b": .int(0)],
        ["a": .string("good"), "b": .int(0), "c": .int(1)],
        ["a": .string("bad"), "b": .int(1)],
    ]

    @Test func passesPointsWhoseWatchedFieldsChangedValueOrType() throws {
        let harness = try NodeHarness("stream|from()|changeDetect('a', 'b')|httpOut('out')")
        for (second, fields) in Self.values.enumerated() {
            harness.send(makePoint("packets", [:], fields, at: Double(second)), from: "from1")
        }
        #expect(harness.lines() == [
            "packets a=\"bad\",b=0.0 0.0", "packets a=\"good\",b=0.0 2.0", "packets a=\"good\",b=0i 4.0",
            "packets a=\"bad\",b=1i 6.0",
        ])
    }

    @Test func comparesEachBatchsPointsFromItsFirst() throws {
        let harness = try NodeHarness("batch|query('SELECT a, b FROM packets')|changeDetect('a', 'b')|httpOut('out')")
        let points = Self.values.enumerated().map { (Double($0.offset), $0.element) }
        harness.send(.batch(makeBatch("packets", tmax: 10, Array(points[0...2]))), from: "query1")
        harness.send(.batch(makeBatch("packets", tmax: 20, Array(points[1...2]))), from: "query1")
        #expect(harness.lines() == [
            "batch packets  10.0", "  packets a=\"bad\",b=0.0 0.0", "  packets a=\"good\",b=0.0 2.0",
            "batch packets  20.0", "  packets a=\"bad\",b=0.0 1.0", "  packets a=\"good\",b=0.0 2.0",
        ])
    }
}
