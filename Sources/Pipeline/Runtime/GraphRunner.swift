import Models

/// A task's pipeline running: one runtime per node, messages delivered synchronously from parent
/// to children, statistics per node. Confined to the task's Swift Task.
public final class GraphRunner {
    /// The pipeline it runs.
    public let graph: PipelineGraph
    /// What the task shares outside.
    public let context: TaskContext
    private let runtimes: [any NodeRuntime]
    /// Per node: its children with the parent position the node has in each of them.
    private let links: [[(child: Int, parent: Int)]]
    /// Per node statistics.
    public var stats: [NodeStats] { Array(counters) }
    /// Per node statistics, changed in place: no uniqueness check per count, as an array has.
    private let counters: UnsafeMutableBufferPointer<NodeStats>
    /// Where `write(_:from:)` lends a written point to the graph: a bitwise alias of the point,
    /// which owns nothing (never deinitialized).
    private let lent = UnsafeMutablePointer<Point>.allocate(capacity: 1)
    /// The `query` nodes in Kapacitor's walk order (the pipeline's topological sort, where a later
    /// sibling comes first): batch data file N feeds query N, as Kapacitor's harness assigns them.
    public let queries: [Int]
    private let clock = ContinuousClock()
    /// A node's messages are timed when its processed count masked by this is 1: the first and
    /// then every 128th (two clock reads were a twentieth of the count shape's time at every 16th).
    private let sampleMask: Int64 = 127
    /// When idle groups expire: the nodes that form groups and when each group last had data.
    private var groupActivity: [Int: [GroupID: Timestamp]] = [:]
    private var lastTick: Timestamp
    /// Groups dropped for being idle.
    public private(set) var expiredGroups: Int64 = 0
    /// I/O nodes started for the message being processed, to finish before the next one.
    var pending: [() async -> Void] = []
    /// The `stream` sources.
    private let streamSources: [Int]
    /// Per node: whether a `stats` node watches it, and whether it forms groups that can expire.
    private var isWatched: [Bool]
    private var formsGroups: [Bool]
    /// Per node: whether anything looks at its emissions (children, `stats`, group expiry).
    private let observed: [Bool]
    /// The nodes watched by `stats` nodes, and their emissions per group.
    private var watched: [Int: [GroupEmissions]] = [:]
    private var watchedIndex: [Int: [GroupID: Int]] = [:]
    /// Per node: its only child when that child takes time windows by column and nothing else
    /// observes the node.
    private let windowConsumers: [(any WindowConsumer)?]
    /// Per node: its only child when that child takes selected points without messages and nothing
    /// else observes the node.
    private let pointTakers: [(any PointTaker)?]
    /// Per node: whether it has a point taker (read per point, cheaper than the optional).
    private let hasPointTaker: [Bool]
    /// Per node: its point taker when that is a window, called without reference counting (a
    /// retain and release per call on an existential).
    private let windowTakers: UnsafeMutableBufferPointer<Unmanaged<WindowRuntime>?>
    /// What a written point goes through, in order: per `stream` source, the source itself, then
    /// (unless a `stats` node watches the source) each of its children, a `from` node called
    /// without reference counting.
    private let writtenSteps: UnsafeMutableBufferPointer<WrittenStep>

