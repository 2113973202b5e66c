import Pipeline
import Testing
import TICKscript

/// Builds `script` and returns its errors as the task API reports them.
func errors(_ script: String, template: Bool = false) -> String {
    do {
        _ = try PipelineGraph.build(try Parser.parse(script), allowMissingVars: template)
        return ""
    } catch let error as PipelineErrors {
        return error.located(in: SourceText(script))
    } catch {
        return "\(error)"
    }
}

/// Builds `script` and returns the node made by its last chaining call of type `T`.
func node<T: PipelineNode>(_ type: T.Type, in script: String) throws -> T {
    let graph = try PipelineGraph.build(try Parser.parse(script))
    return try #require(graph.vertices.reversed().lazy.compactMap { $0.node as? T }.first)
}

@Suite struct NodeCatalogTests {
    @Test(arguments: [
        ("stream|from().measurment('cpu')",
         #"line 1 char 15: no method or property "measurment" on from node; did you mean "measurement"?"#),
        ("stream|from()|windw()", #"line 1 char 15: no method or property "windw" on from node; did you mean "window"?"#),
        ("stream|from()|window().perod(10s)",
         #"line 1 char 24: no method or property "perod" on window node; did you mean "period"?"#),
        ("stream|from().window()",
         #"line 1 char 15: no property method "window" on from node, but chaining method does exist. Use '|' operator instead: 'node|window(..)'."#),
        ("stream|from()|window()|align()",
         #"line 1 char 24: no chaining method "align" on window node, but property does exist. Use '.' operator instead: 'node.align(..)'."#),
        ("stream|query('SELECT 1')", #"line 1 char 8: no method or property "query" on stream node: |query() cannot follow stream"#),
        ("batch|query('SELECT 1')|window()",
         "line 1 char 25: |window() wants a stream edge, but query provides a batch edge"),
        ("stream|from()|trickle()", "line 1 char 15: |trickle() wants a batch edge, but from provides a stream edge"),
        ("stream|from()|influxDBOut()|window()",
         #"line 1 char 29: no method or property "window" on influxdb_out node: |window() cannot follow influxdb_out"#),
        ("stream|from()|window().period(10)", "line 1 char 31: window.period() argument 1 must be a duration, got int"),
        ("stream|from()|window().period(10s, 5s)", "line 1 char 24: window.period() takes 1 argument, got 2"),
        ("stream|from().measurement(\"cpu\")",
         #"line 1 char 27: from.measurement() argument 1 must be a string, got reference "cpu": did you use double quotes instead of single quotes?"#),
        ("stream|from()|mean()", "line 1 char 15: |mean() takes 1 argument, got 0"),
        ("stream|from()|top('x', 10)", "line 1 char 19: |top() argument 1 must be an int, got string"),
        ("stream|from()|eval(lambda: 1).as('a', 'b')",
         "line 1 char 15: eval2: must specify same number of expressions and .as() names: got 2 as names, and 1 expressions."),
        ("stream|from()|window().periodCount(10).period(1m)",
         "line 1 char 15: window2: cannot specify both period and periodCount"),
        ("var a = stream|from()\nvar b = stream|from()\na|join(b)", "line 3 char 3: join4: a call to join.as() is required to specify the output stream prefixes."),
        ("stream|from()|groupBy(*, 'host')", "line 1 char 15: groupby2: cannot group by both '*' and named dimensions."),
        ("stream|from()|barrier()", "line 1 char 15: barrier2: idle must be greater than zero"),
        ("stream|from()|httpPost()", "line 1 char 15: http_post2: must provide url or endpoint"),
        ("stream|from()|alert().snmpTrap('')", "line 1 char 15: alert2: invalid SNMP trap \"\": you must supply a trap Oid"),
        ("stream|from()|kapacitorLoopback()", "line 1 char 15: kapacitor_loopback2: must specify a database"),
        ("var x = 1\nvar x = 2", "line 2 char 1: attempted to redefine x, vars are immutable"),
        ("strem|from()", #"line 1 char 1: name "strem" is undefined. Names in scope: batch,stream"#),
        ("var period duration\nstream|from()|window().period(period)", #"line 1 char 1: missing value for var "period"."#),
        ("stream|from()|deadman(100.0)", "line 1 char 15: |deadman() takes at least 2 arguments, got 1"),
        ("stream|from()|where(lambda: \"host\" =~ /(/)",
         "parser: error parsing regexp: missing closing ): `(`"),
        ("stream|from()|where(lambda: nosuch(\"x\") > 1)", "line 1 char 29: Failed to handle left node: undefined function: \"nosuch\""),
    ])
    func positionedErrors(script: String, expected: String) {
        #expect(errors(script) == expected)
    }

    @Test func everyIndependentErrorIsReported() {
        let script = """
        var a = stream|from().measurment('cpu')
        a|window().period(10s)
        stream|from()|mean()
        stream|from()|window().every(5)
        """
        #expect(errors(script) == """
        line 1 char 23: no method or property "measurment" on from node; did you mean "measurement"?
        line 3 char 15: |mean() takes 1 argument, got 0
        line 4 char 30: window.every() argument 1 must be a duration, got int
        """)
    }

    @Test func propertiesAreSet() throws {
        let window = try node(WindowNode.self, in: "stream|from()|window().period(10s).every(5m).align().fillPeriod()")
        #expect(window.period == .seconds(10) && window.every == .seconds(300) && window.align && window.fillPeriod)
        let from = try node(FromNode.self, in: "stream|from().database('db').measurement('cpu').groupBy('host', 'dc').where(lambda: \"v\" > 1)")
        #expect(from.database == "db" && from.measurement == "cpu" && from.dimensions == [.tag("host"), .tag("dc")])
        #expect(from.condition != nil)
        let query = try node(QueryNode.self, in: "batch|query('SELECT 1').period(1m).every(10s).groupBy(time(2s, 1s), *).fill(0)")
        #expect(query.dimensions == [.time(.seconds(2), offset: .seconds(1)), .star] && query.fill == .int(0))
        let percentile = try node(InfluxQLNode.self, in: "stream|from()|window()|percentile('v', 90).as('p90').usePointTimes()")
        #expect(percentile.method == "percentile" && percentile.arguments == [.float(90)] && percentile.name == "p90")
        #expect(percentile.usePointTimes)
    }

    @Test func variablesAreResolvedInArgumentsAndLambdas() throws {
        let script = """
        var period = 10s
        var threshold = 90
        var fields = ['a', 'b']
        stream|from()|window().period(period * 2)|changeDetect(fields)|where(lambda: "v" > threshold)
        """
        #expect(try node(WindowNode.self, in: script).period == .seconds(20))
        #expect(try node(ChangeDetectNode.self, in: script).fields == ["a", "b"])
        let condition = try node(WhereNode.self, in: script).condition
        guard case .binary(let binary) = condition.kind else { Issue.record("not a binary expression"); return }
        #expect(binary.right.kind == .number(NumberLiteral(integer: 90)))
    }

    @Test func alertHandlersTakeTheirPropertiesAndFallBackToTheAlert() throws {
        let script = """
        stream|from()|alert()
            .crit(lambda: "v" > 1)
            .post('http://a').header('X', 'y').timeout(5s)
            .slack().channel('#ops').iconEmoji(':x:')
            .stateChangesOnly(5m)
            .kafka().cluster('c').kafkaTopic('t').partitionHashAlgorithm('murmur2').disablePartitionById()
            .pagerDuty2().routingKey('k').link('http://l', 'L')
        """
        let alert = try node(AlertNode.self, in: script)
        #expect(alert.handlers.map(\.kind) == ["post", "slack", "kafka", "pagerduty2"])
        #expect(alert.handlers[0].options == ["url": .string("http://a"), "headers": .map(["X": .string("y")]), "timeout": .duration(.seconds(5))])
        #expect(alert.handlers[1].options == ["channel": .string("#ops"), "icon-emoji": .string(":x:")])
        #expect(alert.stateChangesOnly && alert.stateChangesOnlyMaxInterval == .seconds(300))
        #expect(alert.handlers[2].options == [
            "cluster": .string("c"), "topic": .string("t"), "partitionAlgorithm": .string("murmur2"),
            "disablePartitionById": .bool(true),
        ])
        #expect(alert.handlers[3].options["links"] == .list([.map(["href": .string("http://l"), "text": .string("L")])]))
        #expect(errors("stream|from()|alert().slack().chanel('x')") == """
        line 1 char 31: no method or property "chanel" on alert node's handler; did you mean "channel"?
        """)
    }

    @Test func everyAlertPropertyAndHandlerIsDeclared() {
        let alert = NodeCatalog.spec("alert")
        #expect(alert?.propertyNames.count == 48)
        #expect(NodeCatalog.builtIn.count == 34 + 21)
    }

    @Test func templateVarsWithoutValuesTakeZeroValues() {
        #expect(errors("var period duration\nstream|from()|window().period(period)", template: true) == "")
    }

    @Test func udfOptionsAreKept() throws {
        let udf = try node(UDFNode.self, in: "stream|from()@movingAvg().field('v').size(10)")
        #expect(udf.name == "movingAvg" && udf.options.map(\.name) == ["field", "size"])
    }
}
