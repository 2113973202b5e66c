import Engine
import InfluxDB
import Models
import Pipeline
import Storage
import Synchronization
import TestPeers
import Testing
import TICKscript

/// A task's graph with influxDBOut, a manual clock and the errors it reports.
final class OutHarness {
    let runner: GraphRunner
    let clock: ManualClock
    let errors = ErrorLog()
    let node: Int

    init(_ script: String, influxDB: (any InfluxDBAccess)?, clock: ManualClock = ManualClock(1_000_000_000_000)) throws {
        self.clock = clock
        let errors = self.errors
        let graph = try PipelineGraph.build(try Parser.parse(script))
        runner = try GraphRunner(graph: graph, context: TaskContext(
            taskName: "out", clock: clock, onError: { node, message in errors.append("\(node): \(message)") },
            influxDB: influxDB))
        node = graph.vertices.firstIndex { $0.method == "influxDBOut" } ?? 0
    }

    func write(_ name: String, _ tags: [String: String], _ fields: [(String, FieldValue)], at time: Timestamp) {
        runner.write(Point(
            database: "telegraf", retentionPolicy: "autogen", measurement: name, tags: Tags(tags),
            fields: Fields(fields.map { Field($0.0, $0.1) }), time: time))
    }

    func tick(after nanoseconds: Int64) {
        clock.advance(by: nanoseconds)
        runner.tick(clock.now())
    }

    func stat(_ name: String) -> Int64 { runner.statistics(of: node)[name] ?? -1 }
}

/// The errors a task reported, as `node: message`.
final class ErrorLog: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}

func clusters(_ influxd: InfluxD, password: String? = nil) throws -> InfluxDBClusters {
    try InfluxDBClusters([InfluxDBConfig(
        name: "local", urls: [influxd.url], username: influxd.adminUser, password: password ?? influxd.adminPassword)])
}

@Suite(.enabled(if: InfluxD.shouldRun, "influxd (Debian package influxdb) is not installed"))
struct InfluxDBOutTests {
    @Test func buffersAndWritesWithMeasurementTagsPrecisionAndCreate() async throws {
        let influxd = try InfluxD()
        // The database exists without the retention policy: `create` adds it.
        try influxd.statement("CREATE DATABASE \"out\"")
        let harness = try OutHarness("""
            stream
                |from().measurement('cpu')
                |influxDBOut()
                    .database('out').retentionPolicy('week').measurement('cpu_copy')
                    .tag('source', 'condenser').precision('s').writeConsistency('one').buffer(2).flushInterval(10s).create()
            """, influxDB: try clusters(influxd))
        harness.write("cpu", ["host": "a"], [("value", .float(1))], at: 1_500_000_000)
        #expect(harness.stat("points_written") == 0)
        harness.write("cpu", ["host": "b"], [("value", .float(2))], at: 2_700_000_000)
        #expect(await eventually { harness.stat("points_written") == 2 })
        harness.write("cpu", ["host": "c"], [("value", .float(3))], at: 3_000_000_000)
        harness.tick(after: 9_000_000_000)
        #expect(harness.stat("points_written") == 2)
        harness.tick(after: 1_000_000_000)
        #expect(await eventually { harness.stat("points_written") == 3 })
        #expect(harness.stat("write_errors") == 0)
        let body = try influxd.query("SELECT host, source, value FROM \"out\".\"week\".\"cpu_copy\"", database: "out")
        #expect(body.contains(
            "\"values\":[[1000000000,\"a\",\"condenser\",1],[2000000000,\"b\",\"condenser\",2],[3000000000,\"c\",\"condenser\",3]]"))
        #expect(try influxd.query("SHOW RETENTION POLICIES ON \"out\"").contains("[\"week\",\"0s\""))
        #expect(harness.errors.all.isEmpty)
    }

    @Test func batchesKeepTheirNameAndGoToTheNodesDatabase() async throws {
        let influxd = try InfluxD()
        let harness = try OutHarness("""
            batch
                |query('SELECT value FROM "telegraf"."autogen"."disk"').period(1m).every(1m)
                |influxDBOut().database('condenser').buffer(100)
            """, influxDB: try clusters(influxd))
        let batch = Batch(
            name: "disk", group: GroupID(""), tags: Tags(), dimensions: .none, tmax: 20,
            points: [BatchPoint(time: 10, fields: Fields([Field("value", .int(1))]), tags: Tags(["path": "/"])),
                     BatchPoint(time: 20, fields: Fields([Field("value", .int(2))]), tags: Tags(["path": "/var"]))])
        harness.runner.feed(batch, query: 0)
        harness.runner.finish()
        #expect(await eventually { harness.stat("points_written") == 2 })
        #expect(try influxd.query("SELECT path, value FROM disk").contains("[[10,\"/\",1],[20,\"/var\",2]]"))
    }

    @Test func buffersWhileInfluxdIsDownAndDeliversWhenItIsBack() async throws {
        let influxd = try InfluxD()
        let harness = try OutHarness(
            "stream|from().measurement('m')|influxDBOut().database('condenser').buffer(1)", influxDB: try clusters(influxd))
        harness.write("m", [:], [("n", .int(0))], at: 1)
        #expect(await eventually { harness.stat("points_written") == 1 })
        influxd.stop()
        // The retry buffer holds 100 flushes of 1 point: of 120 points, the 20 oldest queued go.
        for index in 1...120 { harness.write("m", [:], [("n", .int(Int64(index)))], at: Int64(index) + 1) }
        #expect(await eventually { harness.stat("write_errors") >= 1 })
        #expect(harness.stat("points_dropped") == 20)
        harness.tick(after: 1)
        let reported = harness.errors.all
        #expect(reported.first?.hasPrefix("influxdb_out2: failed to write points to InfluxDB: failed to reach InfluxDB: ") == true, "\(reported)")
        try influxd.start()
        harness.tick(after: 61_000_000_000)
        #expect(await eventually { harness.stat("points_written") == 101 })
        #expect(try influxd.query("SELECT count(n) FROM m").contains("[[0,101]]"))
    }

    @Test func aStoppedTaskStillDeliversWhatItBufferedOnceInfluxdIsBack() async throws {
        let influxd = try InfluxD()
        var harness: OutHarness? = try OutHarness(
            "stream|from()|influxDBOut().database('condenser').buffer(100)", influxDB: try clusters(influxd))
        influxd.stop()
        for index in 1...3 { harness?.write("late", [:], [("n", .int(Int64(index)))], at: Int64(index)) }
        harness = nil
        try influxd.start()
        // The first retry comes a second after the failed flush, in real time: no tick any more.
        #expect(await eventually { (try? influxd.query("SELECT count(n) FROM late").contains("[[0,3]]")) == true })
    }

    @Test func chronografAlertHistoryPattern() async throws {
        let influxd = try InfluxD()
        let harness = try OutHarness("""
            stream
                |from().measurement('cpu').groupBy('host')
                |alert().id('cpu:{{ index .Tags "host" }}').message('{{ .ID }} is {{ .Level }}')
                    .crit(lambda: "usage_idle" < 10)
                    .idTag('alertID').levelTag('level').messageField('message').durationField('duration')
                |influxDBOut().create().database('chronograf').retentionPolicy('autogen').measurement('alerts')
                    .tag('alertName', 'cpu').buffer(1)
            """, influxDB: try clusters(influxd))
        harness.write("cpu", ["host": "a"], [("usage_idle", .float(5))], at: 1_000_000_000)
        harness.write("cpu", ["host": "a"], [("usage_idle", .float(50))], at: 2_000_000_000)
        #expect(await eventually { harness.stat("points_written") == 2 })
        let body = try influxd.query(
            "SELECT alertName, alertID, host, level, message, \"duration\", usage_idle FROM alerts", database: "chronograf")
        #expect(body.contains(
            "[[1000000000,\"cpu\",\"cpu:a\",\"a\",\"CRITICAL\",\"cpu:a is CRITICAL\",0,5],"
                + "[2000000000,\"cpu\",\"cpu:a\",\"a\",\"OK\",\"cpu:a is OK\",1000000000,50]]"),
            "\(body)")
    }

    @Test func wrongCredentialsShowInTheNodesErrors() async throws {
        let influxd = try InfluxD()
        let harness = try OutHarness(
            "stream|from()|influxDBOut().database('condenser').buffer(1)", influxDB: try clusters(influxd, password: "wrong"))
        harness.write("m", [:], [("n", .int(1))], at: 1)
        #expect(await eventually { harness.stat("write_errors") == 1 })
        harness.tick(after: 1)
        #expect(harness.errors.all == ["influxdb_out2: failed to write points to InfluxDB: authorization failed"])
        #expect(harness.runner.stats[harness.node].errors == 1)
    }
}

