import Foundation
import InfluxQL
import Logging
import Models
import Pipeline
import Storage
import Synchronization

/// Kapacitor's recordings and replays: capturing a task's stream or batch data into files in the
/// `[replay] dir`, then running a task over a recording (or straight over a query's result) in
/// isolation, as `kapacitor record` and `kapacitor replay` do. Metadata lives in the store; a
/// recording or replay runs in the background and its record says when it finished or failed.
public final class Recordings: Sendable {
    let taskMaster: TaskMaster
    /// Where recording files are kept.
    let directory: String
    let logger: Logger
    /// How a real-clock replay waits, in nanoseconds (injected by tests).
    let sleep: @Sendable (Int64) async -> Void
    /// How often a stream recording checks the wall clock against its stop time, in nanoseconds.
    let pollInterval: Int64
    /// The background work still running, by recording or replay ID.
    let active = Mutex<[String: Task<Void, Never>]>([:])

    /// The recordings of `taskMaster`'s tasks, their files under `directory`.
    public init(
        taskMaster: TaskMaster, directory: String, logger: Logger = Logger(label: "condenser.replay"),
        pollInterval: Int64 = 250_000_000,
        sleep: @escaping @Sendable (Int64) async -> Void = { try? await Task.sleep(nanoseconds: UInt64(max(0, $0))) }
    ) {
        self.taskMaster = taskMaster
        self.directory = directory
        self.logger = logger
        self.pollInterval = pollInterval
        self.sleep = sleep
    }

    /// Creates the directory, registers recording files found in it that the store does not know
    /// (Kapacitor's files can be dropped in), and marks what was running at the last stop failed.
    public func open() throws(EngineError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create replay dir \(directory): \(error)")
        }
        let store = taskMaster.store
        try taskMaster.storage { () throws(StorageError) in
            for var recording in try store.recordings.all() where recording.status == .running {
                recording.status = .failed
                recording.error = "unexpected Kapacitor shutdown"
                try store.recordings.update(recording)
            }
            for var replay in try store.replays.all() where replay.status == .running {
                replay.status = .failed
                replay.error = "unexpected Kapacitor shutdown"
                try store.replays.update(replay)
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names.sorted() {
            guard let dot = name.lastIndex(of: ".") else { continue }
            let id = String(name[..<dot])
            let type: TaskType
            switch name[dot...] {
            case ".srpl": type = .stream
            case ".brpl": type = .batch
            default: continue
            }
            let path = directory + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes?[.modificationDate] as? Date).map { Timestamp($0.timeIntervalSince1970 * 1e9) } ?? 0
            try taskMaster.storage { () throws(StorageError) in
                guard try store.recordings.find(id) == nil else { return }
                try store.recordings.create(RecordingRecord(
                    id: id, type: type, size: size, date: modified, status: .finished, progress: 1, path: path))
            }
        }
    }

    /// Waits for every recording and replay still running (tests, shutdown).
    public func wait() async {
        while let (id, next) = active.withLock({ $0.first }) {
            await next.value
            active.withLock { running in
                if running[id] == next { running[id] = nil }
            }
        }
    }

    // MARK: Recordings

    /// Every recording, sorted by ID.
    public func recordings() throws(EngineError) -> [RecordingRecord] {
        try taskMaster.storage { () throws(StorageError) in try taskMaster.store.recordings.all() }
    }

    /// The recording `id`; Kapacitor answers a missing one with 500 "error finding recording".
    public func recording(_ id: String) throws(EngineError) -> RecordingRecord {
        guard let record = try taskMaster.storage({ () throws(StorageError) in try taskMaster.store.recordings.find(id) }) else {
            throw .failed("error finding recording: no recording exists")
        }
        return record
    }

    /// Deletes recording `id` and its file, stopping it if it still runs; a missing one is not an error.
    public func deleteRecording(_ id: String) throws(EngineError) {
        guard let record = try taskMaster.storage({ () throws(StorageError) in try taskMaster.store.recordings.find(id) }) else { return }
        active.withLock { $0[id] }?.cancel()
        _ = try taskMaster.storage { () throws(StorageError) in try taskMaster.store.recordings.delete(id) }
        if FileManager.default.fileExists(atPath: record.path) {
            do { try FileManager.default.removeItem(atPath: record.path) } catch { throw .failed("\(error)") }
        }
    }

