import Pipeline
import Testing
import TICKscript

func dot(_ script: String, name: String = "task") throws -> String {
    try PipelineGraph.build(try Parser.parse(script)).dot(name: name)
}

@Suite struct PipelineGraphTests {
    @Test func linearStreamPipeline() throws {
        #expect(try dot("stream|from().measurement('cpu')|window().period(10s)|mean('usage')|alert().crit(lambda: \"mean\" > 90)") == """
        digraph task {
        stream0 -> from1;
        from1 -> window2;
        window2 -> mean3;
        mean3 -> alert4;
        }
        """)
    }

    @Test func joinTakesANumberPerParentAndListsLaterSiblingsFirst() throws {
        let script = """
        var a = stream|from().measurement('a')
        var b = stream|from().measurement('b')
        a|join(b).as('a', 'b')|httpOut('x')
        """
        #expect(try dot(script) == """
        digraph task {
        stream0 -> from1;
        stream0 -> from2;
        from2 -> join4;
        from1 -> join4;
        join4 -> http_out5;
        }
        """)
    }

    @Test func batchSourceDrawsNoEdge() throws {
        #expect(try dot("batch|query('SELECT 1').every(1m)|log()", name: "testTaskID") == "digraph testTaskID {\nquery1 -> log2;\n}")
    }

    @Test func deadmanAddsAStatsSourceAndANoop() throws {
        let script = "var data = stream|from().measurement('cpu')\ndata|deadman(100.0, 10s)"
        #expect(try dot(script) == """
        digraph task {
        stream0 -> from1;
        from1 -> noop3;
        stats2 -> derivative4;
        derivative4 -> alert5;
        }
        """)
    }

    @Test(arguments: [
        ("groupBy('host')", "groupby"), ("influxDBOut()", "influxdb_out"), ("httpPost('http://x')", "http_post"),
        ("stateCount(lambda: TRUE)", "state_count"), ("holtWintersWithFit('v', 10, 0, 1s)", "holtWinters"),
        ("changeDetect('v')", "changeDetect"), ("movingAverage('v', 3)", "movingAverage"),
    ])
    func nodeKindNames(call: String, kind: String) throws {
        #expect(try dot("stream|from()|\(call)") == "digraph task {\nstream0 -> from1;\nfrom1 -> \(kind)2;\n}")
    }

    @Test func udfNodesAreNamedAfterTheFunction() throws {
        #expect(try dot("stream|from()@myUDF().opt(1)") == "digraph task {\nstream0 -> from1;\nfrom1 -> myUDF2;\n}")
    }

    @Test func chainingOntoAValueIsAnError() throws {
        #expect(throws: PipelineErrors.self) { try dot("var x = 5\nx|window()") }
    }
}