@Suite struct InfluxDBOutWithoutClusterTests {
    @Test func hugeBufferAndFlushIntervalAreNoCrash() throws {
        let clusters = try InfluxDBClusters([InfluxDBConfig(name: "local", urls: ["http://127.0.0.1:\(FreePort.next())"])])
        let harness = try OutHarness(
            "stream|from()|influxDBOut().database('db').buffer(9223372036854775807).flushInterval(2562047h)", influxDB: clusters)
        harness.write("m", [:], [("n", .int(1))], at: 1)
        harness.tick(after: 1_000_000_000)
        #expect(harness.stat("points_written") == 0 && harness.stat("points_dropped") == 0)
    }

    @Test func taskFailsToStartWhileStreamTasksRun() throws {
        let script = "stream|from()|influxDBOut().database('db')"
        #expect(throws: PipelineError.self) { try OutHarness(script, influxDB: nil) }
        do {
            _ = try OutHarness(script, influxDB: nil)
        } catch {
            #expect((error as? PipelineError)?.message == "influxdb_out2: no InfluxDB cluster configured cannot use the InfluxDBOutNode")
        }
        let clusters = try InfluxDBClusters([InfluxDBConfig(name: "local")])
        do {
            _ = try OutHarness("stream|from()|influxDBOut().cluster('nope').database('db')", influxDB: clusters)
            Issue.record("expected an error")
        } catch {
            #expect((error as? PipelineError)?.message == "influxdb_out2: failed to get InfluxDB client: no such InfluxDB config nope")
        }

        let master = TaskMaster(store: try Store.inMemory(), clock: ManualClock(1_000))
        let dbrp = DBRP(db: "telegraf", rp: "autogen")
        _ = try master.create(TaskRequest(id: "plain", type: .stream, dbrps: [dbrp], script: "stream|from()", status: .enabled))
        do {
            _ = try master.create(TaskRequest(id: "out", type: .stream, dbrps: [dbrp], script: script, status: .enabled))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("no InfluxDB cluster configured cannot use the InfluxDBOutNode"))
        }
        master.write([Point(database: "telegraf", retentionPolicy: "autogen", measurement: "cpu", fields: Fields([Field("v", .int(1))]), time: 1)], dbrp: dbrp)
        #expect(try master.task("plain").executing)
        #expect(try master.task("plain").pointsReceived == 1)
    }
}
