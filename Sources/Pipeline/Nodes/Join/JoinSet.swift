import Models

/// A point or batch waiting in a join, with the parent it came from. A class whose parts are
/// stored apart: a set holds and hands it on by reference, and the join reads the part it needs
/// (a point's fields) without copying the rest.
final class JoinInput {
    /// The parent's position.
    let source: Int
    let name: String
    /// The point's time, or the batch's tmax.
    let time: Timestamp
    /// The point's tags, or the batch's (its group's).
    let tags: Tags
    /// The point's fields; none for a batch.
    let fields: Fields
    let group: GroupID
    let dimensions: Dimensions
    /// The batch; nil for a point.
    let batch: Batch?
    /// Whether the input is a point.
    let isPoint: Bool

    /// A point from parent `source`.
    init(source: Int, point: PointMessage) {
        self.source = source
        name = point.name
        time = point.time
        tags = point.tags
        fields = point.fields
        group = point.group
        dimensions = point.dimensions
        batch = nil
        isPoint = true
    }

    /// A batch from parent `source`.
    init(source: Int, batch: Batch) {
        self.source = source
        name = batch.name
        time = batch.tmax
        tags = batch.tags
        fields = Fields()
        group = batch.group
        dimensions = batch.dimensions
        self.batch = batch
        isPoint = false
    }

    /// A point of these parts.
    private init(source: Int, name: String, time: Timestamp, tags: Tags, fields: Fields, dimensions: Dimensions) {
        self.source = source
        self.name = name
        self.time = time
        self.tags = tags
        self.fields = fields
        self.dimensions = dimensions
        group = dimensions.groupID(name: name, tags: tags)
        batch = nil
        isPoint = true
    }

    /// The tags of the group.
    var groupTags: Tags { isPoint ? dimensions.groupTags(tags) : tags }

