import Models
import Pipeline
import Testing

/// The functions on stream edges: aggregates reduce the points of one time and emit when a later
/// time arrives; transformations emit per point and keep their state across the stream.
@Suite struct InfluxQLStreamTests {
    /// Writes `points` (second, value), then far later points, through `call` and a window that
    /// gathers every result; returns the window's rows. An aggregate's results wait for the next
    /// time, so it takes two later points to bring one past the window.
    func results(_ call: String, _ points: [(Int64, FieldValue)]) throws -> (output: String, errors: [String]) {
        let harness = try InfluxQLHarness(stream: "\(call)|window().period(100s).every(100s)")
        for (time, value) in points { harness.write(["v": value], at: time) }
        let sentinel = points.last?.1 ?? .float(0)
        harness.write(["v": sentinel], at: 1000)
        if !["difference", "cumulativeSum", "movingAverage", "elapsed"].contains(where: call.hasPrefix) {
            harness.write(["v": sentinel], at: 2000)
        }
        return (harness.output(), harness.errors)
    }

    @Test func aggregatesEmitEachTimeWhenTheNextArrives() throws {
        let run = try results("mean('v')", [(0, .float(1)), (0, .float(3)), (1, .int(5)), (2, .float(7))])
        #expect(run.output == series(["mean"], [row(0, "2"), row(1, "5"), row(2, "7")]))
        #expect(run.errors.isEmpty)
    }

    @Test func theLastTimeIsNeverEmitted() throws {
        let harness = try InfluxQLHarness(stream: "count('v')")
        harness.write(.floats(1, 2))
        #expect(harness.output() == series(["count"], [row(0, "1")]))
    }

    @Test(arguments: [
        ("difference('v')", [(0, 1.0), (1, 4), (2, 9), (3, 9)], ["difference"], [row(1, "3"), row(2, "5"), row(3, "0")]),
        ("difference('v')", [(0, 1.0), (0, 5), (1, 4)], ["difference"], [row(1, "3")]),
        ("cumulativeSum('v')", [(0, 1.0), (1, 2), (2, 3)], ["cumulativeSum"], [row(0, "1"), row(1, "3"), row(2, "6")]),
        ("movingAverage('v', 2)", [(0, 1.0), (1, 2), (2, 3)], ["movingAverage"], [row(1, "1.5"), row(2, "2.5")]),
        ("elapsed('v', 1s)", [(0, 1.0), (2, 1), (5, 1)], ["elapsed"], [row(2, "2"), row(5, "3")]),
        ("max('v')", [(0, 1.0), (0, 4), (1, 2)], ["max"], [row(0, "4"), row(1, "2")]),
    ] as [(String, [(Int64, Double)], [String], [String])])
    func transformationsAndSelectors(call: String, points: [(Int64, Double)], columns: [String], rows: [String]) throws {
        let run = try results(call, points.map { ($0.0, .float($0.1)) })
        #expect(run.output == series(columns, rows))
        #expect(run.errors.isEmpty)
    }

