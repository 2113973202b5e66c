import Models

/// Windows points per group, by time or by count, exactly as Kapacitor's window node.
final class WindowRuntime: NodeRuntime, PointTaker {
    let node: WindowNode
    var byTime: [GroupID: TimeWindow] = [:]
    var byCount: [GroupID: CountWindow] = [:]
    /// The group of the last point and where its time window lies: consecutive points of one
    /// group (every point when ungrouped) skip hashing the group ID. Reset whenever a group is
    /// added or removed, which can move the others.
    private var lastGroup = GroupID.none
    private var lastIndex: Dictionary<GroupID, TimeWindow>.Index?

    init(_ node: WindowNode) { self.node = node }

    var cardinality: Int { byTime.count + byCount.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            insert(
                time: point.time, tags: point.tags, fields: point.fields, group: point.group, output: output,
                name: point.name, dimensions: point.dimensions)
        case .batch:
            throw NodeError("window does not support batch data")
        case .barrier(let group, let time):
            if let index = byTime.index(forKey: group) { byTime.values[index].barrier(time, output: output) }
        case .deleteGroup(let group):
            lastIndex = nil
            byTime[group] = nil
            byCount[group] = nil
            output.emit(message)
        }
    }

    /// A point `from` selected, as the message it stands for.
    func receive(
        point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions, output: NodeOutput
    ) throws(NodeError) {
        insert(
            time: time, tags: point.tags, fields: point.fields, group: group, output: output,
            name: point.measurement, dimensions: dimensions)
    }

    /// Adds a point to its group's window, made from `name` and `dimensions` when new: one hash
    /// lookup at most per point, and the window changed where it lies.
    private func insert(
        time: Timestamp, tags: borrowing Tags, fields: borrowing Fields, group: GroupID, output: NodeOutput, name: String,
        dimensions: Dimensions
    ) {
        if node.periodCount != 0 {
            let batch: Batch?
            if let index = byCount.index(forKey: group) {
                batch = byCount.values[index].insert(time: time, tags: tags, fields: fields)
            } else {
                var window = CountWindow(node, name: name, tags: dimensions.groupTags(tags), group: group, dimensions: dimensions)
                batch = window.insert(time: time, tags: tags, fields: fields)
                byCount[group] = window
            }
            if let batch { output.emit(.batch(batch)) }
            return
        }
        if let lastIndex, group == lastGroup {
            byTime.values[lastIndex].insert(time: time, tags: tags, fields: fields, output: output)
        } else if let index = byTime.index(forKey: group) {
            byTime.values[index].insert(time: time, tags: tags, fields: fields, output: output)
            lastGroup = group
            lastIndex = index
        } else {
            var window = TimeWindow(node, name: name, tags: dimensions.groupTags(tags), group: group, dimensions: dimensions, first: time)
            window.insert(time: time, tags: tags, fields: fields, output: output)
            byTime[group] = window
            lastIndex = nil
        }
    }
}

/// One group's time window.
struct TimeWindow {
    let name: String
    let tags: Tags
    let group: GroupID
    let dimensions: Dimensions
    let period: Int64
    let every: Int64
    let align: Bool
    var nextEmit: Timestamp
    /// The buffered points.
    var buffer = WindowBuffer()

    /// The window of group `group` whose first point is at `first`.
    init(_ node: WindowNode, name: String, tags: Tags, group: GroupID, dimensions: Dimensions, first: Timestamp) {
        self.name = name
        self.tags = tags
        self.group = group
        self.dimensions = dimensions
        period = node.period.nanosecondsValue
        every = node.every.nanosecondsValue
        align = node.align
        if node.fillPeriod {
            nextEmit = first + period
            if align {
                let firstPeriod = nextEmit
                nextEmit = nextEmit.truncated(to: every)
                if nextEmit <= firstPeriod { nextEmit += every }
            }
        } else {
            nextEmit = first + every
            if align { nextEmit = nextEmit.truncated(to: every) }
        }
    }

    mutating func insert(time: Timestamp, tags: borrowing Tags, fields: borrowing Fields, output: NodeOutput) {
        if every == 0 {
            buffer.append(time: time, tags: tags, fields: fields)
            if time >= nextEmit {
                purge(olderThan: time - period, inclusive: false)
                emit(tmax: time, output: output)
                nextEmit = time
            }
        } else {
            if time >= nextEmit {
                purge(olderThan: nextEmit - period, inclusive: true)
                emit(tmax: nextEmit, output: output)
                nextEmit = time + every
                if align { nextEmit = nextEmit.truncated(to: every) }
            }
            buffer.append(time: time, tags: tags, fields: fields)
        }
    }

    mutating func barrier(_ time: Timestamp, output: NodeOutput) {
        guard time >= nextEmit else { return }
        if every == 0 {
            purge(olderThan: time - period, inclusive: false)
            emit(tmax: time, output: output)
            nextEmit = time
            return
        }
        purge(olderThan: nextEmit - period, inclusive: true)
        emit(tmax: nextEmit, output: output)
        nextEmit = time + every
        if align { nextEmit = nextEmit.truncated(to: every) }
    }

    mutating func purge(olderThan oldest: Timestamp, inclusive: Bool) {
        buffer.purge(olderThan: oldest, inclusive: inclusive)
    }

    /// Emits the buffered points as a batch ending at `tmax`; a child that reads windows by column
    /// (the window's only observer) reads them where they lie instead.
    func emit(tmax: Timestamp, output: NodeOutput) {
        if output.emitWindow(self, tmax: tmax) { return }
        output.emit(.batch(Batch(
            name: name, group: group, tags: tags, dimensions: dimensions, tmax: tmax,
            points: buffer.points()
        )))
    }
}

/// One group's count window: the last `period` points, emitted every `every` points.
struct CountWindow {
    let name: String
    let tags: Tags
    let group: GroupID
    let dimensions: Dimensions
    let period: Int
    let every: Int
    var nextEmit: Int
    var count = 0
    var points: [BatchPoint] = []

    init(_ node: WindowNode, name: String, tags: Tags, group: GroupID, dimensions: Dimensions) {
        self.name = name
        self.tags = tags
        self.group = group
        self.dimensions = dimensions
        period = Int(node.periodCount)
        every = Int(node.everyCount)
        nextEmit = node.fillPeriod ? period : every
    }

    mutating func insert(time: Timestamp, tags: Tags, fields: Fields) -> Batch? {
        if points.count == period { points.removeFirst() }
        points.append(BatchPoint(time: time, fields: fields, tags: tags))
        count += 1
        guard count == nextEmit else { return nil }
        nextEmit += every
        return Batch(name: name, group: group, tags: self.tags, dimensions: dimensions, tmax: points[points.count - 1].time, points: points)
    }
}

extension WindowNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        if period == .zero && periodCount == 0 {
            throw PipelineError("window node must have either a non zero period or non zero period count")
        }
        return WindowRuntime(self)
    }
}
