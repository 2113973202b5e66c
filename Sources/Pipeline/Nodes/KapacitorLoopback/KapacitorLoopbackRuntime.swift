import Models

/// Writes each point (and each point of a batch) back into the server's stream under the
/// configured database, retention policy, measurement and extra tags, where other tasks see it.
final class KapacitorLoopbackRuntime: NodeRuntime {
    let node: KapacitorLoopbackNode
    let write: @Sendable ([Point]) -> Void

    init(_ node: KapacitorLoopbackNode, write: @escaping @Sendable ([Point]) -> Void) {
        self.node = node
        self.write = write
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            write([looped(name: point.name, tags: point.tags, fields: point.fields, time: point.time)])
        case .batch(let batch):
            // Kapacitor keeps a batch's own measurement here; the configured one applies to batches too.
            write(batch.points.map { looped(name: batch.name, tags: $0.tags, fields: $0.fields, time: $0.time) })
        case .barrier, .deleteGroup:
            break
        }
    }

    func looped(name: String, tags: Tags, fields: Fields, time: Timestamp) -> Point {
        var tags = tags
        for (key, value) in node.tags { tags[key] = value }
        return Point(
            database: node.database, retentionPolicy: node.retentionPolicy,
            measurement: node.measurement.isEmpty ? name : node.measurement, tags: tags, fields: fields, time: time)
    }
}

extension KapacitorLoopbackNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        guard let loopback = context.loopback else { throw PipelineError("no stream to write back into") }
        return KapacitorLoopbackRuntime(self, write: loopback)
    }
}