    @Test func aTransformationReemitsWhenAPointCannotBeAggregated() throws {
        let harness = try InfluxQLHarness(stream: "cumulativeSum('v')|window().period(100s).every(100s)")
        harness.write(["v": .int(1)], at: 0)
        harness.write(["x": .int(1)], at: 1)
        harness.write(["v": .float(2)], at: 2)
        harness.write(["v": .int(2)], at: 3)
        harness.write(["v": .int(0)], at: 1000)
        #expect(harness.output() == series(["cumulativeSum"], [row(0, "1"), row(0, "1"), row(0, "1"), row(3, "3")]))
        #expect(harness.errors == [
            "cumulativeSum2: failed to aggregate point: field v missing from point cannot aggregate",
            "cumulativeSum2: failed to aggregate point: field v has wrong type: got float64 exp int64",
        ])
    }

    @Test func aPointWithoutTheFieldStartsANewTimeWithoutAReducer() throws {
        let harness = try InfluxQLHarness(stream: "mean('w')")
        harness.write(["w": .int(1011)], at: 10)
        harness.write(["v": .int(1010)], at: 10)
        harness.write(["v": .int(1011)], at: 11)
        harness.write(["v": .int(1012)], at: 12)
        #expect(harness.output() == series(["mean"], [row(10, "1011")]))
        #expect(harness.errors == [
            "mean2: failed to aggregate point: field w missing from point cannot aggregate",
            "mean2: failed to realize reduce context from fields: field \"w\" missing from point",
            "mean2: failed to realize reduce context from fields: field \"w\" missing from point",
        ])
    }

    @Test func topOnAStreamEmitsABatchPerTime() throws {
        let harness = try InfluxQLHarness(stream: "top(2, 'v')")
        harness.write(["v": .int(1)], at: 0, tags: ["host": "a"])
        harness.write(["v": .int(3)], at: 0, tags: ["host": "b"])
        harness.write(["v": .int(2)], at: 0, tags: ["host": "c"])
        harness.write(["v": .int(9)], at: 1, tags: ["host": "a"])
        #expect(harness.output() == series(["host", "top"], [row(0, "\"b\"", "3"), row(0, "\"c\"", "2")]))
    }

    @Test func groupsAreReducedApart() throws {
        let harness = try InfluxQLHarness(script: "stream|from().measurement('m').groupBy('host')|sum('v')|httpOut('out')")
        for (time, host, value) in [(0, "a", 1), (0, "b", 10), (0, "a", 2), (1, "b", 20), (1, "a", 3), (2, "a", 0), (2, "b", 0)] as [(Int64, String, Int64)] {
            harness.write(["v": .int(value)], at: time, tags: ["host": host])
        }
        #expect(harness.output() == """
        {"series":[{"name":"m","tags":{"host":"b"},"columns":["time","sum"],"values":[["1970-01-01T00:00:01Z",20]]},\
        {"name":"m","tags":{"host":"a"},"columns":["time","sum"],"values":[["1970-01-01T00:00:01Z",3]]}]}
        """)
    }

    @Test func holtWintersWithFitGivesTheFittedValuesThenTheForecast() throws {
        let harness = try InfluxQLHarness(stream: "window().period(10s).every(10s)|holtWintersWithFit('v', 2, 0, 1s)")
        harness.write((0..<10).map { .float(Double(100 + 2 * $0)) })
        harness.write(["v": .float(0)], at: 10)
        let output = harness.output()
        #expect(output.hasPrefix(#"{"series":[{"name":"m","columns":["time","holtWinters"],"values":[["1970-01-01T00:00:00Z",100]"#))
        #expect(output.components(separatedBy: "1970-01-01T").count - 1 == 12)
        #expect(output.contains("\"1970-01-01T00:00:11Z\","))
    }

    @Test func holtWintersForecastsAfterTheLastPoint() throws {
        let harness = try InfluxQLHarness(stream: "window().period(10s).every(10s)|holtWinters('v', 3, 0, 1s)")
        harness.write((0..<10).map { .int(Int64(50 + $0)) })
        harness.write(["v": .int(0)], at: 10)
        let output = harness.output()
        #expect(output.components(separatedBy: "1970-01-01T").count - 1 == 3)
        #expect(output.contains("\"1970-01-01T00:00:10Z\",") && output.contains("\"1970-01-01T00:00:12Z\","))
    }

    /// Kapacitor still emits the (empty) batch; httpOut shows its name alone.
    @Test func holtWintersWithTooFewPointsForTheSeasonEmitsAnEmptyBatch() throws {
        let harness = try InfluxQLHarness(stream: "window().period(10s).every(10s)|holtWinters('v', 3, 12, 1s)")
        harness.write(.floats(1, 2, 3, 4))
        harness.write(["v": .float(0)], at: 10)
        #expect(harness.output() == #"{"series":[{"name":"m"}]}"#)
    }
}
