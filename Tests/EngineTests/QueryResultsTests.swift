import Models
import Testing

@testable import Engine

@Suite struct QueryResultsTests {
    let stop = utc("2020-01-01T00:01:00Z")

    @Test func seriesBecomeBatchesAsKapacitorBuildsThem() {
        let series = [
            QuerySeries(
                name: "cpu", tags: ["host": "a", "dc": "x"], columns: ["time", "mean", "count", "label"],
                values: [
                    [.int(utc("2020-01-01T00:00:00Z")), .float(1.5), .int(3), .string("ok")],
                    [.int(utc("2020-01-01T00:00:10Z")), nil, nil, nil],
                    [.int(utc("2020-01-01T00:00:20Z")), .float(2.5), nil, .bool(true)],
                ]),
            QuerySeries(name: "cpu", tags: ["host": "b", "dc": "x"], columns: ["time", "mean"], values: []),
        ]
        let (batches, points) = QueryResults.batches(series, groupByMeasurement: false, stop: stop, groupedByTime: true)
        #expect(points == 2)
        #expect(batches.count == 2)
        let first = batches[0]
        #expect(first.name == "cpu")
        #expect(first.group == GroupID("dc=x,host=a"))
        #expect(first.dimensions == Dimensions(byName: false, tagNames: ["dc", "host"]))
        // Grouped by time: the batch's time is its last point's.
        #expect(first.tmax == utc("2020-01-01T00:00:20Z"))
        #expect(first.points.map(\.time) == [utc("2020-01-01T00:00:00Z"), utc("2020-01-01T00:00:20Z")])
        // Every JSON number becomes a float; nulls are no field.
        #expect(first.points[0].fields == Fields([Field("count", .float(3)), Field("label", .string("ok")), Field("mean", .float(1.5))]))
        #expect(first.points[1].fields == Fields([Field("label", .bool(true)), Field("mean", .float(2.5))]))
        #expect(first.points[0].tags == Tags(["host": "a", "dc": "x"]))
        // An empty series is still a batch, at the query's stop.
        #expect(batches[1].points.isEmpty && batches[1].tmax == stop)
    }

    @Test func ungroupedBatchesTakeTheStopTimeAndMeasurementGroups() {
        let series = [QuerySeries(name: "mem", columns: ["time", "used"], values: [[.int(5), .float(1)]])]
        let (batches, _) = QueryResults.batches(series, groupByMeasurement: true, stop: stop, groupedByTime: false)
        #expect(batches[0].tmax == stop)
        #expect(batches[0].dimensions == Dimensions(byName: true, tagNames: []))
        #expect(batches[0].group == Dimensions(byName: true).groupID(name: "mem", tags: Tags()))
    }
}