    /// Records the points task `task` would receive until one arrives after `stop` (or the wall
    /// clock passes `stop`).
    public func recordStream(id: String?, task: String, stop: Timestamp) throws(EngineError) -> RecordingRecord {
        let id = try Self.newID(id, kind: "recording")
        let record = try taskMaster.storedTask(task)
        let graph = try TaskScript(record.script, vars: TaskVars.stored(record.vars)).graph
        let recording = try create(id: id, type: .stream)
        let recorder: StreamRecorder
        do {
            recorder = try StreamRecorder(path: recording.path, stop: stop)
        } catch {
            finish(recording, error: error)
            throw error
        }
        let token = taskMaster.router.subscribe(recorder, dbrps: record.dbrps, measurements: graph.streamMeasurements)
        run(id) { [self] in
            while !recorder.isDone && !Task.isCancelled {
                if taskMaster.clock.now() > stop { recorder.stop() }
                try? await Task.sleep(nanoseconds: UInt64(pollInterval))
            }
            taskMaster.router.unsubscribe(token)
            finish(recording, error: recorder.finish())
        }
        return recording
    }

    /// Records what the queries of batch task `task` return for their ticks between `start` and
    /// `stop` (now when 0): one archive entry per query node.
    public func recordBatch(id: String?, task: String, start: Timestamp, stop: Timestamp) throws(EngineError) -> RecordingRecord {
        let id = try Self.newID(id, kind: "recording")
        guard start != 0 else { throw .invalid("must provide start time") }
        let record = try taskMaster.storedTask(task)
        let graph = try TaskScript(record.script, vars: TaskVars.stored(record.vars)).graph
        let now = taskMaster.clock.now()
        let recording = try create(id: id, type: .batch)
        run(id) { [self] in
            do {
                let batches = try await queryBatches(graph: graph, start: start, stop: stop == 0 ? now : stop, now: now)
                try RecordingArchive.writeBatches(batches, path: recording.path)
                finish(recording, error: nil)
            } catch {
                finish(recording, error: error)
            }
        }
        return recording
    }

    /// Records the result of `query` (fully qualified with database and retention policy) on
    /// `cluster`: as points in time order for a stream recording, as batches for a batch one.
    public func recordQuery(id: String?, query: String, type: TaskType, cluster: String) throws(EngineError) -> RecordingRecord {
        let id = try Self.newID(id, kind: "recording")
        guard !query.isEmpty else { throw .invalid("must provide query") }
        let recording = try create(id: id, type: type == .batch ? .batch : .stream)
        run(id) { [self] in
            do {
                let result = try await runQuery(query, cluster: cluster)
                if recording.type == .batch {
                    try RecordingArchive.writeBatches([result.batches], path: recording.path)
                } else {
                    let writer = try RecordingArchive.StreamWriter(path: recording.path)
                    try writer.write(Self.points(of: result.batches, dbrp: result.dbrp))
                    try writer.finish()
                }
                finish(recording, error: nil)
            } catch {
                finish(recording, error: error)
            }
        }
        return recording
    }

    // MARK: Shared

    /// Kapacitor's ID rule, a new UUID when none is given.
    static func newID(_ id: String?, kind: String) throws(EngineError) -> String {
        guard let id, !id.isEmpty else { return UUID().uuidString.lowercased() }
        let valid = id.unicodeScalars.allSatisfy { scalar in
            scalar == "-" || scalar == "." || scalar == "_" || ("0"..."9").contains(scalar) || scalar.properties.isAlphabetic
        }
        guard valid else { throw .invalid("\(kind) ID must contain only letters, numbers, '-', '.' and '_'. \"\(id)\"") }
        return id
    }

    /// Stores a new running recording.
    func create(id: String, type: TaskType) throws(EngineError) -> RecordingRecord {
        let path = directory + "/" + id + (type == .batch ? ".brpl" : ".srpl")
        let recording = RecordingRecord(id: id, type: type, date: taskMaster.clock.now(), status: .running, path: path)
        try taskMaster.storage { () throws(StorageError) in
            if try taskMaster.store.recordings.find(id) != nil { throw StorageError("recording already exists") }
            try taskMaster.store.recordings.create(recording)
        }
        return recording
    }

