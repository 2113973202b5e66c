import Models

/// Moves points, and batches with their points, by a fixed duration; barriers and deletes pass
/// unchanged, as in Kapacitor.
final class ShiftRuntime: NodeRuntime {
    let shift: Int64

    init(shift: Int64) { self.shift = shift }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            point.time += shift
            output.emit(.point(point))
        case .batch(var batch):
            batch.tmax += shift
            for index in batch.points.indices { batch.points[index].time += shift }
            output.emit(.batch(batch))
        case .barrier, .deleteGroup:
            output.emit(message)
        }
    }
}

extension ShiftNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        if shift == .zero { throw PipelineError("invalid shift value: must be non zero duration") }
        return ShiftRuntime(shift: shift.nanosecondsValue)
    }
}
