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
    /// Whether every point is in the empty group (no `groupBy`, no `groupByMeasurement`): then
    /// `fixedDimensions` are none and `lastGroup` stays the empty group.
    let ungrouped: Bool
    /// The empty group, held to be lent.
    let noGroup = GroupID.none
    /// `.truncate()` and `.round()` in nanoseconds, 0 when unset.
    let truncate: Int64
    let round: Int64
    /// The grouping of the last point grouped: its measurement and tags, its dimensions and group.
    /// Points of one series share their tag set (the line-protocol parser's series cache), so
    /// comparing them with the last is cheap and spares building the group ID per point.
    private var hasLast = false
    private var lastName = ""
    private var lastTags = Tags()
    private var lastDimensions = Dimensions.none
    private var lastGroup = GroupID.none

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
        ungrouped = !all && tagNames.isEmpty && !node.groupByMeasurement
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
        let (dimensions, group) = grouping(name: point.name, tags: point.tags)
        selected.dimensions = dimensions
        selected.group = group
        output.emit(.point(selected))
    }

    /// A written point is tested before it becomes a message, and becomes none when nothing
    /// looks at the emission or when the only child takes points without messages.
    func receive(written point: borrowing Point, from parent: Int, output: NodeOutput) throws(NodeError) {
        if !node.database.isEmpty && point.database != node.database { return }
        if !node.retentionPolicy.isEmpty && point.retentionPolicy != node.retentionPolicy { return }
        if !node.measurement.isEmpty && point.measurement != node.measurement { return }
        if let condition, try !holds(condition, fields: point.fields, tags: point.tags, time: point.time) { return }
        guard output.isObserved else {
            output.countEmission()
            return
        }
        let time = adjusted(point.time)
        // Ungrouped, the stored empty grouping is lent to the child: no reference counting.
        if ungrouped && output.takesPoints && output.emit(point: point, time: time, group: noGroup, dimensions: fixedDimensions) {
            return
        }
        let (dimensions, group) = grouping(name: point.measurement, tags: point.tags)
        if output.takesPoints && output.emit(point: point, time: time, group: group, dimensions: dimensions) { return }
        var selected = PointMessage(copy point, dimensions: dimensions, group: group)
        selected.time = time
        output.emit(.point(selected))
    }

    private func holds(_ condition: Lambda, fields: borrowing Fields, tags: borrowing Tags, time: Timestamp) throws(NodeError) -> Bool {
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

    /// The dimensions and group of a point of measurement `name` with `tags`, the last point's
    /// when they are the same.
    private func grouping(name: String, tags: Tags) -> (Dimensions, GroupID) {
        if ungrouped { return (fixedDimensions, lastGroup) }
        if hasLast && tags == lastTags && (!fixedDimensions.byName || name == lastName) { return (lastDimensions, lastGroup) }
        let dimensions = all ? Dimensions(byName: node.groupByMeasurement, tagNames: tags.map(\.key)) : fixedDimensions
        hasLast = true
        lastName = name
        lastTags = tags
        lastDimensions = dimensions
        lastGroup = dimensions.groupID(name: name, tags: tags)
        return (dimensions, lastGroup)
    }
}

extension FromNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try FromRuntime(self, context: context)
    }
}
