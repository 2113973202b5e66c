import Models
import Pipeline
import Testing

/// The functions on batch edges: one result per batch, at the batch's time unless the result
/// keeps its point's time.
@Suite struct InfluxQLBatchTests {
    /// Each aggregate over v = 1, 3, 2, 3 (floats or ints) at seconds 1-4 of a batch ending at 10.
    @Test(arguments: [
        ("count('v')", ["count"], [row(10, "4")]),
        ("sum('v')", ["sum"], [row(10, "9")]),
        ("mean('v')", ["mean"], [row(10, "2.25")]),
        ("median('v')", ["median"], [row(10, "2.5")]),
        ("mode('v')", ["mode"], [row(10, "3")]),
        ("spread('v')", ["spread"], [row(10, "2")]),
        ("first('v')", ["first"], [row(10, "1")]),
        ("last('v')", ["last"], [row(10, "3")]),
        ("min('v')", ["min"], [row(10, "1")]),
        ("max('v')", ["max"], [row(10, "3")]),
        ("stddev('v')", ["stddev"], [row(10, "0.9574271077563381")]),
        ("percentile('v', 50.0)", ["percentile"], [row(10, "2")]),
        ("percentile('v', 75.0)", ["percentile"], [row(10, "3")]),
        ("distinct('v')", ["distinct"], [row(10, "1"), row(10, "3"), row(10, "2")]),
        ("top(2, 'v')", ["top"], [row(10, "3"), row(10, "3")]),
        ("bottom(2, 'v')", ["bottom"], [row(10, "1"), row(10, "2")]),
        ("difference('v')", ["difference"], [row(2, "2"), row(3, "-1"), row(4, "1")]),
        ("cumulativeSum('v')", ["cumulativeSum"], [row(1, "1"), row(2, "4"), row(3, "6"), row(4, "9")]),
        ("movingAverage('v', 2)", ["movingAverage"], [row(2, "2"), row(3, "2.5"), row(4, "2.5")]),
        ("elapsed('v', 500ms)", ["elapsed"], [row(2, "2"), row(3, "2"), row(4, "2")]),
        ("mean('v').as('m')", ["m"], [row(10, "2.25")]),
    ])
    func aggregatesFloatsAndInts(call: String, columns: [String], rows: [String]) throws {
        for values: [FieldValue] in [.floats(1, 3, 2, 3), .ints(1, 3, 2, 3)] {
            let harness = try InfluxQLHarness(batch: call)
            harness.feed(values)
            #expect(harness.output() == series(columns, rows), "\(call) over \(values)")
            #expect(harness.errors.isEmpty)
        }
    }

    /// An eval dividing the result shows its type: Kapacitor's lambdas divide ints by `2` and
    /// floats by `2.0` only (v = 9, 9, 1).
    @Test(arguments: [
        ("sum", "ints", "2", "9"), ("sum", "floats", "2.0", "9.5"), ("mean", "ints", "2.0", "3.1666666666666665"),
        ("count", "floats", "2", "1"), ("spread", "ints", "2", "4"), ("median", "ints", "2.0", "4.5"),
        ("mode", "ints", "2", "4"), ("max", "ints", "2", "4"), ("cumulativeSum", "ints", "2", "9"),
        ("difference", "ints", "2", "-4"), ("percentile", "ints", "2", "4"), ("movingAverage", "ints", "2.0", "2.5"),
        ("elapsed", "floats", "2", "0"),
    ])
    func resultTypesFollowKapacitor(function: String, type: String, divisor: String, half: String) throws {
        let call = switch function {
        case "percentile": "percentile('v', 100.0)"
        case "movingAverage": "movingAverage('v', 2)"
        case "elapsed": "elapsed('v', 1s)"
        default: "\(function)('v')"
        }
        let harness = try InfluxQLHarness(batch: "\(call)|eval(lambda: \"\(function)\" / \(divisor)).as('half')")
        harness.feed(type == "ints" ? .ints(9, 9, 1) : .floats(9, 9, 1))
        let rows = try #require(harness.output().split(separator: "[").last)
        #expect(rows.hasSuffix(",\(half)]]}]}"), "\(function) of \(type): \(rows)")
    }

