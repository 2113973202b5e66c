import Models

/// Keeps every Nth point of each group (counting from the first), or the points whose time is a
/// multiple of the interval; within a batch, its points, counted from the batch's first. As in
/// Kapacitor, a group's count lives until the group is deleted, and a delete of a group the node
/// never saw is not passed on.
final class SampleRuntime: NodeRuntime {
    let count: Int64
    let interval: Int64
    /// Points seen per group.
    var counts: [GroupID: Int64] = [:]

    init(count: Int64, interval: Int64) {
        self.count = count
        self.interval = interval
    }

    var cardinality: Int { counts.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            let seen = counts[point.group] ?? 0
            counts[point.group] = seen + 1
            if keeps(seen, point.time) { output.emit(message) }
        case .batch(var batch):
            counts[batch.group] = Int64(batch.points.count)
            batch.points = batch.points.enumerated().filter { keeps(Int64($0.offset), $0.element.time) }.map(\.element)
            output.emit(.batch(batch))
        case .barrier(let group, _):
            if counts[group] == nil { counts[group] = 0 }
            output.emit(message)
        case .deleteGroup(let group):
            if counts.removeValue(forKey: group) != nil { output.emit(message) }
        }
    }

    private func keeps(_ seen: Int64, _ time: Timestamp) -> Bool {
        interval != 0 ? time.truncated(to: interval) == time : seen % count == 0
    }
}

extension SampleNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        if count == 0 && interval == .zero {
            throw PipelineError("invalid sample rate: must be positive integer or duration")
        }
        return SampleRuntime(count: count, interval: interval.nanosecondsValue)
    }
}
