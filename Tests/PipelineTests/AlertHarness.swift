import Alerting
import Models
import Pipeline
import Synchronization
import TICKscript

/// Runs `stream|from().measurement('cpu')|alert().topic('alerts')...|httpOut('out')` (or its batch
/// form) and records the events the topic receives, in order.
final class AlertHarness {
    let runner: GraphRunner
    let topics: Topics
    let inhibitors: InhibitorLookup
    private let recorder = EventRecorder()
    private let reported = ErrorLog()

    /// `properties` follow `alert().topic('alerts')`; `before` goes between `from()` and `alert()`.
    init(_ properties: String, batch: Bool = false, before: String = "", topics: Topics = Topics(), inhibitors: InhibitorLookup = InhibitorLookup()) throws {
        let source = batch ? "batch|query('SELECT v FROM cpu').period(10s).every(10s)" : "stream|from().measurement('cpu')"
        let script = "\(source)\(before)|alert().topic('alerts')\(properties)|httpOut('out')"
        self.topics = topics
        self.inhibitors = inhibitors
        let reported = reported
        let context = TaskContext(taskName: "task", clock: ManualClock(0), topics: topics, inhibitors: inhibitors, onError: { node, message in
            reported.lines.withLock { $0.append("\(node): \(message)") }
        })
        runner = try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: context)
        topics.register(recorder, id: "recorder", topic: "alerts")
    }

    /// Writes a `cpu` point with field `v` at `seconds`.
    func write(_ value: Double, at seconds: Int64, tags: [String: String] = [:]) {
        runner.write(point("cpu", tags, [("v", .float(value))], at: seconds))
    }

    /// Feeds a batch of `cpu` points with field `v` at seconds 1, 2, ... ending at `tmax`.
    func feed(_ values: [Double], tmax: Int64, tags: Tags = Tags(), group: GroupID = .none) {
        let points = values.enumerated().map { index, value in
            BatchPoint(time: (tmax - 10 + Int64(index) + 1) * 1_000_000_000, fields: Fields([Field("v", .float(value))]), tags: tags)
        }
        runner.feed(Batch(name: "cpu", group: group, tags: tags, tmax: tmax * 1_000_000_000, points: points), query: 0)
    }

    /// The events the topic received so far.
    func events() async -> [Event] {
        await topics.handlerQueue(id: "recorder", topic: "alerts")?.waitUntilIdle()
        return recorder.events
    }

    /// The levels of the events so far.
    func levels() async -> [AlertLevel] { await events().map(\.state.level) }

    /// What httpOut `out` serves.
    var output: String { runner.context.httpOut.json("out") ?? "" }

    /// The errors the nodes reported.
    var errors: [String] { reported.lines.withLock { $0 } }
}

/// Records the events it handles.
final class EventRecorder: AlertHandler {
    private let recorded = Mutex<[Event]>([])
    func handle(_ event: Event) async throws { recorded.withLock { $0.append(event) } }
    var events: [Event] { recorded.withLock { $0 } }
}
