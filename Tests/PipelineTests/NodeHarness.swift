import Models
@testable import Pipeline
import Synchronization
import TICKscript

/// Runs a script's graph in a test, as swift-nio's EmbeddedChannel runs handlers: messages go in
/// at a node by name (`from` and `query` nodes pass on what they are given), the clock moves by
/// hand, httpOut results are read back, and everything an httpOut node received is recorded.
final class NodeHarness {
    let clock: ManualClock
    let context: TaskContext
    let runner: GraphRunner
    private let log: ErrorLog
    private var recorders: [String: Recorder] = [:]

    /// Node errors reported so far, `node: message`.
    var errors: [String] { log.lines.withLock { $0 } }

    /// Builds and starts the task of `script`; the clock shows `clock` seconds.
    init(
        _ script: String, clock seconds: Int64 = 0, sideload: (any SideloadSources)? = nil, endpoints: [String: HTTPPostEndpoint] = [:]
    ) throws {
        clock = ManualClock(seconds * 1_000_000_000)
        let log = ErrorLog()
        self.log = log
        context = TaskContext(taskName: "test", clock: clock, onError: { node, message in
            log.lines.withLock { $0.append("\(node): \(message)") }
        }, endpoints: endpoints, sideload: sideload)
        var graph = try PipelineGraph.build(try Parser.parse(script))
        for index in graph.vertices.indices {
            if ["from", "query"].contains(graph.vertices[index].method) { graph.vertices[index].node = InjectNode() }
            guard let httpOut = graph.vertices[index].node as? HTTPOutNode else { continue }
            let recorder = Recorder()
            recorders[httpOut.endpoint] = recorder
            graph.vertices[index].node = RecordNode(inner: httpOut, recorder: recorder)
        }
        runner = try GraphRunner(graph: graph, context: context)
    }

    /// What the httpOut node `endpoint` received, in order.
    func messages(_ endpoint: String = "out") -> [Message] { recorders[endpoint]?.messages.withLock { $0 } ?? [] }

    /// The points (or the points of batches) the httpOut node `endpoint` received, one line
    /// each: `name tags fields seconds`, as in line protocol.
    func lines(_ endpoint: String = "out") -> [String] {
        messages(endpoint).flatMap { message -> [String] in
            switch message {
            case .point(let point): [line(point.name, point.tags, point.fields, point.time)]
            case .batch(let batch): ["batch " + line(batch.name, batch.tags, Fields(), batch.tmax)]
                + batch.points.map { "  " + line(batch.name, $0.tags, $0.fields, $0.time) }
            case .barrier(let group, let time): ["barrier \(group) \(Double(time) / 1e9)"]
            case .deleteGroup(let group): ["delete \(group)"]
            }
        }
    }

    private func line(_ name: String, _ tags: Tags, _ fields: Fields, _ time: Timestamp) -> String {
        var text = name
        for tag in tags { text += ",\(tag.key)=\(tag.value)" }
        text += " " + fields.map { field in
            switch field.value {
            case .float(let v): "\(field.key)=\(v)"
            case .int(let v): "\(field.key)=\(v)i"
            case .uint(let v): "\(field.key)=\(v)u"
            case .bool(let v): "\(field.key)=\(v)"
            case .string(let v): "\(field.key)=\"\(v)\""
            }
        }.joined(separator: ",")
        return text + " \(Double(time) / 1e9)"
    }

    /// Delivers `message` as if node `vertex` (`sample1`) had emitted it.
    func send(_ message: Message, from vertex: String) {
        guard let index = runner.graph.vertices.firstIndex(where: { $0.name == vertex }) else {
            preconditionFailure("no node \(vertex) in the graph")
        }
        runner.deliver(message, from: index)
    }

    /// Delivers a point as if node `vertex` had emitted it, grouped by `groupBy`.
    func send(_ point: Point, groupBy: [String] = [], from vertex: String) {
        send(.point(PointMessage(point, dimensions: Dimensions(tagNames: groupBy))), from: vertex)
    }

    /// Moves the clock by `seconds` and lets timers fire.
    func advance(seconds: Int64) {
        clock.advance(by: seconds * 1_000_000_000)
        runner.tick(clock.now())
    }

    /// Ends the input.
    func finish() { runner.finish() }

    /// The body of the httpOut node `endpoint`.
    func json(_ endpoint: String = "out") -> String { context.httpOut.json(endpoint) ?? "no endpoint \(endpoint)" }

    /// The node's state size and drops.
    func cardinality(_ vertex: String) -> Int { runner.cardinality(of: index(vertex)) }
    func dropped(_ vertex: String) -> Int { runner.dropped(of: index(vertex)) }
    func emitted(_ vertex: String) -> Int64 { runner.stats[index(vertex)].emitted }

    private func index(_ vertex: String) -> Int {
        runner.graph.vertices.firstIndex { $0.name == vertex } ?? -1
    }
}

/// Stands in for `from` and `query`: tests send messages as if these nodes emitted them.
struct InjectNode: PipelineNode {
    static let spec = NodeSpec<Self>("inject", doc: "Passes messages on.", make: { InjectNode() })

    func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { PassThrough() }
}

/// Messages an httpOut node received.
final class Recorder: Sendable {
    let messages = Mutex<[Message]>([])
}

/// An httpOut node that also records what it receives.
struct RecordNode: PipelineNode {
    static let spec = NodeSpec<Self>(
        "record", doc: "Records messages.", make: { RecordNode(inner: HTTPOutNode(endpoint: ""), recorder: Recorder()) }
    )
    let inner: HTTPOutNode
    let recorder: Recorder

    func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        RecordRuntime(inner: try inner.makeRuntime(context), recorder: recorder)
    }
}

final class RecordRuntime: NodeRuntime {
    let inner: any NodeRuntime
    let recorder: Recorder

    init(inner: any NodeRuntime, recorder: Recorder) {
        self.inner = inner
        self.recorder = recorder
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        recorder.messages.withLock { $0.append(message) }
        try inner.receive(message, from: parent, output: output)
    }
}

/// A point at `seconds` after the epoch, fields sorted by key.
func makePoint(_ name: String, _ tags: [String: String] = [:], _ fields: [String: FieldValue], at seconds: Double) -> Point {
    Point(
        measurement: name, tags: Tags(tags), fields: Fields(fields.sorted { $0.key < $1.key }.map { Field($0.key, $0.value) }),
        time: Int64(seconds * 1_000_000_000)
    )
}

/// A batch of points with `tags` as group tags (and dimensions), tmax at its last point unless given.
func makeBatch(
    _ name: String, _ tags: [String: String] = [:], tmax: Double? = nil, _ points: [(Double, [String: FieldValue])]
) -> Batch {
    let groupTags = Tags(tags)
    let dimensions = Dimensions(tagNames: groupTags.map(\.key))
    let batchPoints = points.map { seconds, fields in
        BatchPoint(
            time: Int64(seconds * 1_000_000_000), fields: Fields(fields.sorted { $0.key < $1.key }.map { Field($0.key, $0.value) }),
            tags: groupTags
        )
    }
    return Batch(
        name: name, group: dimensions.groupID(name: name, tags: groupTags), tags: groupTags, dimensions: dimensions,
        tmax: tmax.map { Int64($0 * 1_000_000_000) } ?? batchPoints.last?.time ?? 0, points: batchPoints
    )
}
