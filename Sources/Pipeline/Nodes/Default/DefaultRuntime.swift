import Models

/// Sets the default fields a point lacks and the default tags it lacks or has empty.
final class DefaultRuntime: NodeRuntime {
    let fields: [(String, FieldValue)]
    let tags: [(String, String)]

    init(_ node: DefaultNode) throws(PipelineError) {
        var fields: [(String, FieldValue)] = []
        for (name, value) in node.fields.sorted(by: { $0.key < $1.key }) {
            guard let field = value.fieldValue else {
                throw PipelineError("unsupported type \(value.typeName) for field \"\(name)\", field default values must be float,int,string or bool")
            }
            fields.append((name, field))
        }
        self.fields = fields
        tags = node.tags.sorted { $0.key < $1.key }
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            point.fields = defaulted(point.fields)
            point.tags = defaulted(point.tags)
            point.regroup(point.dimensions)
            output.emit(.point(point))
        case .batch(var batch):
            // As Kapacitor's BeginBatch.SetTags: the batch is then grouped by all its tags.
            batch.tags = defaulted(batch.tags)
            batch.dimensions = Dimensions(byName: batch.dimensions.byName, tagNames: batch.tags.map(\.key))
            batch.group = batch.dimensions.groupID(name: batch.name, tags: batch.tags)
            for index in batch.points.indices {
                batch.points[index].fields = defaulted(batch.points[index].fields)
                batch.points[index].tags = defaulted(batch.points[index].tags)
            }
            output.emit(.batch(batch))
        case .barrier, .deleteGroup:
            output.emit(message)
        }
    }

    func defaulted(_ fields: Fields) -> Fields {
        var result = fields
        for (name, value) in self.fields where result[name] == nil { result[name] = value }
        return result
    }

    func defaulted(_ tags: Tags) -> Tags {
        var result = tags
        for (name, value) in self.tags where (result[name] ?? "").isEmpty { result[name] = value }
        return result
    }
}

extension DefaultNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { try DefaultRuntime(self) }
}
