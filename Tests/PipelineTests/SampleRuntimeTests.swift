import Models
@testable import Pipeline
import Testing

@Suite struct SampleRuntimeTests {
    @Test func keepsEveryNthPointOfEachGroup() throws {
        let harness = try NodeHarness("stream|from()|sample(2)|httpOut('out')")
        for second in 0..<5 {
            for host in ["A", "B"] {
                let point = makePoint("cpu", ["host": host], ["v": .float(Double(second))], at: Double(second))
                harness.send(point, groupBy: ["host"], from: "from1")
            }
        }
        #expect(harness.lines() == [
            "cpu,host=A v=0.0 0.0", "cpu,host=B v=0.0 0.0", "cpu,host=A v=2.0 2.0", "cpu,host=B v=2.0 2.0",
            "cpu,host=A v=4.0 4.0", "cpu,host=B v=4.0 4.0",
        ])
        #expect(harness.cardinality("sample2") == 2)
    }

    @Test func keepsPointsOnMultiplesOfTheInterval() throws {
        let harness = try NodeHarness("stream|from()|sample(2s)|httpOut('out')")
        for seconds in [0, 0.5, 1, 2, 3, 4.25, 6] {
            harness.send(makePoint("cpu", [:], ["v": .float(seconds)], at: seconds), from: "from1")
        }
        #expect(harness.lines() == ["cpu v=0.0 0.0", "cpu v=2.0 2.0", "cpu v=6.0 6.0"])
    }

    @Test func countsEachBatchFromItsFirstPoint() throws {
        let harness = try NodeHarness("batch|query('SELECT v FROM cpu')|sample(2)|httpOut('out')")
        let points: [(Double, [String: FieldValue])] = [(0, ["v": .int(0)]), (1, ["v": .int(1)]), (2, ["v": .int(2)])]
        harness.send(.batch(makeBatch("cpu", tmax: 3, points)), from: "query1")
        harness.send(.batch(makeBatch("cpu", tmax: 3, points)), from: "query1")
        #expect(harness.lines() == [
            "batch cpu  3.0", "  cpu v=0i 0.0", "  cpu v=2i 2.0", "batch cpu  3.0", "  cpu v=0i 0.0", "  cpu v=2i 2.0",
        ])
    }

    @Test func forwardsDeletesOfGroupsItHasSeenOnly() throws {
        let harness = try NodeHarness("stream|from()|sample(2)|httpOut('out')")
        harness.send(makePoint("cpu", ["host": "A"], ["v": .float(0)], at: 0), groupBy: ["host"], from: "from1")
        harness.send(.deleteGroup(GroupID("host=B")), from: "from1")
        harness.send(.deleteGroup(GroupID("host=A")), from: "from1")
        harness.send(makePoint("cpu", ["host": "A"], ["v": .float(1)], at: 1), groupBy: ["host"], from: "from1")
        #expect(harness.lines() == ["cpu,host=A v=0.0 0.0", "delete host=A", "cpu,host=A v=1.0 1.0"])
    }
}
