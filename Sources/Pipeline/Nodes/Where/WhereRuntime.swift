import Models

/// Passes the points, and the points of batches, for which the condition holds; one compiled
/// condition per group.
final class WhereRuntime: NodeRuntime {
    let lambdas: GroupLambdas

    init(_ node: WhereNode, context: TaskContext) throws(PipelineError) {
        lambdas = try GroupLambdas(node.condition, context: context)
    }

    var cardinality: Int { lambdas.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            let lambda = lambdas.lambda(for: point.group)
            do {
                if try lambda.evaluateBool(fields: point.fields, tags: point.tags, time: point.time) { output.emit(message) }
            } catch {
                throw NodeError("error while evaluating expression: \(error.message)")
            }
        case .batch(var batch):
            let lambda = lambdas.lambda(for: batch.group)
            var kept: [BatchPoint] = []
            for point in batch.points {
                do {
                    if try lambda.evaluateBool(fields: point.fields, tags: point.tags, time: point.time) { kept.append(point) }
                } catch {
                    output.report("error while evaluating WHERE expression: \(error.message)")
                }
            }
            batch.points = kept
            output.emit(.batch(batch))
        case .deleteGroup(let group):
            lambdas.remove(group)
            output.emit(message)
        case .barrier:
            output.emit(message)
        }
    }
}

extension WhereNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try WhereRuntime(self, context: context)
    }
}
