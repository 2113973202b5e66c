import Models

/// Flattens the points of one group and rounded time into one point whose fields are named by
/// the points' `.on()` tag values, as Kapacitor's flatten node. A stream group's points wait
/// until a point of another time or a later barrier arrives (the last ones are not emitted when
/// the input ends, as in Kapacitor); a batch is flattened point by point into a batch.
final class FlattenRuntime: NodeRuntime {
    let dimensions: [String]
    let delimiter: String
    let tolerance: Int64
    let dropOriginalFieldName: Bool
    /// Per group, the points waiting for their time to end.
    var buffers: [GroupID: Buffer] = [:]

    /// A point waiting in a group: its fields and tags.
    typealias Item = (fields: Fields, tags: Tags)

    /// One group's points of the current time, and what the group's flattened points carry.
    struct Buffer {
        var time: Timestamp
        var name: String
        let tags: Tags
        let dimensions: Dimensions
        var points: [Item] = []
    }

    init(_ node: FlattenNode) {
        dimensions = node.dimensions
        delimiter = node.delimiter
        tolerance = node.tolerance.nanosecondsValue
        dropOriginalFieldName = node.dropOriginalFieldName
    }

    var cardinality: Int { buffers.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            let time = point.time.rounded(to: tolerance)
            var buffer = buffers[point.group]
                ?? Buffer(time: time, name: point.name, tags: point.groupTags, dimensions: point.dimensions)
            let flushed = add((point.fields, point.tags), at: time, to: &buffer)
            if let (fields, flushedTime) = flushed {
                if flushedTime > buffer.time { buffer.time = flushedTime }
                buffers[point.group] = buffer
                emit(buffer, group: point.group, fields: fields, time: flushedTime, output: output)
            } else {
                buffers[point.group] = buffer
            }
        case .batch(var batch):
            var buffer = buffers[batch.group]
                ?? Buffer(time: .min, name: batch.name, tags: batch.tags, dimensions: batch.dimensions)
            buffer.name = batch.name
            buffer.time = .min
            var points: [BatchPoint] = []
            for point in batch.points {
                let rounded = point.time.rounded(to: tolerance)
                if let (fields, time) = add((point.fields, point.tags), at: rounded, to: &buffer) {
                    points.append(BatchPoint(time: time, fields: fields, tags: buffer.tags))
                }
            }
            if !buffer.points.isEmpty {
                points.append(BatchPoint(time: buffer.time, fields: flatten(buffer.points), tags: buffer.tags))
                buffer.points = []
            }
            buffers[batch.group] = buffer
            batch.points = points
            output.emit(.batch(batch))
        case .barrier(let group, let time):
            if var buffer = buffers[group], time > buffer.time, !buffer.points.isEmpty {
                let fields = flatten(buffer.points)
                buffer.points = []
                buffers[group] = buffer
                emit(buffer, group: group, fields: fields, time: buffer.time, output: output)
            }
            output.emit(message)
        case .deleteGroup(let group):
            if buffers.removeValue(forKey: group) != nil { output.emit(message) }
        }
    }

    /// Adds a point of rounded `time`; returns the flattened fields and time of the points it
    /// ends, when they made any field.
    private func add(_ point: Item, at time: Timestamp, to buffer: inout Buffer) -> (Fields, Timestamp)? {
        var flushed: (Fields, Timestamp)?
        if time != buffer.time {
            if !buffer.points.isEmpty {
                let fields = flatten(buffer.points)
                if !fields.isEmpty { flushed = (fields, buffer.time) }
                buffer.points = []
            }
            buffer.time = time
        }
        buffer.points.append(point)
        return flushed
    }

    /// The fields of `points` named `tagvalue1.tagvalue2.field`. As in Kapacitor, a point
    /// missing an `.on()` tag is skipped but the tag values written before it lead the next
    /// point's names.
    private func flatten(_ points: [Item]) -> Fields {
        var fields = Fields()
        var prefix = ""
        points: for point in points {
            for (index, tag) in dimensions.enumerated() {
                guard let value = point.tags[tag] else { continue points }
                if index > 0 { prefix += delimiter }
                prefix += value
            }
            for field in point.fields {
                if dropOriginalFieldName {
                    fields[prefix] = field.value
                } else {
                    fields[prefix.isEmpty ? field.key : prefix + delimiter + field.key] = field.value
                }
            }
            prefix = ""
        }
        return fields
    }

    private func emit(_ buffer: Buffer, group: GroupID, fields: Fields, time: Timestamp, output: NodeOutput) {
        let point = Point(measurement: buffer.name, tags: buffer.tags, fields: fields, time: time)
        output.emit(.point(PointMessage(point, dimensions: buffer.dimensions)))
    }
}

extension FlattenNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { FlattenRuntime(self) }
}