    /// Stores the outcome of `recording`: finished with its file's size, or failed with `error`.
    func finish(_ recording: RecordingRecord, error: (any Error)?) {
        var recording = recording
        recording.status = error == nil ? .finished : .failed
        recording.error = error.map { "\($0)" } ?? ""
        recording.progress = 1
        recording.date = taskMaster.clock.now()
        let attributes = try? FileManager.default.attributesOfItem(atPath: recording.path)
        recording.size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        do {
            try taskMaster.store.recordings.update(recording)
        } catch {
            logger.error("failed to save recording result", metadata: ["recording": "\(recording.id)", "error": "\(error)"])
        }
        if let error { logger.error("recording failed", metadata: ["recording": "\(recording.id)", "error": "\(error)"]) }
    }

    /// Runs `work` in the background under `id`.
    func run(_ id: String, _ work: @escaping @Sendable () async -> Void) {
        // Registered under the lock the task's own removal takes, so it cannot end unregistered.
        active.withLock { running in
            running[id] = Task { [self] in
                await work()
                _ = active.withLock { $0.removeValue(forKey: id) }
            }
        }
    }

    /// The batches a batch task's query nodes return for their ticks in (`start`, `stop`], ticks
    /// whose range would end after `now` left out, as Kapacitor's `QueryNode.Queries`.
    func queryBatches(graph: PipelineGraph, start: Timestamp, stop: Timestamp, now: Timestamp) async throws -> [[Batch]] {
        guard let influxDB = taskMaster.influxDB else { throw EngineError.failed("InfluxDB not configured, cannot record batch query") }
        var result: [[Batch]] = []
        for plan in try BatchScheduler.plans(of: graph, zone: taskMaster.timeZone) {
            var batches: [Batch] = []
            var tick = start
            while let next = plan.schedule.next(after: tick, anchor: start), next <= stop, next - plan.offset <= now {
                tick = next
                let statement = plan.statement(tick: next)
                logger.debug("running batch query for replay", metadata: ["query": "\(statement.text)"])
                let series = try await influxDB.query(cluster: plan.cluster, statement.text)
                batches += QueryResults.batches(
                    series, groupByMeasurement: plan.groupByMeasurement, stop: statement.stop,
                    groupedByTime: plan.query.isGroupedByTime
                ).batches
            }
            result.append(batches)
        }
        return result
    }

    /// Runs `query` on `cluster`; its FROM must name the database and retention policy.
    func runQuery(_ query: String, cluster: String) async throws -> (dbrp: DBRP, batches: [Batch]) {
        let statement = try BatchQuery(query).statement
        var dbrp = DBRP(db: "", rp: "")
        if statement.sources.count == 1, case .measurement(let measurement) = statement.sources[0] {
            dbrp = DBRP(db: measurement.database, rp: measurement.retentionPolicy)
        }
        guard !dbrp.db.isEmpty, !dbrp.rp.isEmpty else {
            throw EngineError.invalid("could not determine database and retention policy. Is the query fully qualified?")
        }
        guard let influxDB = taskMaster.influxDB else { throw EngineError.failed("InfluxDB not configured, cannot record query") }
        let series: [QuerySeries]
        do {
            series = try await influxDB.query(cluster: cluster, query)
        } catch {
            throw EngineError.failed("InfluxDB query failed: \(error)")
        }
        return (dbrp, QueryResults.batches(series, groupByMeasurement: false, stop: 0, groupedByTime: true).batches)
    }

    /// The points of `batches` in time order across them, as Kapacitor's stream query recording.
    static func points(of batches: [Batch], dbrp: DBRP) -> [Point] {
        var points: [(time: Timestamp, batch: Int, index: Int)] = []
        for (batchIndex, batch) in batches.enumerated() {
            for (index, point) in batch.points.enumerated() { points.append((point.time, batchIndex, index)) }
        }
        points.sort { ($0.time, $0.batch, $0.index) < ($1.time, $1.batch, $1.index) }
        return points.map { entry in
            let batch = batches[entry.batch], point = batch.points[entry.index]
            return Point(
                database: dbrp.db, retentionPolicy: dbrp.rp, measurement: batch.name, tags: point.tags, fields: point.fields,
                time: point.time)
        }
    }
}