    @Test func selectorsKeepTheSelectedPointsFieldsAndTags() throws {
        let harness = try InfluxQLHarness(batch: "max('v').as('top')")
        harness.feed(Batch(name: "m", tmax: seconds(10), points: [
            BatchPoint(time: seconds(1), fields: Fields([Field("v", .float(5)), Field("other", .string("a"))]), tags: Tags(["host": "a"])),
            BatchPoint(time: seconds(2), fields: Fields([Field("v", .float(7)), Field("other", .string("b"))]), tags: Tags(["host": "b"])),
        ]))
        #expect(harness.output() == #"{"series":[{"name":"m","tags":{"host":"b"},"columns":["time","other","top"],"values":[["1970-01-01T00:00:10Z","b",7]]}]}"#)
    }

    @Test func usePointTimesGivesTheSelectedPointsTime() throws {
        let harness = try InfluxQLHarness(batch: "max('v').usePointTimes()")
        harness.feed(.floats(1, 3, 2))
        #expect(harness.output() == series(["max"], [row(2, "3")]))
    }

    @Test func sumWithPointTimesIsAtTheEpochAsInInfluxDB() throws {
        let harness = try InfluxQLHarness(batch: "sum('v').usePointTimes()")
        harness.feed(.floats(1, 2))
        #expect(harness.output() == series(["sum"], [row(0, "3")]))
    }

    @Test func topAndBottomKeepThePointsTagsAndTheirTimesWithUsePointTimes() throws {
        let harness = try InfluxQLHarness(batch: "top(2, 'v', 'host').usePointTimes()")
        harness.feed(Batch(name: "m", tmax: seconds(10), points: [
            BatchPoint(time: seconds(1), fields: Fields([Field("v", .int(5))]), tags: Tags(["host": "a"])),
            BatchPoint(time: seconds(2), fields: Fields([Field("v", .int(9))]), tags: Tags(["host": "b"])),
            BatchPoint(time: seconds(3), fields: Fields([Field("v", .int(7))]), tags: Tags(["host": "c"])),
        ]))
        #expect(harness.output() == series(["host", "top"], [row(2, "\"b\"", "9"), row(3, "\"c\"", "7")]))
    }

    @Test func countAndSumOfAnEmptyBatchAreZeroOthersEmitNothing() throws {
        for (call, expected) in [("count('v')", series(["count"], [row(10, "0")])), ("sum('v')", series(["sum"], [row(10, "0")])),
                                 ("mean('v')", noSeries), ("max('v')", noSeries)] {
            let harness = try InfluxQLHarness(batch: call)
            harness.feed(Batch(name: "m", tmax: seconds(10)))
            #expect(harness.output() == expected, "\(call)")
        }
    }

    @Test(arguments: [
        ("count('v')", "4"), ("first('v')", "\"a\""), ("last('v')", "\"a\""), ("distinct('v')", "\"a\""),
    ])
    func stringsWhereKapacitorTakesThem(call: String, firstValue: String) throws {
        let harness = try InfluxQLHarness(batch: call)
        harness.feed([.string("a"), .string("b"), .string("c"), .string("a")])
        #expect(harness.output().contains("[\"1970-01-01T00:00:10Z\",\(firstValue)]"))
        #expect(harness.errors.isEmpty)
    }

    @Test func booleansWhereKapacitorTakesThem() throws {
        let first = try InfluxQLHarness(batch: "first('v')")
        first.feed([.bool(true), .bool(false)])
        #expect(first.output() == series(["first"], [row(10, "true")]))
        let distinct = try InfluxQLHarness(batch: "distinct('v')")
        distinct.feed([.bool(true), .bool(false), .bool(true)])
        #expect(distinct.output() == series(["distinct"], [row(10, "true"), row(10, "false")]))
        let elapsed = try InfluxQLHarness(batch: "elapsed('v', 1s)")
        elapsed.feed([.bool(true), .bool(false)])
        #expect(elapsed.output() == series(["elapsed"], [row(2, "1")]))
    }

