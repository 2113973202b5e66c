import Models
@testable import Pipeline
import Testing

/// The eval node's results stored as Kapacitor stores them, and the alert node's per-group state
/// kept apart when groups come and go.
@Suite struct EvalAlertStateTests {
    static func eval(_ properties: String) throws -> NodeHarness {
        try NodeHarness("stream|from()|eval(lambda: \"v\" * 2.0, lambda: \"v\" + 1.0)\(properties)|httpOut('out')")
    }

    /// Distinct names are stored in order; a repeated name keeps its first position and the last
    /// value, as setting fields one by one does.
    @Test(arguments: [
        (".as('a', 'b')", "cpu a=3.0,b=2.5 1.0"),
        (".as('b', 'a')", "cpu b=3.0,a=2.5 1.0"),
        (".as('x', 'x')", "cpu x=2.5 1.0"),
        (".as('v', 'w').keep()", "cpu v=3.0,w=2.5 1.0"),
        (".as('x', 'x').keep()", "cpu v=1.5,x=2.5 1.0"),
        (".as('x', 'y').keep('y', 'v')", "cpu y=2.5,v=1.5 1.0"),
    ])
    func evalStoresResults(properties: String, line: String) throws {
        let harness = try Self.eval(properties)
        for _ in 0..<2 { harness.send(makePoint("cpu", [:], ["v": .float(1.5)], at: 1), from: "from1") }
        #expect(harness.lines() == [line, line])
    }

    /// A later expression reads the point's own field or tag of a result's name, not the result,
    /// as Kapacitor fills each expression's scope from the point: a result named as a tag is no
    /// field-and-tag duplicate.
    @Test func laterExpressionsSeeThePointsOwnFieldsAndTags() throws {
        let harness = try NodeHarness(
            "stream|from()|eval(lambda: \"v\" * 2.0, lambda: \"host\", lambda: \"v\", lambda: \"copy\" + '!').as('host', 'copy', 'v', 'w')|httpOut('out')")
        harness.send(makePoint("cpu", ["host": "a"], ["v": .float(1.5)], at: 1), from: "from1")
        #expect(harness.errors.isEmpty)
        #expect(harness.lines() == [#"cpu,host=a host=3.0,copy="a",v=1.5,w="a!" 1.0"#])
    }

    /// Each group keeps its own lambda state (`count()` per group) while points of the groups
    /// alternate; a deleted group starts over.
    @Test func evalKeepsLambdaStatePerGroup() throws {
        let harness = try NodeHarness("stream|from()|eval(lambda: count()).as('n')|httpOut('out')")
        for host in ["A", "A", "B", "A", "B"] {
            harness.send(makePoint("cpu", ["host": host], ["v": .float(1)], at: 1), groupBy: ["host"], from: "from1")
        }
        harness.send(.deleteGroup(GroupID("host=A")), from: "from1")
        harness.send(makePoint("cpu", ["host": "A"], ["v": .float(1)], at: 2), groupBy: ["host"], from: "from1")
        #expect(harness.lines() == [
            "cpu,host=A n=1i 1.0", "cpu,host=A n=2i 1.0", "cpu,host=B n=1i 1.0", "cpu,host=A n=3i 1.0",
            "cpu,host=B n=2i 1.0", "delete host=A", "cpu,host=A n=1i 2.0",
        ])
    }

    /// Deleting a group moves another group's state into its place: the states stay with their
    /// groups, and the deleted group starts from OK.
    @Test func alertGroupsKeepTheirStateWhenAGroupIsDeleted() throws {
        let harness = try NodeHarness(
            "stream|from()|alert().info(lambda: \"v\" > 10.0).stateChangesOnly().levelTag('level')|httpOut('out')")
        func send(_ host: String, _ value: Double, at seconds: Double) {
            harness.send(makePoint("cpu", ["host": host], ["v": .float(value)], at: seconds), groupBy: ["host"], from: "from1")
        }
        send("A", 20, at: 1)
        send("B", 20, at: 1)
        send("C", 20, at: 1)
        send("A", 20, at: 2)
        harness.send(.deleteGroup(GroupID("host=A")), from: "from1")
        #expect(harness.cardinality("alert2") == 2)
        send("B", 20, at: 3)
        send("C", 5, at: 3)
        send("A", 20, at: 3)
        send("C", 5, at: 4)
        send("B", 5, at: 4)
        #expect(harness.lines() == [
            "cpu,host=A,level=INFO v=20.0 1.0", "cpu,host=B,level=INFO v=20.0 1.0", "cpu,host=C,level=INFO v=20.0 1.0",
            "delete host=A", "cpu,host=C,level=OK v=5.0 3.0", "cpu,host=A,level=INFO v=20.0 3.0", "cpu,host=B,level=OK v=5.0 4.0",
        ])
        #expect(harness.cardinality("alert2") == 3)
    }
}
