import Models
@testable import Pipeline
import Testing

@Suite struct ShiftRuntimeTests {
    @Test(arguments: [("5s", "cpu v=1.0 15.0"), ("-5s", "cpu v=1.0 5.0")])
    func shiftsPoints(shift: String, shifted: String) throws {
        let harness = try NodeHarness("stream|from()|shift(\(shift))|httpOut('out')")
        harness.send(makePoint("cpu", [:], ["v": .float(1)], at: 10), from: "from1")
        #expect(harness.lines() == [shifted])
    }

    @Test func shiftsBatchesAndTheirPointsButNotBarriers() throws {
        let harness = try NodeHarness("batch|query('SELECT v FROM cpu')|shift(1m)|httpOut('out')")
        harness.send(.batch(makeBatch("cpu", tmax: 10, [(0, ["v": .float(1)]), (5, ["v": .float(2)])])), from: "query1")
        harness.send(.barrier(group: .none, time: 20_000_000_000), from: "query1")
        #expect(harness.lines() == ["batch cpu  70.0", "  cpu v=1.0 60.0", "  cpu v=2.0 65.0", "barrier  20.0"])
    }

    @Test func refusesAZeroShift() {
        #expect(throws: PipelineError.self) { try NodeHarness("stream|from()|shift(0s)|httpOut('out')") }
    }
}
