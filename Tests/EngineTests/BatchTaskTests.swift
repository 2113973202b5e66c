import Foundation
import Models
import Storage
import Synchronization
import Testing

@testable import Engine

/// An InfluxDB stand-in for the engine's side of batch tasks: records each statement and answers
/// with canned series, or fails. Hook for the live test: once the `InfluxDB` target's influxd
/// harness exists, run `BatchTaskTests.script` with its client as the `influxDB:` of a TaskMaster,
/// after writing the points, and expect the same statement and httpOut body.
final class RecordingInfluxDB: InfluxDBAccess {
    struct State {
        var statements: [(cluster: String, text: String)] = []
        var answers: [Result<[QuerySeries], any Error>] = []
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    let state = Mutex(State())

    init(answers: [Result<[QuerySeries], any Error>]) { state.withLock { $0.answers = answers } }

    var statements: [(cluster: String, text: String)] { state.withLock { $0.statements } }

    func query(cluster: String, _ influxql: String) async throws -> [QuerySeries] {
        let answer = state.withLock { state -> Result<[QuerySeries], any Error> in
            state.statements.append((cluster, influxql))
            return state.answers.isEmpty ? .success([]) : state.answers.removeFirst()
        }
        return try answer.get()
    }

    func write(cluster: String, _ write: InfluxDBWrite) async throws {}
}

/// Waits (up to five seconds) for work on other Swift Tasks to show.
func eventually(_ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for _ in 0..<500 {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met in time", sourceLocation: sourceLocation)
}

@Suite struct BatchTaskTests {
    let dbrp = DBRP(db: "telegraf", rp: "autogen")
    static let script = """
        batch
            |query('SELECT mean(usage_idle) FROM telegraf.autogen.cpu WHERE cpu = \\'cpu-total\\'')
                .period(5m)
                .every(1m)
                .align()
                .groupBy(time(1m), 'host')
                .fill(0)
                .cluster('east')
            |httpOut('out')
        """

    func request(_ script: String = Self.script, status: TaskStatus = .enabled) -> TaskRequest {
        TaskRequest(id: "cpu", type: .batch, dbrps: [dbrp], script: script, status: status)
    }

    func queryStats(_ master: TaskMaster) throws -> [String: Int64] {
        try master.task("cpu").execution?.nodeStats["query1"] ?? [:]
    }

    @Test func runsOnSchedule() async throws {
        let clock = ManualClock(utc("2020-01-01T00:00:30Z"))
        let series = QuerySeries(
            name: "cpu", tags: ["host": "a"], columns: ["time", "mean"],
            values: [[.int(utc("2019-12-31T23:59:00Z")), .float(97.5)], [.int(utc("2020-01-01T00:00:00Z")), .int(96)]])
        let influxDB = RecordingInfluxDB(answers: [.success([series]), .failure(RecordingInfluxDB.Failure())])
        let master = TaskMaster(store: try Store.inMemory(), clock: clock, influxDB: influxDB, timeZone: TimeZone(identifier: "UTC")!)
        _ = try master.create(request())
        clock.set(utc("2020-01-01T00:00:59Z"))
        master.tick()
        #expect(influxDB.statements.isEmpty)

        clock.set(utc("2020-01-01T00:01:00.3Z"))
        master.tick()
        try await eventually { try queryStats(master)["batches_queried"] == 1 }
        #expect(influxDB.statements.map(\.cluster) == ["east"])
        #expect(influxDB.statements.map(\.text) == [
            "SELECT mean(usage_idle) FROM telegraf.autogen.cpu WHERE cpu = 'cpu-total' AND time >= '2019-12-31T23:56:00Z' AND time < '2020-01-01T00:01:00Z' GROUP BY time(1m, 0s), host fill(0)"
        ])
        #expect(try queryStats(master)["points_queried"] == 2)
        let body = try #require(master.httpOut(task: "cpu", endpoint: "out"))
        #expect(body.contains(#""name":"cpu","tags":{"host":"a"},"columns":["time","mean"],"values":[["2019-12-31T23:59:00Z",97.5],["2020-01-01T00:00:00Z",96]]"#))

        // A failed query is counted as an error of the query node; the task keeps running.
        clock.set(utc("2020-01-01T00:02:00Z"))
        master.tick()
        try await eventually { try queryStats(master)["errors"] == 1 }
        #expect(try master.task("cpu").executing)
        #expect(influxDB.statements.last?.text.contains("time >= '2019-12-31T23:57:00Z' AND time < '2020-01-01T00:02:00Z'") == true)

        clock.set(utc("2020-01-01T00:03:00Z"))
        master.tick()
        try await eventually { try queryStats(master)["batches_queried"] == 1 && influxDB.statements.count == 3 }
        master.stop()
    }

    @Test func batchTasksNeedInfluxDBStreamTasksDoNot() throws {
        let master = TaskMaster(store: try Store.inMemory())
        #expect(throws: EngineError.failed("InfluxDB not configured, cannot query InfluxDB for batch query")) {
            try master.create(request())
        }
        #expect(try master.task("cpu").error == "InfluxDB not configured, cannot query InfluxDB for batch query")
        let stream = TaskRequest(id: "s", type: .stream, dbrps: [dbrp], script: "stream|from()", status: .enabled)
        #expect(try master.create(stream).executing)
    }

    @Test func aQueryThatDoesNotParseFailsWhenTheTaskStarts() throws {
        let master = TaskMaster(store: try Store.inMemory(), influxDB: RecordingInfluxDB(answers: []))
        let script = "batch|query('SELECT 1').every(1m)|httpOut('out')"
        // Kapacitor parses the query when the task starts, not when it is defined.
        #expect(try !master.create(request(script, status: .disabled)).executing)
        #expect(throws: EngineError.failed("failed to parse InfluxQL query: found EOF, expected FROM at line 1, char 9")) {
            try master.update("cpu", TaskRequest(status: .enabled))
        }
    }
}
