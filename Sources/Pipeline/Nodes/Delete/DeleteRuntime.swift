import Models

/// Removes fields and tags; a deleted tag also leaves the group's dimensions.
final class DeleteRuntime: NodeRuntime {
    let fields: [String]
    let tags: Set<String>

    init(_ node: DeleteNode) {
        fields = node.fields
        tags = Set(node.tags)
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            point.fields = deleting(point.fields)
            point.tags = deleting(point.tags)
            var dimensions = point.dimensions
            dimensions.tagNames.removeAll { tags.contains($0) }
            point.regroup(dimensions)
            output.emit(.point(point))
        case .batch(var batch):
            batch.tags = deleting(batch.tags)
            batch.dimensions = Dimensions(byName: batch.dimensions.byName, tagNames: batch.tags.map(\.key))
            batch.group = batch.dimensions.groupID(name: batch.name, tags: batch.tags)
            for index in batch.points.indices {
                batch.points[index].fields = deleting(batch.points[index].fields)
                batch.points[index].tags = deleting(batch.points[index].tags)
            }
            output.emit(.batch(batch))
        case .barrier, .deleteGroup:
            output.emit(message)
        }
    }

    func deleting(_ fields: Fields) -> Fields {
        var result = fields
        for name in self.fields { result[name] = nil }
        return result
    }

    func deleting(_ tags: Tags) -> Tags {
        var result = tags
        for name in self.tags { result[name] = nil }
        return result
    }
}

extension DeleteNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { DeleteRuntime(self) }
}