    /// The input moved into the group of `specific`, as Kapacitor does to a less specific point
    /// matched by `.on()`: a point takes the other's group tags and dimensions, a batch its tags.
    func regrouped(like specific: JoinInput) -> JoinInput {
        guard var batch else {
            return JoinInput(
                source: source, name: name, time: time, tags: specific.groupTags, fields: fields, dimensions: specific.dimensions)
        }
        batch.tags = specific.groupTags
        batch.dimensions = Dimensions(byName: batch.dimensions.byName, tagNames: batch.tags.map(\.key))
        batch.group = batch.dimensions.groupID(name: batch.name, tags: batch.tags)
        return JoinInput(source: source, batch: batch)
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
///
/// The first two parents' slots are stored in the set itself, the others in an array: a join of
/// two parents allocates nothing per set.
struct JoinSet {
    /// The rounded time of the set.
    let time: Timestamp
    /// How many parents the join has.
    let parents: Int
    private var slot0: JoinInput?
    private var slot1: JoinInput?
    /// The slots of parents 2 and up.
    private var more: [JoinInput?]
    private(set) var size = 0

    init(time: Timestamp, parents: Int) {
        self.time = time
        self.parents = parents
        more = parents > 2 ? Array(repeating: nil, count: parents - 2) : []
    }

    /// A set holding `first`.
    init(time: Timestamp, parents: Int, first: JoinInput) {
        self.init(time: time, parents: parents)
        set(first)
    }

    /// A set of no parent, left where a set was moved out.
    static var empty: JoinSet { JoinSet(time: 0, parents: 0) }

    /// Whether every parent has contributed.
    var isReady: Bool { size == parents }

    /// The contribution of parent `source`.
    subscript(source: Int) -> JoinInput? {
        switch source {
        case 0: slot0
        case 1: slot1
        default: more[source - 2]
        }
    }

    func has(_ source: Int) -> Bool {
        switch source {
        case 0: slot0 != nil
        case 1: slot1 != nil
        default: more[source - 2] != nil
        }
    }

    mutating func set(_ input: JoinInput) {
        switch input.source {
        case 0: slot0 = input
        case 1: slot1 = input
        default: more[input.source - 2] = input
        }
        size += 1
    }

    /// The contribution of the first parent that has one.
    var first: JoinInput? {
        for source in 0..<parents {
            if let input = self[source] { return input }
        }
        return nil
    }

    /// Emits the joined message: a point from points, a batch from batches; nothing when an inner
    /// join misses a parent.
    func emitJoined(_ layout: JoinLayout, names: JoinedFieldNames, to output: NodeOutput) {
        guard let first else { return }
        let name = layout.streamName.isEmpty ? first.name : layout.streamName
        guard first.isPoint else {
            if let batch = first.batch { output.emit(.batch(joinBatches(first: batch, name: name, layout))) }
            return
        }
        let fields = size == parents ? names.joinedFields(of: self) ?? joinFields(first: first, layout) : joinFields(first: first, layout)
        guard let fields else { return }
        let joined = Point(measurement: name, tags: first.groupTags, fields: fields, time: time)
        output.emit(.point(PointMessage(joined, dimensions: first.dimensions)))
    }

    /// The fields of a set of points, prefixed and filled as the layout says, one by one: the
    /// general path, for sets missing a parent and field names a prefix makes collide.
    func joinFields(first: JoinInput, _ layout: JoinLayout) -> Fields? {
        var fields = Fields()
        var count = 0
        for source in 0..<parents {
            if let input = self[source], input.isPoint { count += input.fields.count } else { count += first.fields.count }
        }
        fields.reserveCapacity(count)
        for source in 0..<parents {
            if let input = self[source], input.isPoint {
                for field in input.fields { fields[layout.key(source, field.key)] = field.value }
                continue
            }
            switch layout.fill {
            case .none: return nil
            case .null: break
            case .value(let fill): for field in first.fields { fields[layout.key(source, field.key)] = fill }
            }
        }
        return fields
    }

    /// The batches of the set, by parent.
    private var batches: [Batch?] { (0..<parents).map { self[$0]?.batch } }

    /// Kapacitor's merge of the batches' points by rounded time, oldest first.
    private func joinBatches(first: Batch, name: String, _ layout: JoinLayout) -> Batch {
        let batches = self.batches
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

/// The prefixed field names of the field layout each parent of a join sent last, made once per
/// layout: a set of points whose every parent sent fields of its last layout is joined by putting
/// each value under its known name, as the general path (``JoinSet/joinFields(first:_:)``) would.
final class JoinedFieldNames {
    private let layout: JoinLayout
    /// By parent: the field names of its last layout.
    private var keys: [[String]]
    /// By parent: those names prefixed.
    private var joined: [[String]]
    /// Whether every parent has a layout and all the prefixed names are distinct, so that the
    /// general path would append each field: the known names may be used.
    private var distinct = false

    init(_ layout: JoinLayout, parents: Int) {
        self.layout = layout
        keys = Array(repeating: [], count: parents)
        joined = Array(repeating: [], count: parents)
    }

    /// The joined fields of a complete set of points, nil when a parent sent a batch or the
    /// prefixed names collide (the general path then decides).
    func joinedFields(of set: JoinSet) -> Fields? {
        var count = 0
        var changed = false
        for source in 0..<set.parents {
            guard let input = set[source], input.isPoint else { return nil }
            if !matches(input.fields, keys[source]) {
                keys[source] = input.fields.map(\.key)
                joined[source] = keys[source].map { layout.key(source, $0) }
                changed = true
            }
            count += input.fields.count
        }
        if changed {
            let all = joined.joined()
            distinct = Set(all).count == all.count
        }
        guard distinct else { return nil }
        var fields: [Field] = []
        fields.reserveCapacity(count)
        for source in 0..<set.parents {
            guard let input = set[source] else { return nil }
            let names = joined[source]
            for index in input.fields.indices { fields.append(Field(names[index], input.fields[index].value)) }
        }
        return Fields(fields)
    }

    /// Whether `fields` have the names `keys`, in order.
    private func matches(_ fields: Fields, _ keys: [String]) -> Bool {
        guard fields.count == keys.count else { return false }
        for index in keys.indices where fields[index].key != keys[index] { return false }
        return true
    }
}
