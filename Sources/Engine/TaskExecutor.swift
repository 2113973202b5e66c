import Models
import Pipeline
import Synchronization

/// A task running: its graph in one Swift Task of its own, fed through a bounded queue so a slow
/// task never holds up the writer or another task. Points that find the queue full are dropped
/// and counted.
final class TaskExecutor: PointSink, Sendable {
    /// What the task's nodes share with the server (httpOut results, clock).
    let context: TaskContext
    /// The task's pipeline.
    let graph: PipelineGraph
    let capacity: Int
    private let queue = Mutex(Queue())
    private let snapshot: Mutex<Snapshot>
    private let started: ContinuousClock.Instant

    struct Queue: ~Copyable {
        /// The written chunks, kept as the router passed them (no copy per task).
        var chunks: [[Point]] = []
        var queued = 0
        var closed = false
        var dropped: Int64 = 0
        var received: Int64 = 0
        /// The latest wall-clock reading not yet passed to the graph's timers.
        var tick: Timestamp?
        /// Query results (batches, or a failure) not yet passed to the graph, in arrival order.
        var results: [QueryResult] = []
        var waiter: CheckedContinuation<Void, Never>?
    }

    /// The statistics last published by the running graph.
    struct Snapshot: Sendable {
        var stats: [NodeStats]
        var cardinalities: [Int]
        /// Per node, its own statistics.
        var extra: [[String: Int64]]
    }

    /// Checks that every node of `graph` can run in `context`; the task starts with `start()`.
    init(graph: PipelineGraph, capacity: Int, context: TaskContext) throws(EngineError) {
        self.context = context
        self.graph = graph
        self.capacity = capacity
        do {
            let runner = try GraphRunner(graph: graph, context: context)
            snapshot = Mutex(Snapshot(
                stats: runner.stats, cardinalities: Array(repeating: 0, count: graph.vertices.count),
                extra: Array(repeating: [:], count: graph.vertices.count)))
        } catch {
            throw .invalid(error.message)
        }
        started = .now
    }

    /// Starts the task's Swift Task.
    func start() {
        Task.detached { [self] in await self.run() }
    }

    /// Ends the task: what is queued is processed, then the loop stops.
    func stop() {
        let waiter = queue.withLock { queue in
            queue.closed = true
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume()
    }

    func accept(_ points: [Point]) {
        let waiter = queue.withLock { (queue) -> CheckedContinuation<Void, Never>? in
            guard !queue.closed else { return nil }
            queue.received += Int64(points.count)
            let room = max(0, capacity - queue.queued)
            if room >= points.count {
                queue.chunks.append(points)
                queue.queued += points.count
            } else {
                if room > 0 { queue.chunks.append(Array(points.prefix(room))) }
                queue.queued += room
                queue.dropped += Int64(points.count - room)
            }
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume()
    }

    /// Passes a wall-clock reading to the graph's timers (stats, barriers).
    func tick(_ now: Timestamp) {
        let waiter = queue.withLock { (queue) -> CheckedContinuation<Void, Never>? in
            guard !queue.closed else { return nil }
            queue.tick = now
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume()
    }

    /// Hands the batches of a run of query node number `query` to the graph.
    func feed(_ batches: [Batch], query: Int) { enqueue(.batches(batches, query: query)) }

    /// Reports that a run of query node number `query` failed.
    func queryFailed(query: Int, message: String) { enqueue(.failed(message, query: query)) }

    private func enqueue(_ result: QueryResult) {
        let waiter = queue.withLock { (queue) -> CheckedContinuation<Void, Never>? in
            guard !queue.closed else { return nil }
            queue.results.append(result)
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume()
    }

    /// Points received, and dropped because the queue was full.
    var counts: (received: Int64, dropped: Int64) { queue.withLock { ($0.received, $0.dropped) } }

    /// The statistics as of the last processed chunk.
    var stats: (nodes: [NodeStats], cardinalities: [Int], extra: [[String: Int64]]) {
        snapshot.withLock { ($0.stats, $0.cardinalities, $0.extra) }
    }

    /// Points per second since the task started.
    var throughput: Double {
        let seconds = Double((ContinuousClock.now - started).nanosecondsValue) / 1e9
        return seconds > 0 ? Double(counts.received - counts.dropped) / seconds : 0
    }

    private func run() async {
        guard let runner = try? GraphRunner(graph: graph, context: context) else { return }
        while let chunk = await next() {
            for points in chunk.points {
                // The runner borrows each point where it lies (no copy per task-point) and takes
                // them in one call until a node waits for I/O.
                var index = 0
                while index < points.count {
                    index = runner.write(points, from: index)
                    if runner.isWaiting { await runner.settle() }
                }
            }
            for result in chunk.results {
                switch result {
                case .batches(let batches, let query):
                    for batch in batches {
                        runner.feed(batch, query: query)
                        if runner.isWaiting { await runner.settle() }
                    }
                case .failed(let message, let query): runner.queryFailed(message, query: query)
                }
            }
            if let now = chunk.tick {
                runner.tick(now)
                if runner.isWaiting { await runner.settle() }
            }
            let cardinalities = graph.vertices.indices.map(runner.cardinality(of:))
            let extra = graph.vertices.indices.map(runner.statistics(of:))
            snapshot.withLock { $0 = Snapshot(stats: runner.stats, cardinalities: cardinalities, extra: extra) }
        }
    }

    /// Waits for queued points, query results or a clock tick; nil once the task is stopped and
    /// the queue drained.
    private func next() async -> (points: [[Point]], results: [QueryResult], tick: Timestamp?)? {
        while true {
            let taken = queue.withLock { (queue) -> (points: [[Point]], results: [QueryResult], tick: Timestamp?, closed: Bool) in
                let points = queue.chunks
                let results = queue.results
                let tick = queue.tick
                queue.chunks = []
                queue.results = []
                queue.queued = 0
                queue.tick = nil
                return (points, results, tick, queue.closed)
            }
            if !taken.points.isEmpty || !taken.results.isEmpty || taken.tick != nil { return (taken.points, taken.results, taken.tick) }
            if taken.closed { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = queue.withLock { queue in
                    if queue.chunks.isEmpty && queue.results.isEmpty && queue.tick == nil && !queue.closed {
                        queue.waiter = continuation
                        return false
                    }
                    return true
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}

/// What a run of a batch task's query node delivers to the task.
enum QueryResult: Sendable {
    case batches([Batch], query: Int)
    case failed(String, query: Int)
}