    /// Makes every node's runtime; fails when a node cannot run.
    public init(graph: PipelineGraph, context: TaskContext) throws(PipelineError) {
        self.graph = graph
        self.context = context
        var links = Array(repeating: [(child: Int, parent: Int)](), count: graph.vertices.count)
        for (index, vertex) in graph.vertices.enumerated() {
            for (position, parent) in vertex.parents.enumerated() { links[parent].append((index, position)) }
        }
        self.links = links
        counters = .allocate(capacity: graph.vertices.count)
        _ = counters.initialize(from: graph.vertices.map { NodeStats(name: $0.name) })
        lastTick = context.clock.now()
        streamSources = graph.sources.filter { graph.vertices[$0].method == "stream" }
        isWatched = Array(repeating: false, count: graph.vertices.count)
        formsGroups = Array(repeating: false, count: graph.vertices.count)
        if context.groupIdleExpiry != nil {
            for (index, vertex) in graph.vertices.enumerated() where ["from", "groupBy", "query"].contains(vertex.method) {
                groupActivity[index] = [:]
                formsGroups[index] = true
            }
        }
        queries = graph.queryVertices
        let statsWatched = graph.vertices.compactMap { ($0.node as? StatsNode)?.watched }
        let groupForming = formsGroups
        observed = graph.vertices.indices.map { !links[$0].isEmpty || groupForming[$0] || statsWatched.contains($0) }
        var runtimes: [any NodeRuntime] = []
        for vertex in graph.vertices {
            if let stats = vertex.node as? StatsNode {
                watched[stats.watched] = []
                watchedIndex[stats.watched] = [:]
                isWatched[stats.watched] = true
            }
            do {
                runtimes.append(try vertex.node.makeRuntime(context, name: vertex.name))
            } catch {
                throw PipelineError("\(vertex.name): \(error.message)", at: vertex.offset)
            }
        }
        self.runtimes = runtimes
        windowConsumers = graph.vertices.indices.map { [runtimes, isWatched, formsGroups] index in
            guard links[index].count == 1, !isWatched[index], !formsGroups[index],
                let consumer = runtimes[links[index][0].child] as? any WindowConsumer, consumer.takesWindows
            else { return nil }
            return consumer
        }
        pointTakers = graph.vertices.indices.map { [runtimes, isWatched, formsGroups] index in
            guard links[index].count == 1, !isWatched[index], !formsGroups[index] else { return nil }
            return runtimes[links[index][0].child] as? any PointTaker
        }
        hasPointTaker = pointTakers.map { $0 != nil }
        windowTakers = .allocate(capacity: graph.vertices.count)
        _ = windowTakers.initialize(from: pointTakers.map { ($0 as? WindowRuntime).map(Unmanaged.passUnretained) })
        var steps: [WrittenStep] = []
        for source in streamSources {
            steps.append(WrittenStep(source: source, child: -1, parent: 0, from: nil))
            guard !isWatched[source] else { continue }
            for link in links[source] {
                let from = (runtimes[link.child] as? FromRuntime).map(Unmanaged.passUnretained)
                steps.append(WrittenStep(source: source, child: link.child, parent: link.parent, from: from))
            }
        }
        writtenSteps = .allocate(capacity: steps.count)
        _ = writtenSteps.initialize(from: steps)
    }

    deinit {
        counters.deinitialize()
        counters.deallocate()
        lent.deallocate()
        windowTakers.deallocate()
        writtenSteps.deallocate()
    }

    /// Feeds a point written to the task's dbrps into every `stream` source. A source passes the
    /// point to its children (`from` nodes) as written, so each makes a message only of what it selects.
    public func write(_ point: borrowing Point) {
        for step in writtenSteps {
            if step.child >= 0 {
                receive(written: point, at: step.child, from: step.parent, by: step.from)
            } else if isWatched[step.source] {
                receive(.point(PointMessage(copy point)), at: step.source, from: 0)
            } else {
                counters[step.source].processed += 1
                counters[step.source].emitted += 1
            }
        }
    }

    /// Writes `points` from position `start` on, as `write` each, and stops after a point that
    /// leaves a node waiting for I/O (`settle()` before writing the rest); returns the position of
    /// the first point not written. The points are borrowed where they lie, none is copied.
    public func write(_ points: [Point], from start: Int) -> Int {
        points.withUnsafeBufferPointer { points in
            guard let base = points.baseAddress else { return start }
            var index = start
            while index < points.count {
                // The point's bits are moved out of `lent` and back: a value the calls borrow,
                // where reading it from the array would retain its tag and field storage, which
                // every task shares (an atomic count on lines all cores write). `points` keeps
                // that storage alive meanwhile, and `lent` is never deinitialized.
                UnsafeMutableRawPointer(lent).copyMemory(from: base + index, byteCount: MemoryLayout<Point>.size)
                let point = lent.move()
                write(point)
                lent.initialize(to: consume point)
                index += 1
                if !pending.isEmpty { break }
            }
            return index
        }
    }

    /// Feeds a batch as the result of query node number `query` (in the order of `queries`).
    public func feed(_ batch: Batch, query: Int) {
        guard query < queries.count else { return }
        receive(.batch(batch), at: queries[query], from: 0)
    }

    /// Counts a failed run of query node number `query` as an error of that node and reports it.
    public func queryFailed(_ message: String, query: Int) {
        guard query < queries.count else { return }
        report(message, at: queries[query])
    }

    /// Whether some node waits for I/O: call `settle()` before the next message.
    public var isWaiting: Bool { !pending.isEmpty }

