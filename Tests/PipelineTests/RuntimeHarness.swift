import Models
import Pipeline
import TICKscript

/// Runs a script's graph over points in order, then ends the input, and returns what httpOut
/// `endpoint` serves.
func httpOut(_ script: String, _ points: [Point], endpoint: String = "out", clock: any WallClock = ManualClock()) throws -> String {
    let runner = try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: TaskContext(taskName: "t", clock: clock))
    for point in points { runner.write(point) }
    runner.finish()
    return runner.context.httpOut.json(endpoint) ?? "no endpoint"
}

/// A point of measurement `name` at `seconds` after the epoch.
func point(_ name: String = "cpu", _ tags: [String: String] = [:], _ fields: [(String, FieldValue)], at seconds: Int64) -> Point {
    Point(
        database: "db", retentionPolicy: "rp", measurement: name, tags: Tags(tags),
        fields: Fields(fields.map { Field($0.0, $0.1) }), time: seconds * 1_000_000_000)
}
