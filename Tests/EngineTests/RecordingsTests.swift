import Alerting
import Foundation
import Models
import Storage
import Synchronization
import Testing

@testable import Engine

/// A handler kind standing in for `post`: it keeps each event with the topic it arrived on.
final class CollectingKind: HandlerKind, AlertHandler {
    let kind = "post"
    private let events = Mutex<[Event]>([])
    var received: [Event] { events.withLock { $0 } }

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler { self }
    func handle(_ event: Event) async throws { events.withLock { $0.append(event) } }
}

@Suite struct RecordingsTests {
    let dbrp = DBRP(db: "telegraf", rp: "autogen")
    static let second: Int64 = 1_000_000_000
    /// 2026-01-01T00:00:00Z.
    static let base: Timestamp = 1_767_225_600 * second

    static let alertScript = """
        stream
            |from()
                .measurement('cpu')
            |alert()
                .id('cpu')
                .crit(lambda: "usage" > 90)
                .post('http://127.0.0.1:1/alert')
        """

    struct Fixture {
        let taskMaster: TaskMaster
        let recordings: Recordings
        let clock: ManualClock
        let directory: String
        let kind: CollectingKind
        let sleeps: Sleeps
    }

    /// The waits a real-clock replay asked for.
    final class Sleeps: Sendable {
        let waits = Mutex<[Int64]>([])
        var all: [Int64] { waits.withLock { $0 } }
    }

    func fixture(influxDB: (any InfluxDBAccess)? = nil, store: Store? = nil, directory: String? = nil) throws -> Fixture {
        // The wall clock an hour before the data, so stop times in the data are not yet passed.
        let clock = ManualClock(Self.base - 3600 * Self.second)
        let kind = CollectingKind()
        let taskMaster = TaskMaster(
            store: try store ?? Store.inMemory(), clock: clock, handlerKinds: HandlerKinds([kind]), influxDB: influxDB,
            timeZone: TimeZone(identifier: "UTC")!)
        let directory = directory ?? NSTemporaryDirectory() + "recordings-" + UUID().uuidString
        let sleeps = Sleeps()
        let recordings = Recordings(
            taskMaster: taskMaster, directory: directory, pollInterval: 1_000_000,
            sleep: { nanoseconds in sleeps.waits.withLock { $0.append(nanoseconds) } })
        try recordings.open()
        return Fixture(taskMaster: taskMaster, recordings: recordings, clock: clock, directory: directory, kind: kind, sleeps: sleeps)
    }

    func cpu(_ usage: Double, at seconds: Int64, host: String = "a", measurement: String = "cpu") -> Point {
        Point(
            database: dbrp.db, retentionPolicy: dbrp.rp, measurement: measurement, tags: Tags([Tag("host", host)]),
            fields: Fields([Field("usage", .float(usage))]), time: Self.base + seconds * Self.second)
    }

    func define(_ fixture: Fixture, _ id: String, _ script: String, type: TaskType = .stream) throws {
        _ = try fixture.taskMaster.create(TaskRequest(id: id, type: type, dbrps: [dbrp], script: script, status: .disabled))
    }

    // MARK: Stream recordings

