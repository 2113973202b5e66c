import Models

/// Keeps the latest point or batch of each group for the endpoint's result.
final class HTTPOutRuntime: NodeRuntime {
    let endpoint: String
    let results: HTTPOutResults
    var groups: Set<GroupID> = []

    init(endpoint: String, results: HTTPOutResults) {
        self.endpoint = endpoint
        self.results = results
        results.update(endpoint) { _ in }
    }

    var cardinality: Int { groups.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            groups.insert(point.group)
            results.update(endpoint) { $0.update(point.group, .point(point)) }
        case .batch(let batch):
            groups.insert(batch.group)
            results.update(endpoint) { $0.update(batch.group, .batch(batch)) }
        case .deleteGroup(let group):
            groups.remove(group)
            results.update(endpoint) { $0.delete(group) }
        case .barrier:
            break
        }
        output.emit(message)
    }
}

extension HTTPOutNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        HTTPOutRuntime(endpoint: endpoint, results: context.httpOut)
    }
}