    /// Finishes the I/O nodes started (an HTTP post) and lets them emit, in order.
    public func settle() async {
        while !pending.isEmpty {
            let work = pending.removeFirst()
            await work()
        }
    }

    /// Ends the input: every node, parents first, emits what it still buffers.
    public func finish() {
        for index in graph.topologicalOrder() {
            runtimes[index].finish(output: NodeOutput(runner: self, vertex: index))
        }
    }

    /// Lets every node's timers see the wall clock at `now`.
    public func tick(_ now: Timestamp) {
        lastTick = now
        expireIdleGroups(now)
        for index in graph.topologicalOrder() {
            runtimes[index].tick(now, output: NodeOutput(runner: self, vertex: index))
        }
    }

    /// Sends `message` from node `vertex` to each of its children.
    func deliver(_ message: Message, from vertex: Int) {
        counters[vertex].emitted += 1
        if isWatched[vertex] { countEmission(message, of: vertex) }
        if formsGroups[vertex] { recordActivity(message, of: vertex) }
        for link in links[vertex] { receive(message, at: link.child, from: link.parent) }
    }

    /// Hands what `window` of node `vertex` emits to the node's window consumer, counted as the
    /// batch it stands for; false when the node has none.
    func deliver(window: TimeWindow, tmax: Timestamp, from vertex: Int) -> Bool {
        guard let consumer = windowConsumers[vertex] else { return false }
        counters[vertex].emitted += 1
        let child = links[vertex][0].child
        counters[child].processed += 1
        let start = counters[child].processed & sampleMask == 1 ? clock.now : nil
        do {
            try consumer.receive(window: window, tmax: tmax, output: NodeOutput(runner: self, vertex: child))
        } catch {
            report(error.message, at: child)
        }
        if let start { counters[child].record(clock.now - start) }
        return true
    }

    /// Hands a point node `vertex` selects to the node's point taker, counted as the message it
    /// stands for; false when the node has none.
    func deliver(point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions, from vertex: Int) -> Bool {
        guard hasPointTaker[vertex] else { return false }
        counters[vertex].emitted += 1
        let child = links[vertex][0].child
        counters[child].processed += 1
        // Timed on a sample, without an optional instant (its copies cost more than the rest).
        guard counters[child].processed & sampleMask == 1 else {
            take(point: point, time: time, group: group, dimensions: dimensions, from: vertex, at: child)
            return true
        }
        let start = clock.now
        take(point: point, time: time, group: group, dimensions: dimensions, from: vertex, at: child)
        counters[child].record(clock.now - start)
        return true
    }

    private func take(
        point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions, from vertex: Int, at index: Int
    ) {
        let output = NodeOutput(runner: self, vertex: index)
        let failure: NodeError?
        if let window = windowTakers[vertex] {
            failure = window._withUnsafeGuaranteedRef { window in
                do throws(NodeError) {
                    try window.receive(point: point, time: time, group: group, dimensions: dimensions, output: output)
                    return nil
                } catch {
                    return error
                }
            }
        } else {
            do {
                try pointTakers[vertex]?.receive(point: point, time: time, group: group, dimensions: dimensions, output: output)
                failure = nil
            } catch {
                failure = error
            }
        }
        guard let failure else { return }
        report(failure.message, at: index)
    }

    /// Whether node `vertex` hands selected points to a point taker (`deliver(point:)`).
    func takesPoints(_ vertex: Int) -> Bool { hasPointTaker[vertex] }

    /// Whether the emissions of `vertex` reach a child, a `stats` node or the group expiry.
    func isObserved(_ vertex: Int) -> Bool { observed[vertex] }

    /// Counts an emission of `vertex`, which nothing observes.
    func countUnobservedEmission(from vertex: Int) {
        counters[vertex].emitted += 1
    }

    private func receive(written point: borrowing Point, at index: Int, from parent: Int, by from: Unmanaged<FromRuntime>?) {
        counters[index].processed += 1
        guard counters[index].processed & sampleMask == 1 else { return take(written: point, at: index, from: parent, by: from) }
        let start = clock.now
        take(written: point, at: index, from: parent, by: from)
        counters[index].record(clock.now - start)
    }