    @Test func streamRecordingKeepsTheTasksPointsUntilOneIsPastStop() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        let recording = try fixture.recordings.recordStream(id: "rec1", task: "cpu_alert", stop: Self.base + 10 * Self.second)
        #expect(recording.status == .running)
        #expect(recording.path == fixture.directory + "/rec1.srpl")
        fixture.taskMaster.write([cpu(50, at: 0), cpu(95, at: 5), cpu(1, at: 6, measurement: "mem")], dbrp: dbrp)
        fixture.taskMaster.write([cpu(70, at: 9), cpu(99, at: 11), cpu(98, at: 12)], dbrp: dbrp)
        await fixture.recordings.wait()
        let stored = try fixture.recordings.recording("rec1")
        #expect(stored.status == .finished)
        #expect(stored.error == "")
        #expect(stored.progress == 1)
        #expect(stored.size > 20)
        let points = try RecordingArchive.streamPoints(path: stored.path)
        #expect(points == [cpu(50, at: 0), cpu(95, at: 5), cpu(70, at: 9)])
        // The file is gzip, as Kapacitor writes it.
        let bytes = try #require(FileManager.default.contents(atPath: stored.path))
        #expect(Array(bytes.prefix(2)) == [0x1f, 0x8b])
    }

    @Test func streamRecordingEndsWhenTheWallClockPassesStop() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        _ = try fixture.recordings.recordStream(id: "quiet", task: "cpu_alert", stop: fixture.clock.now() + 60 * Self.second)
        fixture.taskMaster.write([cpu(50, at: -3600)], dbrp: dbrp)
        #expect(try fixture.recordings.recording("quiet").status == .running)
        fixture.clock.advance(by: 61 * Self.second)
        await fixture.recordings.wait()
        let stored = try fixture.recordings.recording("quiet")
        #expect(stored.status == .finished)
        #expect(try RecordingArchive.streamPoints(path: stored.path) == [cpu(50, at: -3600)])
        #expect(fixture.taskMaster.router.subscriberCount(dbrp) == 0)
    }

    @Test func deletingARunningRecordingStopsItAndNothingComesBack() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        _ = try fixture.recordings.recordStream(id: "gone", task: "cpu_alert", stop: Self.base + 100 * Self.second)
        fixture.taskMaster.write([cpu(50, at: 0)], dbrp: dbrp)
        try fixture.recordings.deleteRecording("gone")
        await fixture.recordings.wait()
        #expect(try fixture.recordings.recordings().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/gone.srpl"))
        #expect(fixture.taskMaster.router.subscriberCount(dbrp) == 0)
    }

    @Test func recordingErrorsAreKapacitors() throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        #expect(throws: EngineError.invalid("recording ID must contain only letters, numbers, '-', '.' and '_'. \"a/b\"")) {
            try fixture.recordings.recordStream(id: "a/b", task: "cpu_alert", stop: 0)
        }
        #expect(throws: EngineError.notFound("no task exists")) {
            try fixture.recordings.recordStream(id: "x", task: "missing", stop: 0)
        }
        #expect(throws: EngineError.invalid("must provide start time")) {
            try fixture.recordings.recordBatch(id: "x", task: "cpu_alert", start: 0, stop: 0)
        }
        #expect(throws: EngineError.invalid("must provide query")) {
            try fixture.recordings.recordQuery(id: "x", query: "", type: .stream, cluster: "")
        }
        #expect(throws: EngineError.failed("error finding recording: no recording exists")) {
            try fixture.recordings.recording("missing")
        }
        let generated = try fixture.recordings.recordStream(id: nil, task: "cpu_alert", stop: 0)
        #expect(UUID(uuidString: generated.id) != nil)
        #expect(throws: EngineError.storage("recording already exists")) {
            try fixture.recordings.recordStream(id: generated.id, task: "cpu_alert", stop: 0)
        }
    }

    // MARK: Replays

    @Test func replayRunsTheTaskInIsolationWithTimesMovedToNow() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        _ = try fixture.recordings.recordStream(id: "rec", task: "cpu_alert", stop: Self.base + 100 * Self.second)
        fixture.taskMaster.write([cpu(50, at: 0), cpu(95, at: 5), cpu(20, at: 8), cpu(99, at: 200)], dbrp: dbrp)
        await fixture.recordings.wait()

        let replay = try fixture.recordings.replay(id: "rp1", task: "cpu_alert", recording: "rec", recordingTime: false, clock: "fast")
        #expect(replay.status == .running)
        await fixture.recordings.wait()
        let done = try fixture.recordings.replay("rp1")
        #expect(done.status == .finished, "\(done.error)")
        let stats = try JSONDecoder().decode(ReplayStats.self, from: Data(done.stats.utf8))
        #expect(stats.nodeStats["from1"]?["emitted"] == 3)
        #expect(stats.nodeStats["alert2"]?["crits_triggered"] == 1)
        #expect(stats.nodeStats["alert2"]?["oks_triggered"] == 1)
        // The alert went to the replay's own anonymous topic, at the moved times.
        try await eventually { fixture.kind.received.count == 2 }
        let events = fixture.kind.received
        #expect(events.map(\.topic) == ["rp1:cpu_alert:alert2", "rp1:cpu_alert:alert2"])
        let zero = Self.base - 3600 * Self.second
        #expect(events.map(\.state.time) == [zero + 5 * Self.second, zero + 8 * Self.second])
        #expect(events.map(\.state.level) == [.critical, .ok])
        // The running task (not enabled) saw nothing, and no handler stays registered.
        #expect(fixture.taskMaster.topics.summary("main:cpu_alert:alert2") == nil)
        #expect(fixture.taskMaster.topics.handlerQueue(id: "alert2-post-0", topic: "rp1:cpu_alert:alert2") == nil)
    }

    @Test func replayWithRecordingTimeOnTheRealClockWaitsBetweenPoints() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        _ = try fixture.recordings.recordStream(id: "rec", task: "cpu_alert", stop: Self.base + 100 * Self.second)
        fixture.taskMaster.write([cpu(95, at: 0), cpu(20, at: 2), cpu(96, at: 7), cpu(0, at: 500)], dbrp: dbrp)
        await fixture.recordings.wait()
        _ = try fixture.recordings.replay(id: "real", task: "cpu_alert", recording: "rec", recordingTime: true, clock: "real")
        await fixture.recordings.wait()
        #expect(try fixture.recordings.replay("real").status == .finished)
        // The manual wall clock stands still, so each point waits its full offset from the first.
        #expect(fixture.sleeps.all == [2 * Self.second, 7 * Self.second])
        try await eventually { fixture.kind.received.count == 3 }
        #expect(fixture.kind.received.map(\.state.time) == [Self.base, Self.base + 2 * Self.second, Self.base + 7 * Self.second])
    }

    @Test func replayErrorsAreKapacitors() async throws {
        let fixture = try fixture()
        try define(fixture, "cpu_alert", Self.alertScript)
        #expect(throws: EngineError.notFound("task load: no task exists")) {
            try fixture.recordings.replay(id: "r", task: "missing", recording: "x", recordingTime: false, clock: "fast")
        }
        #expect(throws: EngineError.notFound("recording not found: no recording exists")) {
            try fixture.recordings.replay(id: "r", task: "cpu_alert", recording: "x", recordingTime: false, clock: "fast")
        }
        _ = try fixture.recordings.recordStream(id: "rec", task: "cpu_alert", stop: 0)
        fixture.taskMaster.write([cpu(95, at: 1)], dbrp: dbrp)
        await fixture.recordings.wait()
        #expect(throws: EngineError.invalid("invalid clock type slow")) {
            try fixture.recordings.replay(id: "r", task: "cpu_alert", recording: "rec", recordingTime: false, clock: "slow")
        }
        #expect(throws: EngineError.notFound("could not find replay: no replay exists")) { try fixture.recordings.replay("r") }
        try define(fixture, "batch_task", "batch|query('SELECT mean(usage) FROM telegraf.autogen.cpu').period(1m).every(1m)|httpOut('o')", type: .batch)
        _ = try fixture.recordings.replay(id: "mismatch", task: "batch_task", recording: "rec", recordingTime: false, clock: "fast")
        await fixture.recordings.wait()
        let failed = try fixture.recordings.replay("mismatch")
        #expect(failed.status == .failed)
        #expect(failed.error == "running replay: cannot replay stream data into batch task batch_task")
        #expect(throws: EngineError.invalid("cannot replay batch against stream task: cpu_alert")) {
            try fixture.recordings.replayBatch(id: "b", task: "cpu_alert", start: 1, stop: 2, recordingTime: false, clock: "fast")
        }
        try fixture.recordings.deleteReplay("mismatch")
        try fixture.recordings.deleteReplay("mismatch")
        #expect(try fixture.recordings.replays().isEmpty)
    }

    // MARK: Batch and query recordings

    static let batchScript = """
        batch
            |query('SELECT mean(usage) FROM telegraf.autogen.cpu')
                .period(1m)
                .every(1m)
                .groupBy('host')
            |alert()
                .id('{{ index .Tags "host" }}')
                .crit(lambda: "mean" > 90)
                .post('http://127.0.0.1:1/alert')
        """

    static func series(_ host: String, _ values: [(Int64, Double)]) -> QuerySeries {
        QuerySeries(
            name: "cpu", tags: ["host": host], columns: ["time", "mean"],
            values: values.map { [.int(base + $0.0 * second), .float($0.1)] })
    }

    @Test func batchRecordingRunsTheTasksQueriesForEachTickAndReplays() async throws {
        let influxDB = RecordingInfluxDB(answers: [
            .success([Self.series("a", [(0, 50)]), Self.series("b", [(10, 95)])]),
            .success([Self.series("a", [(60, 97)])]),
        ])
        let fixture = try fixture(influxDB: influxDB)
        try define(fixture, "batch_cpu", Self.batchScript, type: .batch)
        fixture.clock.set(Self.base + 3600 * Self.second)
        _ = try fixture.recordings.recordBatch(id: "brec", task: "batch_cpu", start: Self.base, stop: Self.base + 120 * Self.second)
        await fixture.recordings.wait()
        let stored = try fixture.recordings.recording("brec")
        #expect(stored.status == .finished, "\(stored.error)")
        #expect(stored.type == .batch)
        #expect(influxDB.statements.map(\.text) == [
            "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE time >= '2026-01-01T00:00:00Z' AND time < '2026-01-01T00:01:00Z' GROUP BY host",
            "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE time >= '2026-01-01T00:01:00Z' AND time < '2026-01-01T00:02:00Z' GROUP BY host",
        ])
        let files = try RecordingArchive.batchFiles(path: stored.path)
        #expect(files.count == 1)
        let batches = try RecordingFiles.batches(files[0])
        #expect(batches.map(\.tags) == [Tags([Tag("host", "a")]), Tags([Tag("host", "b")]), Tags([Tag("host", "a")])])
        // Not grouped by time: each batch ends at its query's stop, as in Kapacitor.
        #expect(batches.map(\.tmax) == [Self.base + 60 * Self.second, Self.base + 60 * Self.second, Self.base + 120 * Self.second])

        _ = try fixture.recordings.replay(id: "bp", task: "batch_cpu", recording: "brec", recordingTime: true, clock: "fast")
        await fixture.recordings.wait()
        let replay = try fixture.recordings.replay("bp")
        #expect(replay.status == .finished, "\(replay.error)")
        try await eventually { fixture.kind.received.count == 2 }
        #expect(Set(fixture.kind.received.map(\.state.id)) == ["a", "b"])
        #expect(Set(fixture.kind.received.map(\.topic)) == ["bp:batch_cpu:alert2"])
    }

    @Test func streamQueryRecordingOrdersPointsAcrossSeries() async throws {
        let influxDB = RecordingInfluxDB(answers: [
            .success([Self.series("a", [(0, 1), (20, 3)]), Self.series("b", [(10, 2), (30, 4)])]),
        ])
        let fixture = try fixture(influxDB: influxDB)
        _ = try fixture.recordings.recordQuery(
            id: "q", query: "SELECT mean FROM telegraf.autogen.cpu", type: .stream, cluster: "east")
        await fixture.recordings.wait()
        let stored = try fixture.recordings.recording("q")
        #expect(stored.status == .finished, "\(stored.error)")
        #expect(influxDB.statements.map(\.cluster) == ["east"])
        let points = try RecordingArchive.streamPoints(path: stored.path)
        #expect(points.map { $0.fields["mean"]?.numeric } == [1, 2, 3, 4])
        #expect(points.allSatisfy { $0.database == "telegraf" && $0.retentionPolicy == "autogen" && $0.measurement == "cpu" })

        _ = try fixture.recordings.recordQuery(id: "unqualified", query: "SELECT mean FROM cpu", type: .stream, cluster: "")
        await fixture.recordings.wait()
        #expect(try fixture.recordings.recording("unqualified").error
            == "could not determine database and retention policy. Is the query fully qualified?")
    }

    // MARK: Restart

    @Test func openMarksInterruptedWorkFailedAndAdoptsRecordingFiles() async throws {
        let store = try Store.inMemory()
        let first = try fixture(store: store)
        try define(first, "cpu_alert", Self.alertScript)
        _ = try first.recordings.recordStream(id: "interrupted", task: "cpu_alert", stop: Self.base + 1000 * Self.second)
        _ = try first.recordings.recordStream(id: "done", task: "cpu_alert", stop: Self.base)
        first.taskMaster.write([cpu(1, at: 1)], dbrp: dbrp)
        try await eventually { (try? first.recordings.recording("done").status) == .finished }
        // A file dropped into the directory (from Kapacitor, say) becomes a finished recording.
        try FileManager.default.copyItem(atPath: first.directory + "/done.srpl", toPath: first.directory + "/copied.srpl")

        let second = try fixture(store: store, directory: first.directory)
        #expect(try second.recordings.recording("interrupted").status == .failed)
        #expect(try second.recordings.recording("interrupted").error == "unexpected Kapacitor shutdown")
        let copied = try second.recordings.recording("copied")
        #expect(copied.status == .finished)
        #expect(copied.type == .stream)
        #expect(copied.size == (try second.recordings.recording("done")).size)
        try second.recordings.deleteRecording("copied")
        #expect(!FileManager.default.fileExists(atPath: first.directory + "/copied.srpl"))
        try second.recordings.deleteRecording("copied")
        first.recordings.active.withLock { $0.values.forEach { $0.cancel() } }
    }
}
