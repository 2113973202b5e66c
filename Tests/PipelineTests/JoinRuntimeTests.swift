import Models
@testable import Pipeline
import Testing

@Suite struct JoinRuntimeTests {
    /// Two stream parents (`from1`, `from2`) joined into `join4`.
    static func streams(_ properties: String) throws -> NodeHarness {
        try NodeHarness("""
        var a = stream|from()
        var b = stream|from()
        a|join(b).as('a', 'b')\(properties)|httpOut('out')
        """)
    }

    static func a(_ value: Double, at seconds: Double, host: String = "A") -> Point {
        makePoint("cpu", ["host": host], ["v": .float(value)], at: seconds)
    }

    static func b(_ value: Double, at seconds: Double, host: String = "A") -> Point {
        makePoint("mem", ["host": host], ["v": .float(value)], at: seconds)
    }

    @Test func joinsPointsOfTheSameGroupAndTime() throws {
        let harness = try Self.streams(".streamName('ab')")
        harness.send(Self.a(1, at: 0), groupBy: ["host"], from: "from1")
        harness.send(Self.a(2, at: 0, host: "B"), groupBy: ["host"], from: "from1")
        harness.send(Self.b(10, at: 0), groupBy: ["host"], from: "from2")
        #expect(harness.lines() == ["ab,host=A a.v=1.0,b.v=10.0 0.0"])
        #expect(harness.json() == """
        {"series":[{"name":"ab","tags":{"host":"A"},"columns":["time","a.v","b.v"],"values":[["1970-01-01T00:00:00Z",1,10]]}]}
        """)
        #expect(harness.cardinality("join4") == 2)
    }

    @Test func innerJoinDropsASetOnceEveryParentHasPassedIt() throws {
        let harness = try Self.streams("")
        harness.send(Self.a(1, at: 0), from: "from1")
        harness.send(Self.b(20, at: 1), from: "from2")
        #expect(harness.lines().isEmpty)
        harness.send(Self.a(2, at: 1), from: "from1")
        #expect(harness.lines() == ["cpu a.v=2.0,b.v=20.0 1.0"])
    }

    @Test(arguments: [
        (".fill(0.0)", "cpu a.v=1.0,b.v=0.0 0.0"),
        (".fill(100)", "cpu a.v=1.0,b.v=100i 0.0"),
        (".fill('null')", "cpu a.v=1.0 0.0"),
    ])
    func outerJoinFillsTheMissingParentWithTheFirstParentsFieldNames(fill: String, filled: String) throws {
        let harness = try Self.streams(fill)
        harness.send(Self.a(1, at: 0), from: "from1")
        harness.send(makePoint("mem", [:], ["other": .float(20)], at: 1), from: "from2")
        harness.send(Self.a(2, at: 1), from: "from1")
        #expect(harness.lines() == [filled, "cpu a.v=2.0,b.other=20.0 1.0"])
    }

    @Test func toleranceRoundsTimesHalfwayUp() throws {
        let harness = try Self.streams(".tolerance(1s)")
        harness.send(Self.a(1, at: 0.6), from: "from1")
        harness.send(Self.b(10, at: 1.4), from: "from2")
        harness.send(Self.a(2, at: 1.5), from: "from1")
        harness.send(Self.b(20, at: 2.4), from: "from2")
        #expect(harness.lines() == ["cpu a.v=1.0,b.v=10.0 1.0", "cpu a.v=2.0,b.v=20.0 2.0"])
    }

    @Test func aParentSendingTheSameTimeTwiceQueuesSets() throws {
        let harness = try Self.streams("")
        harness.send(Self.a(1, at: 0), from: "from1")
        harness.send(Self.a(2, at: 0), from: "from1")
        harness.send(Self.b(10, at: 0), from: "from2")
        harness.send(Self.b(20, at: 0), from: "from2")
        #expect(harness.lines() == ["cpu a.v=1.0,b.v=10.0 0.0", "cpu a.v=2.0,b.v=20.0 0.0"])
    }

    @Test func finishingTheInputEmitsBufferedSetsGroupByGroup() throws {
        let harness = try Self.streams(".fill(0.0)")
        harness.send(Self.a(1, at: 0, host: "B"), groupBy: ["host"], from: "from1")
        harness.send(Self.a(2, at: 0), groupBy: ["host"], from: "from1")
        harness.send(Self.b(30, at: 5, host: "B"), groupBy: ["host"], from: "from2")
        #expect(harness.lines().isEmpty)
        harness.finish()
        #expect(harness.lines() == [
            "cpu,host=B a.v=1.0,b.v=0.0 0.0", "mem,host=B a.v=0.0,b.v=30.0 5.0", "cpu,host=A a.v=2.0,b.v=0.0 0.0",
        ])
    }

    @Test func barriersMoveAParentPastBufferedSets() throws {
        let harness = try Self.streams(".fill(0.0)")
        harness.send(Self.a(1, at: 0), from: "from1")
        harness.send(.barrier(group: .none, time: 1_000_000_000), from: "from2")
        #expect(harness.lines() == ["barrier  1.0"])
        harness.send(.barrier(group: .none, time: 1_000_000_000), from: "from1")
        #expect(harness.lines() == ["barrier  1.0", "cpu a.v=1.0,b.v=0.0 0.0", "barrier  1.0"])
    }

    @Test func deletingAGroupDropsItsSets() throws {
        let harness = try Self.streams(".fill(0.0)")
        harness.send(Self.a(1, at: 0), groupBy: ["host"], from: "from1")
        harness.send(.deleteGroup(GroupID("host=A")), from: "from1")
        #expect(harness.cardinality("join4") == 0)
        harness.finish()
        #expect(harness.lines() == ["delete host=A"])
    }

    @Test func aGroupKeepsAtMostTheLimitOfSets() throws {
        let harness = try Self.streams(".fill(0.0)")
        for second in 0...JoinRuntime.limit { harness.send(Self.a(1, at: Double(second)), from: "from1") }
        #expect(harness.dropped("join4") == 1)
        harness.finish()
        let lines = harness.lines()
        #expect(lines.count == JoinRuntime.limit)
        #expect(lines.first == "cpu a.v=1.0,b.v=0.0 1.0")
    }

    @Test func onMatchesSpecificPointsWithLessSpecificOnes() throws {
        let harness = try NodeHarness("""
        var lock = stream|from()
        stream|from()|join(lock).as('disk', 'lock').on('host').fill(0.0)|httpOut('out')
        """)
        func lock(_ count: Double, at seconds: Double) {
            harness.send(makePoint("lock", ["host": "A"], ["count": .float(count)], at: seconds), groupBy: ["host"], from: "from1")
        }
        func disk(_ path: String, _ used: Double, at seconds: Double) {
            harness.send(
                makePoint("disk", ["host": "A", "path": path], ["used": .float(used)], at: seconds), groupBy: ["host", "path"],
                from: "from2"
            )
        }
        lock(0, at: 0)
        disk("/", 50, at: 0)
        disk("/tmp", 40, at: 0)
        disk("/", 60, at: 1)
        lock(1, at: 3)
        disk("/", 80, at: 3)
        #expect(harness.lines() == [
            "disk,host=A,path=/ disk.used=50.0,lock.count=0.0 0.0",
            "disk,host=A,path=/tmp disk.used=40.0,lock.count=0.0 0.0",
            "disk,host=A,path=/ disk.used=60.0,lock.used=0.0 1.0",
            "disk,host=A,path=/ disk.used=80.0,lock.count=1.0 3.0",
        ])
    }

    @Test func joinsBatchesPointByPoint() throws {
        func harness(_ fill: String) throws -> NodeHarness {
            try NodeHarness("""
            var a = batch|query('SELECT v FROM cpu')
            var b = batch|query('SELECT v FROM mem')
            a|join(b).as('a', 'b').streamName('ab')\(fill)|httpOut('out')
            """)
        }
        let inner = try harness("")
        let outer = try harness(".fill(0.0)")
        for harness in [inner, outer] {
            let cpu = makeBatch("cpu", ["host": "A"], tmax: 10, [(0, ["v": .float(1)]), (2, ["v": .float(2)]), (4, ["v": .float(3)])])
            harness.send(.batch(cpu), from: "query1")
            harness.send(.batch(makeBatch("mem", ["host": "A"], tmax: 10, [(0, ["v": .float(10)]), (4, ["v": .float(30)])])), from: "query2")
        }
        #expect(inner.lines() == [
            "batch ab,host=A  10.0", "  ab,host=A a.v=1.0,b.v=10.0 0.0", "  ab,host=A a.v=3.0,b.v=30.0 4.0",
        ])
        #expect(outer.lines() == [
            "batch ab,host=A  10.0", "  ab,host=A a.v=1.0,b.v=10.0 0.0", "  ab,host=A a.v=2.0,b.v=0.0 2.0",
            "  ab,host=A a.v=3.0,b.v=30.0 4.0",
        ])
    }
}

@Suite struct QueryOrderTests {
    /// Kapacitor hands batch recording N to the Nth query of its pipeline walk, where a query
    /// declared later comes first when both feed the same join.
    @Test func batchRecordingsFeedQueriesInKapacitorsWalkOrder() throws {
        let harness = try NodeHarness("""
        var first = batch|query('SELECT v FROM a')
        var second = batch|query('SELECT v FROM b')
        second|join(first).as('second', 'first')|httpOut('out')
        """)
        #expect(harness.runner.queries.map { harness.runner.graph.vertices[$0].name } == ["query2", "query1"])
    }
}
