import Foundation
import Models
import Pipeline
import Storage

/// One replay: the task's graph run in isolation from the running tasks, as Kapacitor runs it in
/// a task master of its own named after the replay (its alert nodes publish to
/// `<replay>:<task>:<node>`), fed from the replay's data, then drained.
struct ReplayRun {
    let replay: ReplayRecord
    let task: TaskRecord
    let taskMaster: TaskMaster
    let sleep: @Sendable (Int64) async -> Void

    /// Feeds `data` and returns the task's statistics once drained.
    func run(_ data: ReplayData) async throws -> ReplayStats {
        let analysis = try TaskScript(task.script, vars: TaskVars.stored(task.vars))
        let graph = taskMaster.globalHandlers.apply(to: analysis.graph)
        let zero = taskMaster.clock.now()
        let fast = ManualClock(zero)
        let context = taskMaster.context(
            task: task.id, master: replay.id, clock: replay.clock == "fast" ? fast : nil, loopback: { _ in })
        let runner: GraphRunner
        do {
            runner = try GraphRunner(graph: graph, context: context)
        } catch {
            throw EngineError.failed("task start: \(error.message)")
        }
        let handlers = try taskMaster.registerHandlers(of: graph, task: task.id, master: replay.id)
        defer { for entry in handlers { taskMaster.topics.deregister(id: entry.id, topic: entry.topic) } }
        let started = ContinuousClock.now
        var fed = 0
        switch data {
        case .points(let points):
            guard task.type == .stream else { throw EngineError.failed("running replay: cannot replay stream data into batch task \(task.id)") }
            fed = try await feed(points, graph: graph, into: runner, clock: fast, zero: zero)
        case .batches(let files):
            guard task.type == .batch else { throw EngineError.failed("running replay: cannot replay batch data into stream task \(task.id)") }
            guard files.count == runner.queries.count else {
                throw EngineError.failed("running replay: unexpected number of batch collectors. exp \(files.count) got \(runner.queries.count)")
            }
            for (query, batches) in files.enumerated() {
                fed += await feed(batches, query: query, into: runner, clock: fast, zero: zero)
            }
        }
        runner.finish()
        let elapsed = started.duration(to: .now).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let execution = ExecutionStats(
            graph: graph, nodes: runner.stats, cardinalities: graph.vertices.indices.map(runner.cardinality(of:)),
            throughput: seconds > 0 ? Double(fed) / seconds : 0, dropped: 0, type: task.type,
            extra: graph.vertices.indices.map(runner.statistics(of:)))
        return ReplayStats(taskStats: ["throughput": execution.throughput], nodeStats: execution.nodeStats)
    }

    /// Feeds the points of the task's databases and measurements in order, each at its moment
    /// relative to the first (Kapacitor's `replayStreamFromChan`); returns how many went in.
    func feed(_ points: [Point], graph: PipelineGraph, into runner: GraphRunner, clock: ManualClock, zero: Timestamp) async throws -> Int {
        let dbrps = Set(task.dbrps)
        let measurements = graph.streamMeasurements
        guard let first = points.first?.time else { return 0 }
        let shift = zero - first
        var fed = 0
        for var point in points {
            guard dbrps.contains(DBRP(db: point.database, rp: point.retentionPolicy)),
                  measurements?.contains(point.measurement) ?? true else { continue }
            let due = point.time + shift
            if !replay.recordingTime { point.time = due }
            await wait(until: due, clock: clock)
            runner.write(point)
            fed += 1
            if runner.isWaiting { await runner.settle() }
        }
        return fed
    }

    /// Feeds one query node's batches as Kapacitor's `replayBatchFromChan`: times moved (unless
    /// recording time is kept) so the first point is at the replay's start, each batch's tmax at
    /// least its last point's time.
    func feed(_ batches: [Batch], query: Int, into runner: GraphRunner, clock: ManualClock, zero: Timestamp) async -> Int {
        var shift: Int64?
        var fed = 0
        for var batch in batches {
            guard let firstTime = batch.points.first?.time else { continue }
            let delta = shift ?? (zero - firstTime)
            shift = delta
            if !replay.recordingTime {
                for index in batch.points.indices { batch.points[index].time += delta }
            }
            let last = batch.points[batch.points.count - 1].time
            await wait(until: replay.recordingTime ? last + delta : last, clock: clock)
            if batch.tmax < last { batch.tmax = last }
            runner.feed(batch, query: query)
            fed += 1
            if runner.isWaiting { await runner.settle() }
        }
        return fed
    }

    /// A fast clock jumps to `time`; a real one waits for it.
    func wait(until time: Timestamp, clock: ManualClock) async {
        if replay.clock == "fast" {
            if time > clock.now() { clock.set(time) }
        } else {
            let remaining = time - taskMaster.clock.now()
            if remaining > 0 { await sleep(remaining) }
        }
    }
}
