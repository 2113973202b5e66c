import Models

/// Every interval of wall-clock time, emits one `stats` point per group of the watched node
/// with the number of messages it emitted for that group (`emitted`), or one point with 0 before
/// any group exists.
final class StatsRuntime: NodeRuntime {
    let interval: Int64
    let align: Bool
    let watched: Int
    var nextEmit: Timestamp

    init(_ node: StatsNode, now: Timestamp) {
        interval = node.interval.nanosecondsValue
        align = node.align
        watched = node.watched
        nextEmit = align ? now.truncated(to: interval) + interval : now + interval
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {}

    func tick(_ now: Timestamp, output: NodeOutput) {
        guard now >= nextEmit else { return }
        while nextEmit <= now { nextEmit += interval }
        let time = align ? now.rounded(to: interval) : now
        let groups = output.emittedByGroup(of: watched)
        guard !groups.isEmpty else {
            output.emit(.point(PointMessage(Point(measurement: "stats", fields: Fields([Field("emitted", .int(0))]), time: time))))
            return
        }
        for group in groups {
            var point = PointMessage(
                Point(measurement: "stats", tags: group.tags, fields: Fields([Field("emitted", .int(group.emitted))]), time: time),
                dimensions: group.dimensions)
            point.group = group.group
            output.emit(.point(point))
        }
    }
}
