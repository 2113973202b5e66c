import Models

/// Passes the points of the selected database, retention policy and measurement for which the
/// condition holds, with their times truncated or rounded and their group set.
final class FromRuntime: NodeRuntime {
    let node: FromNode
    let condition: Lambda?
    let tagNames: [String]
    let all: Bool
    /// The dimensions when they do not depend on the point (no `*`).
    let fixedDimensions: Dimensions
    /// `.truncate()` and `.round()` in nanoseconds, 0 when unset.
    let truncate: Int64
    let round: Int64

    init(_ node: FromNode, context: TaskContext) throws(PipelineError) {
        self.node = node
        if let expression = node.condition {
            do {
                condition = try Lambda(expression, clock: context.clock)
            } catch {
                throw PipelineError(error.message, at: error.offset ?? expression.offset)
            }
        } else {
            condition = nil
        }
        all = node.dimensions.contains(.star)
        tagNames = node.dimensions.compactMap { if case .tag(let tag) = $0 { tag } else { nil } }
        fixedDimensions = Dimensions(byName: node.groupByMeasurement, tagNames: tagNames)
        truncate = node.truncate.nanosecondsValue
        round = node.round.nanosecondsValue
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        guard case .point(let point) = message else {
            if case .batch = message { throw NodeError("from does not support batch data") }
            output.emit(message)
            return
        }
        if !node.database.isEmpty && point.database != node.database { return }
        if !node.retentionPolicy.isEmpty && point.retentionPolicy != node.retentionPolicy { return }
        if !node.measurement.isEmpty && point.name != node.measurement { return }
        if let condition, try !holds(condition, fields: point.fields, tags: point.tags, time: point.time) { return }
        var selected = point
        selected.time = adjusted(point.time)
        selected.regroup(dimensions(point.tags))
        output.emit(.point(selected))
    }

    /// A written point is tested before it becomes a message, and becomes none when nothing
    /// looks at the emission.
    func receive(written point: Point, from parent: Int, output: NodeOutput) throws(NodeError) {
        if !node.database.isEmpty && point.database != node.database { return }
        if !node.retentionPolicy.isEmpty && point.retentionPolicy != node.retentionPolicy { return }
        if !node.measurement.isEmpty && point.measurement != node.measurement { return }
        if let condition, try !holds(condition, fields: point.fields, tags: point.tags, time: point.time) { return }
        guard output.isObserved else {
            output.countEmission()
            return
        }
        var selected = PointMessage(point, dimensions: dimensions(point.tags))
        selected.time = adjusted(point.time)
        output.emit(.point(selected))
    }

    private func holds(_ condition: Lambda, fields: Fields, tags: Tags, time: Timestamp) throws(NodeError) -> Bool {
        do {
            return try condition.evaluateBool(fields: fields, tags: tags, time: time)
        } catch {
            throw NodeError("failed to evaluate WHERE expression: \(error.message)")
        }
    }

    /// `time` truncated or rounded as asked.
    private func adjusted(_ time: Timestamp) -> Timestamp {
        var time = time
        if truncate != 0 { time = time.truncated(to: truncate) }
        if round != 0 { time = time.rounded(to: round) }
        return time
    }

    /// The dimensions of a point with `tags`.
    private func dimensions(_ tags: Tags) -> Dimensions {
        all ? Dimensions(byName: node.groupByMeasurement, tagNames: tags.map(\.key)) : fixedDimensions
    }
}

extension FromNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try FromRuntime(self, context: context)
    }
}
