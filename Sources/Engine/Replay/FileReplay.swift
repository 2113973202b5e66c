import Models
import Pipeline

/// Runs a TICKscript over recording files without a server, as Kapacitor's test harness replays
/// them, and returns what an httpOut node serves once the task has drained: the engine code of
/// the daemon, fed from files, on data time.
public struct FileReplay {
    /// Stream or batch.
    public var type: TaskType
    /// The task's database and retention policy.
    public var dbrp: DBRP
    /// The TICKscript.
    public var script: String
    /// The recording files' contents: one `.srpl`, or one `.brpl` per query node in the order of
    /// `GraphRunner.queries` (Kapacitor's walk order, as its harness assigns recordings).
    public var data: [String]
    /// The unit of stream recordings' integer times.
    public var precision: Precision
    /// The clock zero: the first point of each file is moved to it.
    public var start: Timestamp
    /// How far the clock runs past `start`.
    public var duration: Int64
    /// The httpOut node to read.
    public var httpOut: String

    /// Describes a replay.
    public init(
        type: TaskType, dbrp: DBRP, script: String, data: [String], precision: Precision, start: Timestamp,
        duration: Int64, httpOut: String
    ) {
        self.type = type
        self.dbrp = dbrp
        self.script = script
        self.data = data
        self.precision = precision
        self.start = start
        self.duration = duration
        self.httpOut = httpOut
    }

    /// Runs the task over the data and returns the httpOut body; node errors go to `onError`.
    public func run(
        poster: any HTTPPoster = AsyncHTTPPoster(), onError: @escaping @Sendable (String, String) -> Void = { _, _ in }
    ) async throws(EngineError) -> String {
        let task = try TaskScript(script)
        guard task.type == type else { throw .invalid("the script is a \(task.type.rawValue) task, not \(type.rawValue)") }
        // As in Kapacitor's harness, `now()` reads the real wall clock (nodes work on data time) and
        // `rand()` is seeded with 0, so replays are repeatable.
        let context = TaskContext(taskName: "replay", clock: SystemClock(), onError: onError, randomSeed: 0, poster: poster, sideload: SideloadLoader())
        let runner: GraphRunner
        do {
            runner = try GraphRunner(graph: task.graph, context: context)
        } catch {
            throw .invalid(error.located(in: .init(script)))
        }
        switch type {
        case .stream: try await replayStream(into: runner)
        default: try await replayBatches(into: runner)
        }
        runner.finish()
        guard let body = context.httpOut.json(httpOut) else { throw .notFound("no httpOut node named \(httpOut)") }
        return body
    }

    /// Feeds the points in file order, their times moved so the first point is at `start`.
    func replayStream(into runner: GraphRunner) async throws(EngineError) {
        for file in data {
            let points = try RecordingFiles.streamPoints(file, precision: precision)
            guard let first = points.first?.time else { continue }
            for var point in points where point.database == dbrp.db && point.retentionPolicy == dbrp.rp {
                point.time = start + (point.time - first)
                runner.write(point)
                if runner.isWaiting { await runner.settle() }
            }
        }
    }

    /// Feeds file N's batches to query node N, each file moved so its first point is at `start`;
    /// a batch's tmax stays unless missing or before its last point.
    func replayBatches(into runner: GraphRunner) async throws(EngineError) {
        for (query, file) in data.enumerated() {
            let batches = try RecordingFiles.batches(file)
            guard let first = batches.first?.points.first?.time else { continue }
            let delta = start - first
            for var batch in batches {
                for index in batch.points.indices { batch.points[index].time += delta }
                if let last = batch.points.last?.time, batch.tmax < last { batch.tmax = last }
                runner.feed(batch, query: query)
                if runner.isWaiting { await runner.settle() }
            }
        }
    }
}
