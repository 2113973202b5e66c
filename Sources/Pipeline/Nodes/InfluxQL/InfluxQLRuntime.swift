import Models

/// Runs an InfluxQL function per group, as Kapacitor's InfluxQL node:
/// - on batches, aggregates give one result per batch (points for most functions, a batch for
///   `distinct`, `top`, `bottom` and Holt-Winters) and stream transformations a batch of the
///   results of each point, starting afresh with every batch;
/// - on points, aggregates reduce the points of one time and emit when a point of another time
///   arrives (the last time is never emitted); transformations emit per point, keeping their
///   state for the group's whole stream.
/// The reducer is chosen by the type of the field in the first point (of a batch, a time, or a
/// group's stream); points that cannot be aggregated are reported and skipped.
final class InfluxQLRuntime: NodeRuntime {
    let function: InfluxQLFunction
    let shape: ResultShape
    private var groups: [GroupID: InfluxQLGroup] = [:]
    /// Kapacitor caches the last reducer factory per node: the last kind asked for, and the kind
    /// whose factory it holds. Asking twice in a row for a kind it cannot apply yields the held one.
    private var requestedKind: FieldKind?
    private var heldKind: FieldKind?

    init(_ node: InfluxQLNode) throws(PipelineError) {
        function = try InfluxQLFunction(node)
        shape = ResultShape(
            field: node.field, name: node.name,
            pointTimes: node.usePointTimes || function.isStreamTransformation || function.forcesPointTimes,
            isSimpleSelector: function.isSimpleSelector
        )
    }

    var cardinality: Int { groups.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            let group = group(point.group) {
                ResultBase(name: point.name, time: point.time, tags: point.groupTags, dimensions: point.dimensions, group: point.group)
            }
            if function.isStreamTransformation {
                transform(point, in: group, output: output)
            } else {
                aggregate(point, in: group, output: output)
            }
        case .batch(let batch):
            let group = group(batch.group) {
                ResultBase(name: batch.name, time: batch.tmax, tags: batch.tags, dimensions: batch.dimensions, group: batch.group)
            }
            group.base.time = batch.tmax
            if function.isStreamTransformation {
                transform(batch, in: group, output: output)
            } else {
                try aggregate(batch, in: group, output: output)
            }
        case .barrier:
            output.emit(message)
        case .deleteGroup(let id):
            if groups.removeValue(forKey: id) != nil { output.emit(message) }
        }
    }

    func group(_ id: GroupID, first: () -> ResultBase) -> InfluxQLGroup {
        if let group = groups[id] { return group }
        let group = InfluxQLGroup(first())
        groups[id] = group
        return group
    }

    // MARK: Streams

    private func aggregate(_ point: PointMessage, in group: InfluxQLGroup, output: NodeOutput) {
        if point.time != group.base.time {
            if let context = group.context { emit(context, group.base, output: output) }
            group.base.name = point.name
            group.base.time = point.time
            group.context = nil
        }
        guard let context = context(of: group, for: point.fields, output: output) else { return }
        if let error = context.aggregate(fields: point.fields, tags: point.tags, time: point.time) {
            output.report("failed to aggregate point: " + error)
        }
    }

    private func transform(_ point: PointMessage, in group: InfluxQLGroup, output: NodeOutput) {
        guard let context = context(of: group, for: point.fields, output: output) else { return }
        if let error = context.aggregate(fields: point.fields, tags: point.tags, time: point.time) {
            output.report("failed to aggregate point: " + error)
        }
        if let result = context.emitPoint(group.base) { output.emit(.point(result)) }
    }

    /// The group's context, made for the type of `fields`' field when it has none yet.
    private func context(of group: InfluxQLGroup, for fields: Fields, output: NodeOutput) -> (any ReduceContext)? {
        if let context = group.context { return context }
        switch realize(from: fields) {
        case .success(let context):
            group.context = context
            return context
        case .failure(let error):
            output.report("failed to realize reduce context from fields: \(error.message)")
            return nil
        }
    }

    // MARK: Batches

    private func aggregate(_ batch: Batch, in group: InfluxQLGroup, output: NodeOutput) throws(NodeError) {
        var context: (any ReduceContext)?
        var index = batch.points.startIndex
        while context == nil && index < batch.points.endIndex {
            switch realize(from: batch.points[index].fields) {
            case .success(let realized): context = realized
            case .failure(let error): output.report("failed to realize reduce context from fields: \(error.message)")
            }
            if context == nil { index += 1 }
        }
        if let context {
            context.aggregate(batch.points[index...], output: output)
        } else {
            guard function.isEmptyOK else { return }
            // Without data Kapacitor assumes floats.
            context = try realize(.float).get()
        }
        if let context { emit(context, group.base, output: output) }
    }

    private func transform(_ batch: Batch, in group: InfluxQLGroup, output: NodeOutput) {
        var results: [BatchPoint] = []
        var index = batch.points.startIndex
        while index < batch.points.endIndex {
            switch realize(from: batch.points[index].fields) {
            case .success(let context):
                context.transform(batch.points[index...], base: group.base, into: &results, output: output)
                index = batch.points.endIndex
            case .failure(let error):
                output.report("failed to realize reduce context from fields: \(error.message)")
                index += 1
            }
        }
        var result = batch
        result.points = results
        output.emit(.batch(result))
    }

    // MARK: Results

    func emit(_ context: any ReduceContext, _ base: ResultBase, output: NodeOutput) {
        if function.providesBatch {
            output.emit(.batch(context.emitBatch(base)))
        } else if let point = context.emitPoint(base) {
            output.emit(.point(point))
        }
    }

    private func realize(from fields: Fields) -> Result<any ReduceContext, NodeError> {
        guard let value = fields[shape.field] else { return .failure(NodeError("field \"\(shape.field)\" missing from point")) }
        return realize(FieldKind(value))
    }

    func realize(_ kind: FieldKind) -> Result<any ReduceContext, NodeError> {
        if kind == requestedKind, let heldKind, let context = function.makeContext(heldKind, shape: shape) {
            return .success(context)
        }
        requestedKind = kind
        guard let context = function.makeContext(kind, shape: shape) else {
            let reason = kind == .unsigned ? "invalid field kind: uint64" : "cannot apply \(function.method) to \(kind.rawValue) field"
            return .failure(NodeError("invalid influxql func \(function.method) with field \(shape.field): \(reason)"))
        }
        heldKind = kind
        return .success(context)
    }
}

/// One group's state: what its results are made of and, on streams, the reducer at work.
final class InfluxQLGroup {
    var base: ResultBase
    var context: (any ReduceContext)?

    init(_ base: ResultBase) { self.base = base }
}

extension InfluxQLNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { try InfluxQLRuntime(self) }
}
