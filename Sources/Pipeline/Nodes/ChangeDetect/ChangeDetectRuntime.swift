import Models

/// Passes a point when one of the watched fields differs, in value or type, from the last point
/// passed in its group (the first point always passes); within a batch, from the last point
/// passed in that batch. A point missing a watched field is judged on the others, as Kapacitor
/// does after logging it. A delete of a group the node never saw is not passed on.
final class ChangeDetectRuntime: NodeRuntime {
    let fields: [String]
    /// Per group, the fields of the last point passed; none before the first.
    var previous: [GroupID: Fields] = [:]

    init(fields: [String]) { self.fields = fields }

    var cardinality: Int { previous.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            if changed(from: previous[point.group] ?? Fields(), to: point.fields) {
                previous[point.group] = point.fields
                output.emit(message)
            } else if previous[point.group] == nil {
                previous[point.group] = Fields()
            }
        case .batch(var batch):
            var last = Fields()
            batch.points = batch.points.filter { point in
                guard changed(from: last, to: point.fields) else { return false }
                last = point.fields
                return true
            }
            previous[batch.group] = last
            output.emit(.batch(batch))
        case .barrier(let group, _):
            if previous[group] == nil { previous[group] = Fields() }
            output.emit(message)
        case .deleteGroup(let group):
            if previous.removeValue(forKey: group) != nil { output.emit(message) }
        }
    }

    private func changed(from previous: Fields, to current: Fields) -> Bool {
        for field in fields {
            guard let value = current[field] else { continue }
            if previous[field] != value { return true }
        }
        return false
    }
}

extension ChangeDetectNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        ChangeDetectRuntime(fields: fields)
    }
}
