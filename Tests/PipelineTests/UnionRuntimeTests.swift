import Models
@testable import Pipeline
import Testing

@Suite struct UnionRuntimeTests {
    static func harness(_ properties: String = "") throws -> NodeHarness {
        try NodeHarness("""
        var a = stream|from()
        var b = stream|from()
        a|union(b)\(properties)|httpOut('out')
        """)
    }

    @Test func emitsUpToTheLowestParentsTimeAndTheRestAtTheEnd() throws {
        let harness = try Self.harness()
        harness.send(makePoint("a", [:], ["v": .float(0)], at: 0), from: "from1")
        harness.send(makePoint("a", [:], ["v": .float(2)], at: 2), from: "from1")
        #expect(harness.lines().isEmpty)
        harness.send(makePoint("b", [:], ["v": .float(1)], at: 1), from: "from2")
        #expect(harness.lines() == ["a v=0.0 0.0", "b v=1.0 1.0"])
        harness.finish()
        #expect(harness.lines() == ["a v=0.0 0.0", "b v=1.0 1.0", "a v=2.0 2.0"])
    }

    @Test func renameChangesTheNameAndTheGroup() throws {
        let harness = try Self.harness(".rename('all')")
        let byName = Dimensions(byName: true, tagNames: ["host"])
        harness.send(.point(PointMessage(makePoint("a", ["host": "A"], ["v": .float(0)], at: 0), dimensions: byName)), from: "from1")
        harness.send(makePoint("b", [:], ["v": .float(1)], at: 0), from: "from2")
        #expect(harness.lines() == ["all,host=A v=0.0 0.0", "all v=1.0 0.0"])
        guard case .point(let renamed) = harness.messages().first else {
            Issue.record("no point")
            return
        }
        #expect(renamed.group == GroupID("all\nhost=A"))
    }

    @Test func batchesGoInTmaxOrderAndDeletesPassStraightThrough() throws {
        let harness = try NodeHarness("""
        var a = batch|query('SELECT v FROM a')
        var b = batch|query('SELECT v FROM b')
        a|union(b)|httpOut('out')
        """)
        harness.send(.batch(makeBatch("a", tmax: 10, [(5, ["v": .float(1)])])), from: "query1")
        harness.send(.deleteGroup(GroupID("x")), from: "query1")
        harness.send(.batch(makeBatch("b", tmax: 20, [(15, ["v": .float(2)])])), from: "query2")
        harness.send(.batch(makeBatch("a", tmax: 30, [(25, ["v": .float(3)])])), from: "query1")
        #expect(harness.lines() == ["delete x", "batch a  10.0", "  a v=1.0 5.0", "batch b  20.0", "  b v=2.0 15.0"])
    }
}
