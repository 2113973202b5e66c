import Models
@testable import Pipeline
import Testing

@Suite struct FlattenRuntimeTests {
    static func latency(_ service: String, _ host: String?, _ value: Double, at seconds: Double) -> Point {
        var tags = ["dc": "A", "service": service]
        tags["host"] = host
        return makePoint("request_latency", tags, ["value": .float(value)], at: seconds)
    }

    @Test(arguments: [
        ("", "request_latency,dc=A auth.s1.value=700.0,auth.s2.value=702.0,cart.s1.value=800.0 0.0"),
        (".dropOriginalFieldName()", "request_latency,dc=A auth.s1=700.0,auth.s2=702.0,cart.s1=800.0 0.0"),
        (".delimiter('_')", "request_latency,dc=A auth_s1_value=700.0,auth_s2_value=702.0,cart_s1_value=800.0 0.0"),
    ])
    func flattensAGroupsPointsOfOneTimeWhenTheNextTimeArrives(properties: String, flattened: String) throws {
        let harness = try NodeHarness("stream|from()|flatten().on('service', 'host').tolerance(1s)\(properties)|httpOut('out')")
        for (service, host, value, seconds) in [("auth", "s1", 700.0, 0.0), ("auth", "s2", 702, 0.2), ("cart", "s1", 800, -0.3)] {
            harness.send(Self.latency(service, host, value, at: seconds), groupBy: ["dc"], from: "from1")
        }
        #expect(harness.lines().isEmpty)
        harness.send(Self.latency("auth", "s1", 710, at: 1), groupBy: ["dc"], from: "from1")
        #expect(harness.lines() == [flattened])
    }

    @Test func aLaterBarrierFlushesAndTheEndOfInputDoesNot() throws {
        let harness = try NodeHarness("stream|from()|flatten().on('service')|httpOut('out')")
        harness.send(Self.latency("auth", nil, 1, at: 5), groupBy: ["dc"], from: "from1")
        harness.send(.barrier(group: GroupID("dc=A"), time: 5_000_000_000), from: "from1")
        harness.send(.barrier(group: GroupID("dc=A"), time: 6_000_000_000), from: "from1")
        harness.send(Self.latency("auth", nil, 2, at: 7), groupBy: ["dc"], from: "from1")
        harness.finish()
        #expect(harness.lines() == ["barrier dc=A 5.0", "request_latency,dc=A auth.value=1.0 5.0", "barrier dc=A 6.0"])
    }

    @Test func aPointMissingATagIsSkippedButItsTagValuesLeadTheNextName() throws {
        let harness = try NodeHarness("stream|from()|flatten().on('service', 'host')|httpOut('out')")
        harness.send(Self.latency("auth", nil, 1, at: 0), groupBy: ["dc"], from: "from1")
        harness.send(Self.latency("cart", "s1", 2, at: 0), groupBy: ["dc"], from: "from1")
        harness.send(Self.latency("cart", "s1", 3, at: 1), groupBy: ["dc"], from: "from1")
        #expect(harness.lines() == ["request_latency,dc=A authcart.s1.value=2.0 0.0"])
    }

    @Test func flattensABatchPointByPoint() throws {
        let harness = try NodeHarness(
            "batch|query('SELECT value FROM request_latency')|flatten().on('service').tolerance(5s)|httpOut('out')"
        )
        var input = makeBatch("request_latency", ["dc": "A"], tmax: 20, [
            (10, ["value": .float(4)]), (10, ["value": .float(8)]), (15, ["value": .float(2)]), (16, ["value": .float(3)]),
        ])
        for (index, service) in ["auth", "cart", "auth", "cart"].enumerated() { input.points[index].tags["service"] = service }
        harness.send(.batch(input), from: "query1")
        #expect(harness.lines() == [
            "batch request_latency,dc=A  20.0", "  request_latency,dc=A auth.value=4.0,cart.value=8.0 10.0",
            "  request_latency,dc=A auth.value=2.0,cart.value=3.0 15.0",
        ])
    }
}
