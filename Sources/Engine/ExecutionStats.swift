import Models
import Pipeline

/// A running task's statistics, as Kapacitor reports them in `stats` and the DOT.
public struct ExecutionStats: Sendable {
    /// The running pipeline.
    public var graph: PipelineGraph
    /// Per node, in graph order.
    public var nodes: [NodeStats]
    /// Per node, the number of groups it keeps state for.
    public var cardinalities: [Int]
    /// Points (or batches) per second.
    public var throughput: Double
    /// Points dropped because the task's queue was full.
    public var dropped: Int64
    /// The task's type.
    public var type: TaskType
    /// Per node, its own statistics (an alert node's `alerts_triggered`).
    public var extra: [[String: Int64]] = []

    /// `node name → statistic → value`, with Kapacitor's statistic names.
    public var nodeStats: [String: [String: Int64]] {
        var result: [String: [String: Int64]] = [:]
        for (index, vertex) in graph.vertices.enumerated() {
            result[vertex.name] = [
                "avg_exec_time_ns": nodes[index].averageExecutionTime,
                "collected": nodes[index].processed,
                "emitted": nodes[index].emitted,
                "errors": nodes[index].errors,
                "working_cardinality": Int64(cardinalities[index]),
            ].merging(index < extra.count ? extra[index] : [:]) { common, _ in common }
        }
        return result
    }
}
