import Models

/// A point or batch waiting in a join, with the parent it came from.
struct JoinInput {
    /// The parent's position.
    var source: Int
    var message: Item

    /// What a join buffers: points from stream parents, batches from batch parents.
    enum Item {
        case point(PointMessage)
        case batch(Batch)
    }

    /// The point's time, or the batch's tmax.
    var time: Timestamp {
        switch message {
        case .point(let point): point.time
        case .batch(let batch): batch.tmax
        }
    }

    var name: String {
        switch message {
        case .point(let point): point.name
        case .batch(let batch): batch.name
        }
    }

    /// The tags of the group.
    var groupTags: Tags {
        switch message {
        case .point(let point): point.groupTags
        case .batch(let batch): batch.tags
        }
    }

    var dimensions: Dimensions {
        switch message {
        case .point(let point): point.dimensions
        case .batch(let batch): batch.dimensions
        }
    }

    var group: GroupID {
        switch message {
        case .point(let point): point.group
        case .batch(let batch): batch.group
        }
    }

    /// The input moved into the group of `specific`, as Kapacitor does to a less specific point
    /// matched by `.on()`: a point takes the other's group tags and dimensions, a batch its tags.
    func regrouped(like specific: JoinInput) -> JoinInput {
        var copy = self
        switch message {
        case .point(var point):
            point.tags = specific.groupTags
            point.regroup(specific.dimensions)
            copy.message = .point(point)
        case .batch(var batch):
            batch.tags = specific.groupTags
            batch.dimensions = Dimensions(byName: batch.dimensions.byName, tagNames: batch.tags.map(\.key))
            batch.group = batch.dimensions.groupID(name: batch.name, tags: batch.tags)
            copy.message = .batch(batch)
        }
        return copy
    }
}

/// How a join names and fills the fields of its output.
struct JoinLayout {
    /// The field prefixes, one per parent.
    var prefixes: [String]
    var delimiter: String
    var fill: Fill
    /// The measurement of joined data; empty for the first parent's.
    var streamName: String
    /// Nanoseconds; times are rounded to a multiple of it.
    var tolerance: Int64

    /// What a join puts in place of a missing parent.
    enum Fill: Equatable {
        /// Inner join: sets missing a parent are dropped.
        case none
        /// Outer join with null fields. Condenser's fields cannot be null, so they are left out:
        /// a downstream `default()` or lambda sees them missing, as it sees Kapacitor's nulls.
        case null
        /// Outer join with this value in every field of the missing parent.
        case value(FieldValue)
    }

    func key(_ source: Int, _ field: String) -> String { prefixes[source] + delimiter + field }
}

/// The points or batches of one time from each parent of a join, joined once ready.
struct JoinSet {
    /// The rounded time of the set.
    let time: Timestamp
    /// One slot per parent.
    var values: [JoinInput?]
    private(set) var size = 0

    init(time: Timestamp, parents: Int) {
        self.time = time
        values = Array(repeating: nil, count: parents)
    }

    /// A set holding `first`.
    init(time: Timestamp, parents: Int, first: JoinInput) {
        self.init(time: time, parents: parents)
        set(first)
    }

    /// Whether every parent has contributed.
    var isReady: Bool { size == values.count }

    func has(_ source: Int) -> Bool { values[source] != nil }

    mutating func set(_ input: JoinInput) {
        values[input.source] = input
        size += 1
    }

    /// The contribution of the first parent that has one.
    var first: JoinInput? { values.first { $0 != nil } ?? nil }

    /// The joined message: a point from points, a batch from batches; nil when an inner join
    /// misses a parent.
    func joined(_ layout: JoinLayout) -> Message? {
        guard let first else { return nil }
        let name = layout.streamName.isEmpty ? first.name : layout.streamName
        switch first.message {
        case .point(let point): return joinPoints(first: point, name: name, layout).map(Message.point)
        case .batch(let batch): return .batch(joinBatches(first: batch, name: name, layout))
        }
    }

    private func joinPoints(first: PointMessage, name: String, _ layout: JoinLayout) -> PointMessage? {
        var fields = Fields()
        fields.reserveCapacity(values.reduce(0) { total, value in
            if case .point(let point)? = value?.message { total + point.fields.count } else { total + first.fields.count }
        })
        for (source, value) in values.enumerated() {
            if case .point(let point)? = value?.message {
                for field in point.fields { fields[layout.key(source, field.key)] = field.value }
                continue
            }
            switch layout.fill {
            case .none: return nil
            case .null: break
            case .value(let fill): for field in first.fields { fields[layout.key(source, field.key)] = fill }
            }
        }
        let joined = Point(measurement: name, tags: first.groupTags, fields: fields, time: time)
        return PointMessage(joined, dimensions: first.dimensions)
    }

    /// Kapacitor's merge of the batches' points by rounded time, oldest first.
    private func joinBatches(first: Batch, name: String, _ layout: JoinLayout) -> Batch {
        let batches: [Batch?] = values.map { if case .batch(let batch)? = $0?.message { batch } else { nil } }
        let dimensions = Dimensions(byName: first.dimensions.byName, tagNames: first.tags.map(\.key))
        var result = Batch(
            name: name, group: dimensions.groupID(name: name, tags: first.tags), tags: first.tags,
            dimensions: dimensions, tmax: time
        )
        var empty = Array(repeating: false, count: batches.count)
        var emptyCount = 0
        var indexes = Array(repeating: 0, count: batches.count)
        var fieldNames: [String]?
        while emptyCount < batches.count {
            var set = [BatchPoint?](repeating: nil, count: batches.count)
            var setTime: Timestamp?
            var count = 0
            for (source, batch) in batches.enumerated() where !empty[source] {
                guard let batch, indexes[source] < batch.points.count else {
                    emptyCount += 1
                    empty[source] = true
                    continue
                }
                let point = batch.points[indexes[source]]
                let pointTime = point.time.rounded(to: layout.tolerance)
                if setTime == nil { setTime = pointTime }
                if let current = setTime, pointTime < current {
                    setTime = pointTime
                    for other in set.indices where set[other] != nil {
                        indexes[other] -= 1
                        set[other] = nil
                    }
                    set[source] = point
                    indexes[source] += 1
                    count = 1
                } else if pointTime == setTime {
                    if fieldNames == nil { fieldNames = point.fields.map(\.key) }
                    set[source] = point
                    indexes[source] += 1
                    count += 1
                }
            }
            guard count > 0, let setTime else { continue }
            if let fields = Self.joinFields(set, names: fieldNames ?? [], layout) {
                result.points.append(BatchPoint(time: setTime, fields: fields, tags: first.tags))
            }
        }
        return result
    }

    private static func joinFields(_ set: [BatchPoint?], names: [String], _ layout: JoinLayout) -> Fields? {
        var fields = Fields()
        for (source, point) in set.enumerated() {
            if let point {
                for field in point.fields { fields[layout.key(source, field.key)] = field.value }
                continue
            }
            switch layout.fill {
            case .none: return nil
            case .null: break
            case .value(let fill): for name in names { fields[layout.key(source, name)] = fill }
            }
        }
        return fields
    }
}
