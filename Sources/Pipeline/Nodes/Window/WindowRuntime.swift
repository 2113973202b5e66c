import Models

/// Windows points per group, by time or by count, exactly as Kapacitor's window node.
final class WindowRuntime: NodeRuntime {
    let node: WindowNode
    var byTime: [GroupID: TimeWindow] = [:]
    var byCount: [GroupID: CountWindow] = [:]

    init(_ node: WindowNode) { self.node = node }

    var cardinality: Int { byTime.count + byCount.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            // One hash lookup per point, and the window changed where it lies.
            if node.periodCount != 0 {
                let batch: Batch?
                if let index = byCount.index(forKey: point.group) {
                    batch = byCount.values[index].insert(point)
                } else {
                    var window = CountWindow(node, first: point)
                    batch = window.insert(point)
                    byCount[point.group] = window
                }
                if let batch { output.emit(.batch(batch)) }
            } else {
                if let index = byTime.index(forKey: point.group) {
                    byTime.values[index].insert(point, output: output)
                } else {
                    var window = TimeWindow(node, first: point)
                    window.insert(point, output: output)
                    byTime[point.group] = window
                }
            }
        case .batch:
            throw NodeError("window does not support batch data")
        case .barrier(let group, let time):
            if let index = byTime.index(forKey: group) { byTime.values[index].barrier(time, output: output) }
        case .deleteGroup(let group):
            byTime[group] = nil
            byCount[group] = nil
            output.emit(message)
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

    init(_ node: WindowNode, first: PointMessage) {
        name = first.name
        tags = first.groupTags
        group = first.group
        dimensions = first.dimensions
        period = node.period.nanosecondsValue
        every = node.every.nanosecondsValue
        align = node.align
        if node.fillPeriod {
            nextEmit = first.time + period
            if align {
                let firstPeriod = nextEmit
                nextEmit = nextEmit.truncated(to: every)
                if nextEmit <= firstPeriod { nextEmit += every }
            }
        } else {
            nextEmit = first.time + every
            if align { nextEmit = nextEmit.truncated(to: every) }
        }
    }

    mutating func insert(_ point: PointMessage, output: NodeOutput) {
        if every == 0 {
            append(point)
            if point.time >= nextEmit {
                purge(olderThan: point.time - period, inclusive: false)
                emit(tmax: point.time, output: output)
                nextEmit = point.time
            }
        } else {
            if point.time >= nextEmit {
                purge(olderThan: nextEmit - period, inclusive: true)
                emit(tmax: nextEmit, output: output)
                nextEmit = point.time + every
                if align { nextEmit = nextEmit.truncated(to: every) }
            }
            append(point)
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

    mutating func append(_ point: PointMessage) {
        buffer.append(time: point.time, tags: point.tags, fields: point.fields)
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

    init(_ node: WindowNode, first: PointMessage) {
        name = first.name
        tags = first.groupTags
        group = first.group
        dimensions = first.dimensions
        period = Int(node.periodCount)
        every = Int(node.everyCount)
        nextEmit = node.fillPeriod ? period : every
    }

    mutating func insert(_ point: PointMessage) -> Batch? {
        if points.count == period { points.removeFirst() }
        points.append(BatchPoint(time: point.time, fields: point.fields, tags: point.tags))
        count += 1
        guard count == nextEmit else { return nil }
        nextEmit += every
        return Batch(name: name, group: group, tags: tags, dimensions: dimensions, tmax: points[points.count - 1].time, points: points)
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
