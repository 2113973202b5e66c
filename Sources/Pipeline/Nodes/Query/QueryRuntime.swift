/// A query's results enter the pipeline here: the daemon's scheduler or a replay feeds each
/// result batch in, and the node passes it on.
extension QueryNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { QueryRuntime() }
}

/// Passes each result batch on and counts them as Kapacitor's query node does.
final class QueryRuntime: NodeRuntime {
    private var batches: Int64 = 0
    private var points: Int64 = 0

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        if case .batch(let batch) = message {
            batches += 1
            points += Int64(batch.points.count)
        }
        output.emit(message)
    }

    var statistics: [String: Int64] { ["batches_queried": batches, "points_queried": points] }
}

extension QueryFluxNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { PassThrough() }
}
