import Models
import Pipeline
import Testing
import TICKscript

@Suite struct RuntimeTests {
    @Test func windowEmitsBatchesPerGroupOnDataTime() throws {
        let script = """
        stream|from().measurement('cpu').groupBy('host')|window().period(2s).every(2s)|httpOut('out')
        """
        let points = (0..<5).flatMap { second in
            ["a", "b"].map { host in point("cpu", ["host": host], [("v", .int(Int64(second)))], at: Int64(second)) }
        }
        #expect(try httpOut(script, points) == """
        {"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],"values":[["1970-01-01T00:00:02Z",2],["1970-01-01T00:00:03Z",3]]},\
        {"name":"cpu","tags":{"host":"b"},"columns":["time","v"],"values":[["1970-01-01T00:00:02Z",2],["1970-01-01T00:00:03Z",3]]}]}
        """)
    }

    @Test func fromFiltersAndWhereConditions() throws {
        let script = """
        stream|from().measurement('cpu').where(lambda: "host" != 'c')|where(lambda: "v" > 1)|httpOut('out')
        """
        let points = [
            point("cpu", ["host": "a"], [("v", .float(1))], at: 1), point("mem", ["host": "a"], [("v", .float(5))], at: 2),
            point("cpu", ["host": "c"], [("v", .float(5))], at: 3), point("cpu", ["host": "b"], [("v", .float(2.5))], at: 4),
        ]
        #expect(try httpOut(script, points) == #"{"series":[{"name":"cpu","tags":{"host":"b"},"columns":["time","v"],"values":[["1970-01-01T00:00:04Z",2.5]]}]}"#)
    }

    @Test func evalSeesEarlierResultsAndKeeps() throws {
        let script = """
        stream|from()|eval(lambda: "v" * 2.0, lambda: "double" + 1.0, lambda: string("v")).as('double', 'plus', 'label').tags('label').keep('v', 'plus')|httpOut('out')
        """
        #expect(try httpOut(script, [point("cpu", [:], [("v", .float(1.5))], at: 1)]) == """
        {"series":[{"name":"cpu","tags":{"label":"1.5"},"columns":["time","plus","v"],"values":[["1970-01-01T00:00:01Z",4,1.5]]}]}
        """)
    }

    @Test func nodeErrorsAreCountedAndThePointDropped() throws {
        let graph = try PipelineGraph.build(try Parser.parse("stream|from()|eval(lambda: \"missing\" + 1.0).as('x')|httpOut('out')"))
        let runner = try GraphRunner(graph: graph, context: TaskContext(taskName: "t"))
        runner.write(point("cpu", [:], [("v", .float(1))], at: 1))
        #expect(runner.stats[2].errors == 1 && runner.stats[2].processed == 1 && runner.stats[3].processed == 0)
        #expect(runner.context.httpOut.json("out") == #"{"series":null}"#)
    }

    @Test func defaultDeleteAndDerivative() throws {
        let script = """
        stream|from()|default().field('v', 0.0).tag('dc', 'x')|delete().tag('host')|derivative('v').unit(2s).as('rate')|httpOut('out')
        """
        let points = [
            point("cpu", ["host": "a"], [("v", .float(1))], at: 1), point("cpu", ["host": "a"], [("w", .float(1))], at: 2),
            point("cpu", ["host": "a"], [("v", .float(4))], at: 4),
        ]
        #expect(try httpOut(script, points) == """
        {"series":[{"name":"cpu","tags":{"dc":"x"},"columns":["time","rate","v"],"values":[["1970-01-01T00:00:04Z",4,4]]}]}
        """)
    }

    @Test func statsNodeEmitsPerGroupOnClockTicks() throws {
        let clock = ManualClock(0)
        let script = "var data = stream|from().groupBy('host')\ndata|stats(10s)|httpOut('out')"
        let runner = try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: TaskContext(taskName: "t", clock: clock))
        runner.tick(5_000_000_000)
        #expect(runner.context.httpOut.json("out") == #"{"series":null}"#)
        runner.write(point("cpu", ["host": "a"], [("v", .float(1))], at: 1))
        runner.write(point("cpu", ["host": "a"], [("v", .float(1))], at: 2))
        runner.tick(10_000_000_000)
        #expect(runner.context.httpOut.json("out") == """
        {"series":[{"name":"stats","tags":{"host":"a"},"columns":["time","emitted"],"values":[["1970-01-01T00:00:10Z",2]]}]}
        """)
    }

    @Test func goJSONFloats() {
        let cases: [(Double, String)] = [
            (100, "100"), (1.5, "1.5"), (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"),
            (0.000001, "0.000001"), (-2.25, "-2.25"), (123456789.125, "123456789.125"), (1.0e16, "10000000000000000"),
        ]
        for (value, text) in cases {
            var output = ""
            GoJSON.appendFloat(value, to: &output)
            #expect(output == text, "\(value)")
        }
    }
}

@Suite struct GroupExpiryTests {
    @Test func idleGroupsAreDeletedDownstream() throws {
        let clock = ManualClock(0)
        let script = "stream|from().groupBy('host')|window().period(10s).every(10s)|httpOut('out')"
        let context = TaskContext(taskName: "t", clock: clock, groupIdleExpiry: 60_000_000_000)
        let runner = try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: context)
        runner.write(point("cpu", ["host": "a"], [("v", .float(1))], at: 0))
        runner.write(point("cpu", ["host": "b"], [("v", .float(1))], at: 0))
        runner.write(point("cpu", ["host": "a"], [("v", .float(2))], at: 10))
        runner.write(point("cpu", ["host": "b"], [("v", .float(2))], at: 10))
        #expect(runner.cardinality(of: 2) == 2)
        runner.tick(30_000_000_000)
        runner.write(point("cpu", ["host": "a"], [("v", .float(3))], at: 20))
        runner.tick(70_000_000_000)
        // b had no data for 60 s of wall-clock time: the window dropped it and httpOut removed its row.
        #expect(runner.expiredGroups == 1 && runner.cardinality(of: 2) == 1)
        #expect(runner.context.httpOut.json("out")?.contains("\"b\"") == false)
        #expect(runner.context.httpOut.json("out")?.contains("\"a\"") == true)
    }
}

@Suite struct WindowStorageTests {
    @Test func pointsKeepTheirOwnTagSetsThroughRunsAndCompaction() throws {
        let script = "stream|from()|window().period(3s).every(1s)|httpOut('out')"
        // Runs of two points share a tag set; the window stores each run's set once.
        let points = (0..<20).map { second in
            point("cpu", ["host": "h\(second / 2 % 3)"], [("v", .float(Double(second)))], at: Int64(second))
        }
        let output = try httpOut(script, points)
        #expect(output == """
        {"series":[{"name":"cpu","columns":["time","host","v"],"values":[\
        ["1970-01-01T00:00:16Z","h2",16],["1970-01-01T00:00:17Z","h2",17],["1970-01-01T00:00:18Z","h0",18]]}]}
        """)
    }

    @Test func mixedFieldLayoutsSurvivePurgesAndCompaction() throws {
        let script = "stream|from()|window().period(3s).every(1s)|httpOut('out')"
        var points: [Point] = []
        for second in 0..<20 {
            let fields: [(String, FieldValue)] = second % 3 == 0
                ? [("v", .int(Int64(second))), ("s", .string("x\(second)"))]
                : [("v", .float(Double(second)))]
            points.append(point("cpu", ["host": "a"], fields, at: Int64(second)))
        }
        let output = try httpOut(script, points)
        #expect(output == """
        {"series":[{"name":"cpu","columns":["time","host","v"],"values":[\
        ["1970-01-01T00:00:16Z","a",16],["1970-01-01T00:00:17Z","a",17],["1970-01-01T00:00:18Z","a",18]]}]}
        """)
        // Columns come from the batch's first point, as in Kapacitor; the int and string layout
        // of every third point keeps its own values.
        let last = try httpOut("stream|from()|window().period(1s).every(1s)|httpOut('out')", points)
        #expect(last == """
        {"series":[{"name":"cpu","columns":["time","host","s","v"],"values":[["1970-01-01T00:00:18Z","a","x18",18]]}]}
        """)
    }
}