    @Test(arguments: ["mean", "sum", "max", "median", "stddev", "difference", "movingAverage"])
    func functionsOfNumbersRejectStrings(function: String) throws {
        let call = function == "movingAverage" ? "movingAverage('v', 2)" : "\(function)('v')"
        let harness = try InfluxQLHarness(batch: call)
        harness.feed([.string("a")])
        let expected = "\(function)2: failed to realize reduce context from fields: invalid influxql func \(function) with field v: cannot apply \(function) to string field"
        #expect(harness.errors == [expected])
    }

    @Test func pointsWithoutTheFieldOrOfAnotherTypeAreReportedAndSkipped() throws {
        let harness = try InfluxQLHarness(batch: "mean('v')")
        harness.feed(Batch(name: "m", tmax: seconds(10), points: [
            BatchPoint(time: seconds(1), fields: Fields([Field("x", .float(1))])),
            BatchPoint(time: seconds(2), fields: Fields([Field("v", .float(2))])),
            BatchPoint(time: seconds(3), fields: Fields([Field("v", .int(5))])),
            BatchPoint(time: seconds(4), fields: Fields([Field("v", .float(4))])),
        ]))
        #expect(harness.output() == series(["mean"], [row(10, "3")]))
        #expect(harness.errors == [
            "mean2: failed to realize reduce context from fields: field \"v\" missing from point",
            "mean2: failed to aggregate point in batch: field v has wrong type: got int64 exp float64",
        ])
    }

    @Test func eachBatchChoosesItsReducerByItsFirstPoint() throws {
        let harness = try InfluxQLHarness(batch: "sum('v')")
        harness.feed(.floats(1.5, 2))
        harness.feed(.ints(1, 2), tmax: 20)
        #expect(harness.output() == series(["sum"], [row(20, "3")]))
        #expect(harness.errors.isEmpty)
    }

    @Test func modeTiesGoToTheValueInfluxDBPicks() throws {
        let harness = try InfluxQLHarness(batch: "mode('v')")
        harness.feed(.floats(1, 2, 2, 1))
        #expect(harness.output() == series(["mode"], [row(10, "2")]))
    }

    @Test func percentileOutOfRangeEmitsNothing() throws {
        let harness = try InfluxQLHarness(batch: "percentile('v', 10.0)")
        harness.feed(.floats(1))
        #expect(harness.output() == noSeries)
    }

    @Test func stddevOfIntegersIsAFloat() throws {
        let harness = try InfluxQLHarness(batch: "stddev('v')")
        harness.feed(.ints(2, 4, 4, 4, 5, 5, 7, 9))
        #expect(harness.output() == series(["stddev"], [row(10, "2.138089935299395")]))
    }

    @Test func groupsKeepTheirOwnTags() throws {
        let harness = try InfluxQLHarness(script: """
        batch|query('SELECT v FROM m').period(10s).every(10s).groupBy('host')|groupBy('host')|count('v')|httpOut('out')
        """)
        harness.feed(Batch(name: "m", tmax: seconds(10), points: [
            BatchPoint(time: seconds(1), fields: Fields([Field("v", .float(1))]), tags: Tags(["host": "a"])),
            BatchPoint(time: seconds(2), fields: Fields([Field("v", .float(1))]), tags: Tags(["host": "b"])),
            BatchPoint(time: seconds(3), fields: Fields([Field("v", .float(1))]), tags: Tags(["host": "a"])),
        ]))
        harness.feed(Batch(name: "m", tmax: seconds(20)))
        #expect(harness.output() == """
        {"series":[{"name":"m","tags":{"host":"a"},"columns":["time","count"],"values":[["1970-01-01T00:00:10Z",2]]},\
        {"name":"m","tags":{"host":"b"},"columns":["time","count"],"values":[["1970-01-01T00:00:10Z",1]]}]}
        """)
    }

    @Test(arguments: ["movingAverage('v', 0)", "top(0, 'v')", "elapsed('v', 0s)", "holtWinters('v', 1, 0, 0s)"])
    func argumentsGoWouldPanicOnAreRejected(call: String) throws {
        #expect(throws: PipelineError.self) { try InfluxQLHarness(batch: call) }
    }
}
