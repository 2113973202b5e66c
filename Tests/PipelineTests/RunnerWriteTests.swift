import Models
import Pipeline
import TICKscript
import Testing

/// Writing an array of points from a position writes each point as `write` does.
@Suite struct RunnerWriteTests {
    @Test func writingFromAPositionWritesTheRestInOrder() throws {
        let script = "stream|from().measurement('cpu').groupBy('host')|window().period(2s).every(2s)|count('v')|httpOut('out')"
        let points = (0..<9).map { second in point("cpu", ["host": second % 3 == 0 ? "a" : "b"], [("v", .int(Int64(second)))], at: Int64(second)) }
        let graph = try PipelineGraph.build(try Parser.parse(script))
        let byArray = try GraphRunner(graph: graph, context: TaskContext(taskName: "t", clock: ManualClock()))
        let byPoint = try GraphRunner(graph: graph, context: TaskContext(taskName: "t", clock: ManualClock()))
        #expect(byArray.write(points, from: 0) == points.count)
        #expect(byArray.write(points, from: points.count) == points.count)
        for point in points { byPoint.write(point) }
        #expect(byArray.stats.map { [$0.processed, $0.emitted, $0.errors] } == byPoint.stats.map { [$0.processed, $0.emitted, $0.errors] })
        #expect(byArray.context.httpOut.json("out") == byPoint.context.httpOut.json("out"))
        #expect(byArray.context.httpOut.json("out")?.contains("\"count\"") == true)
    }
}
