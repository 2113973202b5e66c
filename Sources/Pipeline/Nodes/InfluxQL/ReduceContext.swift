import Models

/// What a group's results are made of, as Kapacitor's `baseReduceContext`: the measurement and
/// time of the batch or stream time being reduced, and the group's tags and dimensions.
struct ResultBase {
    var name: String
    var time: Timestamp
    let tags: Tags
    let dimensions: Dimensions
    let group: GroupID
}

/// The node settings that shape every result.
struct ResultShape: Sendable {
    /// The field read.
    let field: String
    /// The result field's name (`.as`).
    let name: String
    /// Whether results take their points' own times.
    let pointTimes: Bool
    /// Whether a result is the selected point with all its fields.
    let isSimpleSelector: Bool
}

/// A reducer at work for one field type, behind one dynamic call per message: the loops over a
/// batch's points run inside, specialized for the reducer.
protocol ReduceContext: AnyObject {
    /// Aggregates one point's field; the error when the field is missing or of another type.
    func aggregate(fields: Fields, tags: Tags, time: Timestamp) -> String?
    /// Aggregates batch points, reporting the ones that fail.
    func aggregate(_ points: ArraySlice<BatchPoint>, output: NodeOutput)
    /// Aggregates a window's points from position `first` on, reporting the ones that fail;
    /// `positions` is where each of the window's layouts holds the field read.
    func aggregate(_ window: WindowBuffer, from first: Int, positions: [Int], output: NodeOutput)
    /// Aggregates batch points one by one, appending what each emits to `results`.
    func transform(_ points: ArraySlice<BatchPoint>, base: ResultBase, into results: inout [BatchPoint], output: NodeOutput)
    /// The result as a point, when the reducer emits exactly one.
    func emitPoint(_ base: ResultBase) -> PointMessage?
    /// The results as a batch, its time the latest of the base's and the results'.
    func emitBatch(_ base: ResultBase) -> Batch
}

/// The reduce context of one reducer type.
final class TypedReduceContext<Reducer: InfluxQLReducer>: ReduceContext {
    private var reducer: Reducer
    private let shape: ResultShape
    private var emitted: [Sample<Reducer.Output>] = []

    init(_ reducer: Reducer, shape: ResultShape) {
        self.reducer = reducer
        self.shape = shape
    }

    func aggregate(fields: Fields, tags: Tags, time: Timestamp) -> String? {
        guard let field = fields[shape.field] else { return "field \(shape.field) missing from point cannot aggregate" }
        guard let value = Reducer.Input.read(field) else {
            return "field \(shape.field) has wrong type: got \(field.goType) exp \(Reducer.Input.goType)"
        }
        reducer.aggregate(Sample(time: time, value: value, tags: tags, fields: fields))
        return nil
    }

    // Generic class methods are not specialized through the protocol: the common reducers of
    // windows get a specialized copy the generic body dispatches to (no metadata lookup per point).
    @_specialize(where Reducer == CountReducer<Double>)
    @_specialize(where Reducer == CountReducer<Int64>)
    @_specialize(where Reducer == MeanReducer<Double>)
    @_specialize(where Reducer == SumReducer<Double>)
    func aggregate(_ points: ArraySlice<BatchPoint>, output: NodeOutput) {
        for point in points {
            if let error = aggregate(fields: point.fields, tags: point.tags, time: point.time) {
                output.report("failed to aggregate point in batch: " + error)
            }
        }
    }

    @_specialize(where Reducer == CountReducer<Double>)
    @_specialize(where Reducer == CountReducer<Int64>)
    @_specialize(where Reducer == MeanReducer<Double>)
    @_specialize(where Reducer == SumReducer<Double>)
    func aggregate(_ window: WindowBuffer, from first: Int, positions: [Int], output: NodeOutput) {
        guard Reducer.readsValuesOnly else { return aggregate(window.points(from: first)[...], output: output) }
        for index in first..<window.indices.upperBound {
            let position = positions[window.layout(at: index)]
            guard position >= 0 else {
                output.report("failed to aggregate point in batch: field \(shape.field) missing from point cannot aggregate")
                continue
            }
            let field = window.value(at: index, position: position)
            guard let value = Reducer.Input.read(field) else {
                output.report(
                    "failed to aggregate point in batch: field \(shape.field) has wrong type: got \(field.goType) exp \(Reducer.Input.goType)"
                )
                continue
            }
            reducer.aggregate(Sample(time: window.time(at: index), value: value))
        }
    }

    func transform(_ points: ArraySlice<BatchPoint>, base: ResultBase, into results: inout [BatchPoint], output: NodeOutput) {
        for point in points {
            if let error = aggregate(fields: point.fields, tags: point.tags, time: point.time) {
                output.report("failed to aggregate batch point: " + error)
            }
            if let result = emitPoint(base) {
                results.append(BatchPoint(time: result.time, fields: result.fields, tags: result.tags))
            }
        }
    }

    func emitPoint(_ base: ResultBase) -> PointMessage? {
        reducer.emit(into: &emitted)
        defer { emitted.removeAll(keepingCapacity: true) }
        guard emitted.count == 1 else { return nil }
        let result = emitted[0]
        var tags = base.tags
        var fields: Fields
        if shape.isSimpleSelector {
            tags = result.tags
            fields = result.fields
            if shape.name != shape.field {
                fields[shape.name] = fields[shape.field]
                fields[shape.field] = nil
            }
        } else {
            fields = Fields([Field(shape.name, result.value.field)])
        }
        return PointMessage(
            name: base.name, tags: tags, fields: fields, time: time(of: result, base), group: base.group,
            dimensions: base.dimensions
        )
    }

    func emitBatch(_ base: ResultBase) -> Batch {
        reducer.emit(into: &emitted)
        defer { emitted.removeAll(keepingCapacity: true) }
        var batch = Batch(name: base.name, group: base.group, tags: base.tags, dimensions: base.dimensions, tmax: base.time)
        batch.points.reserveCapacity(emitted.count)
        for result in emitted {
            let time = time(of: result, base)
            if time > batch.tmax { batch.tmax = time }
            // Points that keep their own tags (top, bottom) get the group's tags merged under them.
            let tags = result.tags.isEmpty ? base.tags : Tags(base.tags.storage + result.tags.storage)
            batch.points.append(BatchPoint(time: time, fields: Fields([Field(shape.name, result.value.field)]), tags: tags))
        }
        return batch
    }

    /// The result's own time when the node uses point times and it has one, else the base's.
    private func time(of result: Sample<Reducer.Output>, _ base: ResultBase) -> Timestamp {
        shape.pointTimes && result.time != Sample<Reducer.Output>.zeroTime ? result.time : base.time
    }
}

extension PointMessage {
    /// A result point of a known group.
    init(name: String, tags: Tags, fields: Fields, time: Timestamp, group: GroupID, dimensions: Dimensions) {
        self.name = name
        database = ""
        retentionPolicy = ""
        self.tags = tags
        self.fields = fields
        self.time = time
        self.group = group
        self.dimensions = dimensions
    }
}
