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
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        guard case .point(var point) = message else {
            if case .batch = message { throw NodeError("from does not support batch data") }
            output.emit(message)
            return
        }
        if !node.database.isEmpty && point.database != node.database { return }
        if !node.retentionPolicy.isEmpty && point.retentionPolicy != node.retentionPolicy { return }
        if !node.measurement.isEmpty && point.name != node.measurement { return }
        if let condition {
            do {
                guard try condition.evaluateBool(fields: point.fields, tags: point.tags, time: point.time) else { return }
            } catch {
                throw NodeError("failed to evaluate WHERE expression: \(error.message)")
            }
        }
        if node.truncate != .zero { point.time = point.time.truncated(to: node.truncate.nanosecondsValue) }
        if node.round != .zero { point.time = point.time.rounded(to: node.round.nanosecondsValue) }
        point.regroup(all ? Dimensions(byName: node.groupByMeasurement, tagNames: point.tags.map(\.key)) : fixedDimensions)
        output.emit(.point(point))
    }
}

extension FromNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try FromRuntime(self, context: context)
    }
}
