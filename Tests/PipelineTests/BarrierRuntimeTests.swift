import Models
@testable import Pipeline
import Testing

@Suite struct BarrierRuntimeTests {
    static func send(_ harness: NodeHarness, _ host: String, at seconds: Double) {
        harness.send(makePoint("cpu", ["host": host], ["v": .float(seconds)], at: seconds), groupBy: ["host"], from: "from1")
    }

    @Test func idleEmitsABarrierAtTheLastDataTimePlusIdle() throws {
        let harness = try NodeHarness("stream|from()|barrier().idle(5s)|httpOut('out')")
        Self.send(harness, "A", at: 100)
        harness.advance(seconds: 4)
        Self.send(harness, "A", at: 101)
        harness.advance(seconds: 4)
        #expect(harness.lines() == ["cpu,host=A v=100.0 100.0", "cpu,host=A v=101.0 101.0"])
        harness.advance(seconds: 1)
        harness.advance(seconds: 5)
        Self.send(harness, "A", at: 110)
        Self.send(harness, "A", at: 111.5)
        #expect(harness.lines() == [
            "cpu,host=A v=100.0 100.0", "cpu,host=A v=101.0 101.0", "barrier host=A 106.0", "barrier host=A 111.0",
            "cpu,host=A v=111.5 111.5",
        ])
    }

    @Test func aLateClockFiresOnceAndBeforeTheNextMessage() throws {
        let harness = try NodeHarness("stream|from()|barrier().idle(5s)|httpOut('out')")
        Self.send(harness, "A", at: 100)
        Self.send(harness, "B", at: 100)
        harness.clock.advance(by: 60_000_000_000)
        Self.send(harness, "A", at: 200)
        #expect(harness.lines() == [
            "cpu,host=A v=100.0 100.0", "cpu,host=B v=100.0 100.0", "barrier host=A 105.0", "barrier host=B 105.0",
            "cpu,host=A v=200.0 200.0",
        ])
    }

    @Test func deleteDropsTheGroupAfterItsBarrier() throws {
        let harness = try NodeHarness("stream|from()|barrier().idle(5s).delete(TRUE)|httpOut('out')")
        Self.send(harness, "A", at: 100)
        harness.advance(seconds: 5)
        #expect(harness.cardinality("barrier2") == 0)
        Self.send(harness, "A", at: 90)
        #expect(harness.lines() == [
            "cpu,host=A v=100.0 100.0", "barrier host=A 105.0", "delete host=A", "cpu,host=A v=90.0 90.0",
        ])
    }

    @Test func periodEmitsBarriersAtTheClocksTime() throws {
        let harness = try NodeHarness("stream|from()|barrier().period(10s)|httpOut('out')", clock: 1000)
        Self.send(harness, "A", at: 5)
        harness.advance(seconds: 9)
        Self.send(harness, "A", at: 6)
        harness.advance(seconds: 1)
        Self.send(harness, "A", at: 7)
        Self.send(harness, "A", at: 1011)
        harness.advance(seconds: 25)
        #expect(harness.lines() == [
            "cpu,host=A v=5.0 5.0", "cpu,host=A v=6.0 6.0", "barrier host=A 1010.0", "cpu,host=A v=1011.0 1011.0",
            "barrier host=A 1035.0",
        ])
    }

    @Test func batchesLosePointsOlderThanTheLastBarrier() throws {
        let harness = try NodeHarness("batch|query('SELECT v FROM cpu')|barrier().idle(5s)|httpOut('out')")
        harness.send(.batch(makeBatch("cpu", tmax: 100, [(100, ["v": .float(1)])])), from: "query1")
        harness.advance(seconds: 5)
        harness.send(.batch(makeBatch("cpu", tmax: 110, [(104, ["v": .float(2)]), (110, ["v": .float(3)])])), from: "query1")
        #expect(harness.lines() == [
            "batch cpu  100.0", "  cpu v=1.0 100.0", "barrier  105.0", "batch cpu  110.0", "  cpu v=3.0 110.0",
        ])
    }
}
