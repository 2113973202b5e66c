import Models

/// Turns each batch into its points, one by one, with the batch's name and grouping; points,
/// barriers and deletes pass unchanged, as in Kapacitor.
final class TrickleRuntime: NodeRuntime {
    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        guard case .batch(let batch) = message else {
            output.emit(message)
            return
        }
        for point in batch.points {
            let trickled = Point(measurement: batch.name, tags: point.tags, fields: point.fields, time: point.time)
            output.emit(.point(PointMessage(trickled, dimensions: batch.dimensions)))
        }
    }
}

extension TrickleNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { TrickleRuntime() }
}
