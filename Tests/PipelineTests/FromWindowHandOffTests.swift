import Models
import Pipeline
import Testing

/// A `from` whose only child is a window hands it each selected point without a message: what the
/// window emits, every node's statistics and the window's groups equal those of the same `from`
/// with a second child, which makes a message of each point for both.
@Suite struct FromWindowHandOffTests {
    private static let froms = [
        "from().measurement('m')",
        "from().measurement('m').groupBy('host')",
        "from().measurement('m').groupBy(*)",
        "from().groupByMeasurement().groupBy('host').truncate(2s)",
        "from().measurement('m').where(lambda: \"v\" > 1.0).groupBy('host', 'dc')",
    ]
    private static let windows = [
        "window().period(10s).every(10s)",
        "window().period(10s).every(5s).align()",
        "window().period(10s).every(10s).fillPeriod()",
        "window().period(3s).every(0s)",
        "window().periodCount(3).everyCount(2)",
    ]

    /// Hosts a and b in turn, each with its own shared tag set as the parser's series cache makes
    /// them, a copy of a's tags made apart, a point of another measurement, and float, int and
    /// missing values over several windows.
    private static func points() -> [Point] {
        let a = Tags(["host": "a", "dc": "x"]), b = Tags(["host": "b", "dc": "x"])
        var points: [Point] = []
        for second in Int64(0)..<40 {
            let tags = second % 7 == 3 ? Tags(["host": "a", "dc": "x"]) : second % 2 == 0 ? a : b
            let value: FieldValue = second % 5 == 4 ? .int(second) : .float(Double(second) / 2)
            let fields = second % 11 == 6 ? Fields([Field("w", .float(1))]) : Fields([Field("v", value)])
            points.append(Point(database: "db", retentionPolicy: "rp", measurement: "m", tags: tags, fields: fields, time: second * 1_000_000_000 + 400_000_000))
            if second % 9 == 0 {
                points.append(Point(database: "db", retentionPolicy: "rp", measurement: "n", tags: b, fields: Fields([Field("v", .float(9))]), time: second * 1_000_000_000))
            }
        }
        return points
    }

    private func compare(_ from: String, _ window: String, tail: String) throws {
        let alone = try InfluxQLHarness(script: "stream|\(from)|\(window)\(tail)|httpOut('out')")
        let shared = try InfluxQLHarness(script: "var f = stream|\(from)\nf|\(window)\(tail)|httpOut('out')\nf|httpOut('other')")
        var outputs: [(String, String)] = []
        for point in Self.points() {
            alone.runner.write(point)
            shared.runner.write(point)
            outputs.append((alone.context.httpOut.json("out") ?? "", shared.context.httpOut.json("out") ?? ""))
        }
        for (index, (mine, theirs)) in outputs.enumerated() { #expect(mine == theirs, "after point \(index)") }
        #expect(outputs.contains { $0.0.contains("\"series\":[{") })
        let nodes = alone.runner.graph.vertices.count
        #expect(Array(alone.runner.stats.map { [$0.processed, $0.emitted, $0.errors] }) == Array(shared.runner.stats.prefix(nodes).map { [$0.processed, $0.emitted, $0.errors] }))
        #expect(alone.runner.cardinality(of: 2) == shared.runner.cardinality(of: 2))
        #expect(alone.errors == shared.errors)
    }

    @Test(arguments: froms, windows)
    func windowEmitsWhatMessagesMake(from: String, window: String) throws {
        try compare(from, window, tail: "")
    }

    @Test(arguments: froms, windows)
    func countOfTheWindowIsWhatMessagesMake(from: String, window: String) throws {
        try compare(from, window, tail: "|count('v')")
    }

    /// A chunk written in one call (its points lent to the graph, not copied) makes what the same
    /// points written one by one make, and leaves the points' shared storage as it was: the
    /// windows still read the tags they kept after the chunk is gone.
    @Test(arguments: froms, ["window().period(10s).every(10s)", "window().periodCount(3).everyCount(2)"])
    func aChunkMakesWhatPointsOneByOneMake(from: String, window: String) throws {
        for tail in ["", "|count('v')"] { try compareChunk(from, window, tail: tail) }
    }

    private func compareChunk(_ from: String, _ window: String, tail: String) throws {
        let script = "stream|\(from)|\(window)\(tail)|httpOut('out')"
        let single = try InfluxQLHarness(script: script)
        let chunked = try InfluxQLHarness(script: script)
        for point in Self.points() { single.runner.write(point) }
        do {
            let points = Self.points()
            let tags = points[0].tags
            #expect(chunked.runner.write(points, from: 0) == points.count)
            #expect(points[0].tags == tags && points.map(\.fields) == Self.points().map(\.fields))
        }
        let last = Point(
            database: "db", retentionPolicy: "rp", measurement: "m", tags: Tags(["host": "a", "dc": "x"]),
            fields: Fields([Field("v", .float(1))]), time: 99_000_000_000)
        chunked.runner.write(last)
        single.runner.write(last)
        #expect(chunked.context.httpOut.json("out") == single.context.httpOut.json("out"))
        #expect(chunked.context.httpOut.json("out")?.contains("\"series\":[{") == true)
        #expect(chunked.runner.stats.map { [$0.processed, $0.emitted, $0.errors] } == single.runner.stats.map { [$0.processed, $0.emitted, $0.errors] })
        #expect(chunked.errors == single.errors)
    }
}

/// Windows fed without messages still emit batches with the group's tags, the points with their own.
@Suite struct HandOffWindowTagsTests {
    @Test(arguments: ["window().periodCount(2).everyCount(2)", "window().period(2s).every(2s)"])
    func batchesCarryTheGroupTags(window: String) throws {
        let script = "stream|from().measurement('cpu').groupBy('host')|\(window)|httpOut('out')"
        let points = (0..<3).map { second in point("cpu", ["host": "a", "type": "idle"], [("v", .int(Int64(second)))], at: Int64(second)) }
        #expect(try httpOut(script, points) == """
        {"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","type","v"],"values":[["1970-01-01T00:00:00Z","idle",0],["1970-01-01T00:00:01Z","idle",1]]}]}
        """)
    }
}

/// A window keeps each point's own tags, whether its tag set shares the last one's storage, only
/// equals it, or differs.
@Suite struct WindowTagRunTests {
    @Test func pointsKeepTheirTags() throws {
        let a = Tags(["host": "a"]), b = Tags(["host": "b"])
        let tags = [a, a, b, Tags(["host": "a"]), Tags(), b, b]
        let points = tags.enumerated().map { second, tags in
            Point(database: "db", retentionPolicy: "rp", measurement: "cpu", tags: tags, fields: Fields([Field("v", .int(Int64(second)))]), time: Int64(second) * 1_000_000_000)
        } + [point("cpu", [:], [("v", .int(99))], at: 10)]
        let output = try httpOut("stream|from().measurement('cpu')|window().period(10s).every(10s)|httpOut('out')", points)
        #expect(output == """
        {"series":[{"name":"cpu","columns":["time","host","v"],"values":[["1970-01-01T00:00:00Z","a",0],\
        ["1970-01-01T00:00:01Z","a",1],["1970-01-01T00:00:02Z","b",2],["1970-01-01T00:00:03Z","a",3],\
        ["1970-01-01T00:00:04Z",null,4],["1970-01-01T00:00:05Z","b",5],["1970-01-01T00:00:06Z","b",6]]}]}
        """)
    }
}