    private func take(written point: borrowing Point, at index: Int, from parent: Int, by from: Unmanaged<FromRuntime>?) {
        let output = NodeOutput(runner: self, vertex: index)
        let failure: NodeError?
        if let from {
            failure = from._withUnsafeGuaranteedRef { from in
                do throws(NodeError) {
                    try from.receive(written: point, from: parent, output: output)
                    return nil
                } catch {
                    return error
                }
            }
        } else {
            do {
                try runtimes[index].receive(written: point, from: parent, output: output)
                failure = nil
            } catch {
                failure = error
            }
        }
        guard let failure else { return }
        report(failure.message, at: index)
    }

    private func receive(_ message: Message, at index: Int, from parent: Int) {
        counters[index].processed += 1
        guard counters[index].processed & sampleMask == 1 else { return take(message, at: index, from: parent) }
        let start = clock.now
        take(message, at: index, from: parent)
        counters[index].record(clock.now - start)
    }

    private func take(_ message: Message, at index: Int, from parent: Int) {
        do {
            try runtimes[index].receive(message, from: parent, output: NodeOutput(runner: self, vertex: index))
        } catch {
            report(error.message, at: index)
        }
    }

    private func recordActivity(_ message: Message, of vertex: Int) {
        switch message {
        case .point(let point): groupActivity[vertex]?[point.group] = lastTick
        case .batch(let batch): groupActivity[vertex]?[batch.group] = lastTick
        case .deleteGroup(let group): groupActivity[vertex]?[group] = nil
        case .barrier: break
        }
    }

    /// Sends a delete for every group that had no data for the configured expiry.
    private func expireIdleGroups(_ now: Timestamp) {
        guard let expiry = context.groupIdleExpiry else { return }
        for (vertex, groups) in groupActivity.sorted(by: { $0.key < $1.key }) {
            for (group, seen) in groups where now - seen >= expiry {
                expiredGroups += 1
                deliver(.deleteGroup(group), from: vertex)
            }
        }
    }

    private func countEmission(_ message: Message, of vertex: Int) {
        let key: (GroupID, Tags, Dimensions)
        switch message {
        case .point(let point): key = (point.group, point.groupTags, point.dimensions)
        case .batch(let batch): key = (batch.group, batch.tags, batch.dimensions)
        case .barrier, .deleteGroup: return
        }
        if let index = watchedIndex[vertex]?[key.0] {
            watched[vertex]?[index].emitted += 1
        } else {
            watchedIndex[vertex]?[key.0] = watched[vertex]?.count ?? 0
            watched[vertex]?.append(GroupEmissions(group: key.0, tags: key.1, dimensions: key.2, emitted: 1))
        }
    }

    func emittedByGroup(of vertex: Int) -> [GroupEmissions] { watched[vertex] ?? [] }

    /// Counts an error of node `index` and reports `message` to the task.
    func report(_ message: String, at index: Int) {
        counters[index].errors += 1
        context.onError(graph.vertices[index].name, message)
    }

    /// The node's current number of groups.
    public func cardinality(of index: Int) -> Int { runtimes[index].cardinality }

    /// How many points, batches or sets the node dropped because a bounded buffer was full.
    public func dropped(of index: Int) -> Int { runtimes[index].dropped }
    /// The node's own statistics (`alerts_triggered` of alert nodes).
    public func statistics(of index: Int) -> [String: Int64] { runtimes[index].statistics }
}

/// The statistics of one running node, as Kapacitor reports them.
public struct NodeStats: Sendable, Equatable {
    /// The node's name (`window2`).
    public let name: String
    /// Messages received.
    public var processed: Int64 = 0
    /// Messages sent to children.
    public var emitted: Int64 = 0
    /// Messages that failed.
    public var errors: Int64 = 0
    private var timedCount: Int64 = 0
    private var timedTotal: Int64 = 0

    init(name: String) { self.name = name }

    /// The average time spent per message, in nanoseconds, measured on a sample of messages.
    public var averageExecutionTime: Int64 { timedCount == 0 ? 0 : timedTotal / timedCount }

    mutating func record(_ duration: Duration) {
        timedCount += 1
        timedTotal += duration.nanosecondsValue
    }
}

/// One step of a written point through the graph: the `stream` source `source` itself (`child`
/// -1), or its child `child`, which has the source as parent number `parent`.
private struct WrittenStep {
    let source: Int
    let child: Int
    let parent: Int
    /// The child's runtime when it is a `from` node.
    let from: Unmanaged<FromRuntime>?
}
