import Models
import Pipeline
import Synchronization
import TICKscript

/// Runs a script with one InfluxQL call over batches or points and reads its httpOut `out`.
final class InfluxQLHarness {
    let runner: GraphRunner
    let context: TaskContext
    private let reported = ErrorLog()

    /// `batch|query(...)|CALL|httpOut('out')` or `stream|from()|CALL|httpOut('out')`.
    convenience init(batch call: String) throws {
        try self.init(script: "batch|query('SELECT v FROM m').period(10s).every(10s)|\(call)|httpOut('out')")
    }

    convenience init(stream call: String) throws {
        try self.init(script: "stream|from().measurement('m')|\(call)|httpOut('out')")
    }

    init(script: String) throws {
        let graph = try PipelineGraph.build(try Parser.parse(script))
        let reported = reported
        context = TaskContext(taskName: "test", clock: ManualClock(0), onError: { node, message in
            reported.lines.withLock { $0.append("\(node): \(message)") }
        })
        runner = try GraphRunner(graph: graph, context: context)
    }

    /// The errors nodes reported, as `node: message`.
    var errors: [String] { reported.lines.withLock { $0 } }

    /// Feeds one batch of measurement `m` whose points have `field`'s `values` at seconds 1, 2, ...
    func feed(_ values: [FieldValue], field: String = "v", tmax: Int64 = 10, tags: Tags = Tags(), group: GroupID = .none) {
        let points = values.enumerated().map { index, value in
            BatchPoint(time: seconds(Int64(index) + 1), fields: Fields([Field(field, value)]), tags: tags)
        }
        feed(Batch(name: "m", group: group, tags: Tags(), tmax: seconds(tmax), points: points))
    }

    func feed(_ batch: Batch) { runner.feed(batch, query: 0) }

    /// Writes a point of measurement `m` at second `time`.
    func write(_ fields: [String: FieldValue], at time: Int64, tags: [String: String] = [:]) {
        let fields = Fields(fields.sorted { $0.key < $1.key }.map { Field($0.key, $0.value) })
        runner.write(Point(database: "db", retentionPolicy: "rp", measurement: "m", tags: Tags(tags), fields: fields, time: seconds(time)))
    }

    /// Writes `field` = each value at seconds 0, 1, 2, ...
    func write(_ values: [FieldValue], field: String = "v") {
        for (index, value) in values.enumerated() { write([field: value], at: Int64(index)) }
    }

    /// The httpOut body after finishing the input.
    func output() -> String {
        runner.finish()
        return context.httpOut.json("out") ?? "no httpOut"
    }
}

/// The errors a task reported, from any thread.
final class ErrorLog: Sendable {
    let lines = Mutex<[String]>([])
}

func seconds(_ value: Int64) -> Timestamp { value * 1_000_000_000 }

/// `{"series":[{"name":"m","columns":[...],"values":[...]}]}` for one untagged series.
func series(_ columns: [String], _ rows: [String]) -> String {
    let columns = columns.map { "\"\($0)\"" }.joined(separator: ",")
    return "{\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\(columns)],\"values\":[\(rows.joined(separator: ","))]}]}"
}

/// A row at second `time` (of 1970-01-01) with the values' JSON.
func row(_ time: Int, _ values: String...) -> String {
    let stamp = time < 10 ? "0\(time)" : "\(time)"
    return "[\"1970-01-01T00:00:\(stamp)Z\",\(values.joined(separator: ","))]"
}

let noSeries = "{\"series\":null}"

extension Array where Element == FieldValue {
    static func floats(_ values: Double...) -> [FieldValue] { values.map(FieldValue.float) }
    static func ints(_ values: Int64...) -> [FieldValue] { values.map(FieldValue.int) }
}
