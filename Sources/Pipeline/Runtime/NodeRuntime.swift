import Models

/// The running state of one node of a task: it receives messages from its parents and emits
/// messages to its children through `output`. A task's nodes run synchronously in the task's
/// own Swift Task, so a runtime is never used from two threads at once.
public protocol NodeRuntime: AnyObject {
    /// Handles a message arriving from parent number `parent` (0 for the first parent).
    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError)
    /// Handles a point written to the task, arriving straight from a `stream` source: the node
    /// may look at it before making a message of it.
    func receive(written point: borrowing Point, from parent: Int, output: NodeOutput) throws(NodeError)
    /// The input has ended: emit what is still buffered (join and union flush here).
    func finish(output: NodeOutput)
    /// How many groups the node keeps state for.
    var cardinality: Int { get }
    /// The wall clock reads `now`: timers (stats intervals, barrier idle times) fire here.
    func tick(_ now: Timestamp, output: NodeOutput)
    /// How many points, batches or sets the node dropped because a bounded buffer was full.
    var dropped: Int { get }
    /// The node's own statistics beyond the common ones (`alerts_triggered`), by Kapacitor's names.
    var statistics: [String: Int64] { get }
}

extension NodeRuntime {
    public func receive(written point: borrowing Point, from parent: Int, output: NodeOutput) throws(NodeError) {
        try receive(.point(PointMessage(copy point)), from: parent, output: output)
    }
    public func finish(output: NodeOutput) {}
    public func tick(_ now: Timestamp, output: NodeOutput) {}
    public var cardinality: Int { 0 }
    public var dropped: Int { 0 }
    public var statistics: [String: Int64] { [:] }
}

/// A problem processing one message; the node counts it and goes on.
public struct NodeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Where a node sends what it emits: its children in the running graph.
public struct NodeOutput {
    /// The runner, without reference counting: an output lives only while its runner calls a node,
    /// and calls through it borrow the runner (an `unowned(unsafe)` call retained it per call).
    private let unmanaged: Unmanaged<GraphRunner>
    /// The index of the emitting node.
    let vertex: Int

    init(runner: GraphRunner, vertex: Int) {
        unmanaged = Unmanaged.passUnretained(runner)
        self.vertex = vertex
    }

    /// Runs `body` with the runner borrowed, not retained.
    @inline(__always)
    private func withRunner<T>(_ body: (GraphRunner) -> T) -> T {
        unmanaged._withUnsafeGuaranteedRef(body)
    }

    /// Sends `message` to every child of the node.
    public func emit(_ message: Message) {
        withRunner { $0.deliver(message, from: vertex) }
    }

    /// Whether anything looks at what the node emits (children, a `stats` node, group expiry);
    /// when nothing does, `countEmission()` stands for `emit` without making the message.
    public var isObserved: Bool { withRunner { $0.isObserved(vertex) } }

    /// Hands what the time window `window` emits now to the window's only child when that child
    /// reads windows by column; false when the window must emit a batch instead.
    func emitWindow(_ window: TimeWindow, tmax: Timestamp) -> Bool {
        withRunner { $0.deliver(window: window, tmax: tmax, from: vertex) }
    }

    /// Whether the node's only child takes selected points without messages (`emit(point:)`).
    var takesPoints: Bool { withRunner { $0.takesPoints(vertex) } }

    /// Hands a selected point (the message `.point` with `time`, `group` and `dimensions`) to the
    /// node's only child when that child takes points without messages; false when the node must
    /// emit the message instead.
    func emit(point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions) -> Bool {
        withRunner { $0.deliver(point: point, time: time, group: group, dimensions: dimensions, from: vertex) }
    }

    /// Counts an emission that nothing observes.
    public func countEmission() {
        withRunner { $0.countUnobservedEmission(from: vertex) }
    }

    /// The messages node `vertex` has emitted so far, per group, with each group's tags and
    /// dimensions, in group creation order.
    public func emittedByGroup(of vertex: Int) -> [GroupEmissions] {
        withRunner { $0.emittedByGroup(of: vertex) }
    }

    /// Runs `work` (I/O) before the task takes its next message, then `then` with its result, which
    /// may emit: how a node waits for an HTTP response without blocking its thread.
    public func await<T: Sendable>(_ work: @escaping @Sendable () async -> T, then: @escaping (T, NodeOutput) -> Void) {
        let runner = unmanaged.takeUnretainedValue()
        runner.pending.append { [runner, vertex] in
            let result = await work()
            then(result, NodeOutput(runner: runner, vertex: vertex))
        }
    }

    /// Counts and reports a problem with part of a message (one point of a batch) that the node
    /// skipped while going on with the rest.
    public func report(_ message: String) {
        withRunner { $0.report(message, at: vertex) }
    }
}

/// How many messages a node emitted for one group.
public struct GroupEmissions: Sendable {
    public var group: GroupID
    public var tags: Tags
    public var dimensions: Dimensions
    public var emitted: Int64
}
