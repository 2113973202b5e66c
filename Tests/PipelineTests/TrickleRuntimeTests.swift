import Models
@testable import Pipeline
import Testing

@Suite struct TrickleRuntimeTests {
    @Test func turnsABatchIntoItsPointsWithTheBatchsGroup() throws {
        let harness = try NodeHarness("batch|query('SELECT v FROM cpu')|trickle()|httpOut('out')")
        var input = makeBatch("cpu", ["host": "A"], tmax: 10, [(0, ["v": .float(1)]), (5, ["v": .float(2)])])
        input.points[1].tags["cpu"] = "cpu0"
        harness.send(.batch(input), from: "query1")
        harness.send(.barrier(group: input.group, time: 10_000_000_000), from: "query1")
        #expect(harness.lines() == ["cpu,host=A v=1.0 0.0", "cpu,cpu=cpu0,host=A v=2.0 5.0", "barrier host=A 10.0"])
        let groups = harness.messages().compactMap { if case .point(let point) = $0 { point.group } else { nil } }
        #expect(groups == [GroupID("host=A"), GroupID("host=A")])
        #expect(harness.json() == """
        {"series":[{"name":"cpu","tags":{"cpu":"cpu0","host":"A"},"columns":["time","v"],"values":[["1970-01-01T00:00:05Z",2]]}]}
        """)
    }
}
