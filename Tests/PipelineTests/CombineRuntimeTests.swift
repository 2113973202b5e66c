import Models
@testable import Pipeline
import Testing

@Suite struct CombineRuntimeTests {
    static func latency(_ service: String, _ value: Double, at seconds: Double) -> Point {
        makePoint("request_latency", ["dc": "A", "service": service], ["value": .float(value)], at: seconds)
    }

    static func run(_ combine: String, _ points: [(String, Double, Double)]) throws -> NodeHarness {
        let harness = try NodeHarness("stream|from()|\(combine).tolerance(1s)|httpOut('out')")
        for (service, value, seconds) in points {
            harness.send(Self.latency(service, value, at: seconds), groupBy: ["dc"], from: "from1")
        }
        return harness
    }

    @Test func combinesEveryPairOfATimeInIndexOrder() throws {
        let harness = try Self.run("combine(lambda: TRUE, lambda: TRUE).as('first', 'second')", [
            ("auth", 1, 0), ("log", 2, 0.2), ("cart", 4, -0.2), ("auth", 8, 5),
        ])
        #expect(harness.lines() == [
            "request_latency,dc=A,first.service=auth,second.service=log first.value=1.0,second.value=2.0 0.0",
            "request_latency,dc=A,first.service=auth,second.service=cart first.value=1.0,second.value=4.0 0.0",
            "request_latency,dc=A,first.service=log,second.service=cart first.value=2.0,second.value=4.0 0.0",
        ])
    }

    @Test func eachExpressionTakesTheFirstUnusedPointItMatches() throws {
        let harness = try Self.run("combine(lambda: \"service\" == 'auth', lambda: TRUE).as('auth', 'other')", [
            ("log", 2, 0), ("auth", 1, 0), ("cart", 4, 0), ("auth", 8, 5),
        ])
        #expect(harness.lines() == [
            "request_latency,auth.service=auth,dc=A,other.service=log auth.value=1.0,other.value=2.0 0.0",
            "request_latency,auth.service=auth,dc=A,other.service=cart auth.value=1.0,other.value=4.0 0.0",
        ])
    }

    @Test func refusesMoreCombinationsThanMax() throws {
        let harness = try Self.run("combine(lambda: TRUE, lambda: TRUE).as('a', 'b').max(2)", [
            ("auth", 1, 0), ("log", 2, 0), ("cart", 4, 0), ("auth", 8, 5),
        ])
        #expect(harness.lines().isEmpty)
        #expect(harness.errors == ["combine2: refusing to perform combination as total combinations 3 exceeds max combinations 2"])
    }

    @Test func combinesABatchAtItsEnd() throws {
        let harness = try NodeHarness(
            "batch|query('SELECT value FROM request_latency')|combine(lambda: TRUE, lambda: TRUE).as('a', 'b')|httpOut('out')"
        )
        var input = makeBatch("request_latency", ["dc": "A"], tmax: 20, [(10, ["value": .float(1)]), (10, ["value": .float(2)])])
        input.points[0].tags["service"] = "auth"
        input.points[1].tags["service"] = "log"
        harness.send(.batch(input), from: "query1")
        #expect(harness.lines() == ["request_latency,a.service=auth,b.service=log,dc=A a.value=1.0,b.value=2.0 10.0"])
    }

    @Test(arguments: [(3, 2, [[0, 1], [0, 2], [1, 2]]), (4, 3, [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]]), (1, 2, [])])
    func enumeratesCombinationsLikeKapacitor(n: Int, k: Int, expected: [[Int]]) {
        var all: [[Int]] = []
        Combinations(n: n, k: k).forEach { all.append($0) }
        #expect(all == expected)
        #expect(Combinations(n: n, k: k).count == (expected.isEmpty ? nil : Int64(expected.count)))
    }
}
