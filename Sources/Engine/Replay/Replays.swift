import Foundation
import Models
import Pipeline
import Storage

/// The data a replay feeds its task: points for a stream task, or each query node's batches.
enum ReplayData: Sendable {
    case points([Point])
    case batches([[Batch]])
}

/// A replay's statistics as stored with it: Kapacitor's `task-stats` and `node-stats`.
public struct ReplayStats: Codable, Sendable, Equatable {
    /// `throughput`: points or batches per second of the replay.
    public var taskStats: [String: Double]
    /// Per node, its statistics by Kapacitor's names.
    public var nodeStats: [String: [String: Int64]]

    enum CodingKeys: String, CodingKey {
        case taskStats = "task-stats", nodeStats = "node-stats"
    }
}

extension Recordings {
    /// Every replay, sorted by ID.
    public func replays() throws(EngineError) -> [ReplayRecord] {
        try taskMaster.storage { () throws(StorageError) in try taskMaster.store.replays.all() }
    }

    /// The replay `id`.
    public func replay(_ id: String) throws(EngineError) -> ReplayRecord {
        guard let record = try taskMaster.storage({ () throws(StorageError) in try taskMaster.store.replays.find(id) }) else {
            throw .notFound("could not find replay: no replay exists")
        }
        return record
    }

    /// Deletes replay `id`'s record; a missing one is not an error.
    public func deleteReplay(_ id: String) throws(EngineError) {
        _ = try taskMaster.storage { () throws(StorageError) in try taskMaster.store.replays.delete(id) }
    }

    /// Replays recording `recording` into task `task` in isolation; `clock` is `fast` (no waiting)
    /// or `real` (points spaced as recorded); without `recordingTime` the first point is moved to
    /// now and the others keep their distance to it.
    public func replay(
        id: String?, task: String, recording: String, recordingTime: Bool, clock: String
    ) throws(EngineError) -> ReplayRecord {
        let id = try Self.newID(id, kind: "replay")
        let record: TaskRecord
        do { record = try taskMaster.storedTask(task) } catch { throw .notFound("task load: \(error)") }
        guard let stored = try taskMaster.storage({ () throws(StorageError) in try taskMaster.store.recordings.find(recording) }) else {
            throw .notFound("recording not found: no recording exists")
        }
        let replay = try startReplay(id: id, task: task, recording: recording, recordingTime: recordingTime, clock: clock)
        run(id) { [self] in
            await execute(replay, task: record) { () async throws -> ReplayData in
                if stored.type == .batch {
                    let batches = try RecordingArchive.batchFiles(path: stored.path).map { text throws(EngineError) in
                        try RecordingFiles.batches(text)
                    }
                    return .batches(batches)
                }
                return .points(try RecordingArchive.streamPoints(path: stored.path))
            }
        }
        return replay
    }

    /// Replays what batch task `task`'s queries return for their ticks between `start` and `stop`
    /// (now when 0), without keeping a recording.
    public func replayBatch(
        id: String?, task: String, start: Timestamp, stop: Timestamp, recordingTime: Bool, clock: String
    ) throws(EngineError) -> ReplayRecord {
        let id = try Self.newID(id, kind: "replay")
        let record: TaskRecord
        do { record = try taskMaster.storedTask(task) } catch { throw .notFound("task load: \(error)") }
        guard record.type == .batch else { throw .invalid("cannot replay batch against stream task: \(task)") }
        let graph = try TaskScript(record.script, vars: TaskVars.stored(record.vars)).graph
        let now = taskMaster.clock.now()
        let replay = try startReplay(id: id, task: task, recording: "", recordingTime: recordingTime, clock: clock)
        run(id) { [self] in
            await execute(replay, task: record) {
                .batches(try await queryBatches(graph: graph, start: start, stop: stop == 0 ? now : stop, now: now))
            }
        }
        return replay
    }

    /// Replays the result of `query` on `cluster` into task `task`: its points in time order for a
    /// stream task, its batches for a batch task.
    public func replayQuery(
        id: String?, task: String, query: String, cluster: String, recordingTime: Bool, clock: String
    ) throws(EngineError) -> ReplayRecord {
        let id = try Self.newID(id, kind: "replay")
        guard !query.isEmpty else { throw .invalid("must provide query") }
        let record: TaskRecord
        do { record = try taskMaster.storedTask(task) } catch { throw .notFound("task load: \(error)") }
        let replay = try startReplay(id: id, task: task, recording: "", recordingTime: recordingTime, clock: clock)
        run(id) { [self] in
            await execute(replay, task: record) {
                let result = try await runQuery(query, cluster: cluster)
                return record.type == .batch ? .batches([result.batches]) : .points(Self.points(of: result.batches, dbrp: result.dbrp))
            }
        }
        return replay
    }

    /// Stores a new running replay after checking its clock.
    func startReplay(id: String, task: String, recording: String, recordingTime: Bool, clock: String) throws(EngineError) -> ReplayRecord {
        guard clock == "fast" || clock == "real" else { throw .invalid("invalid clock type \(clock)") }
        let replay = ReplayRecord(
            id: id, task: task, recording: recording, recordingTime: recordingTime, clock: clock, date: taskMaster.clock.now(),
            status: .running)
        try taskMaster.storage { () throws(StorageError) in
            if try taskMaster.store.replays.find(id) != nil { throw StorageError("replay already exists") }
            try taskMaster.store.replays.create(replay)
        }
        return replay
    }

    /// Runs `replay` over what `load` returns and stores its outcome.
    func execute(_ replay: ReplayRecord, task: TaskRecord, load: () async throws -> ReplayData) async {
        var replay = replay
        do {
            let data = try await load()
            let stats = try await ReplayRun(replay: replay, task: task, taskMaster: taskMaster, sleep: sleep).run(data)
            replay.stats = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
            replay.status = .finished
        } catch {
            replay.status = .failed
            replay.error = "\(error)"
            logger.error("replay failed", metadata: ["replay": "\(replay.id)", "error": "\(error)"])
        }
        replay.progress = 1
        replay.date = taskMaster.clock.now()
        do {
            try taskMaster.store.replays.update(replay)
        } catch {
            logger.error("failed to save replay results", metadata: ["replay": "\(replay.id)", "error": "\(error)"])
        }
    }
}
