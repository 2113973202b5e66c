import Models

/// Evaluates the expressions in order on each point, each seeing the results before it, and
/// stores the results as fields (or tags), keeping the point's other fields when asked.
final class EvalRuntime: NodeRuntime {
    let node: EvalNode
    let expressions: [GroupLambdas]
    let tagNames: Set<String>

    init(_ node: EvalNode, context: TaskContext) throws(PipelineError) {
        guard node.names.count == node.expressions.count else {
            throw PipelineError("must provide one name per expression via the 'As' property")
        }
        self.node = node
        var expressions: [GroupLambdas] = []
        for expression in node.expressions { expressions.append(try GroupLambdas(expression, context: context)) }
        self.expressions = expressions
        tagNames = Set(node.tags)
    }

    var cardinality: Int { expressions.first?.count ?? 0 }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            (point.fields, point.tags) = try evaluate(point.fields, point.tags, point.time, group: point.group)
            point.regroup(point.dimensions)
            output.emit(.point(point))
        case .batch(var batch):
            var points: [BatchPoint] = []
            points.reserveCapacity(batch.points.count)
            for var point in batch.points {
                do {
                    (point.fields, point.tags) = try evaluate(point.fields, point.tags, point.time, group: batch.group)
                    points.append(point)
                } catch {
                    output.report(error.message)
                }
            }
            batch.points = points
            output.emit(.batch(batch))
        case .deleteGroup(let group):
            for expression in expressions { expression.remove(group) }
            output.emit(message)
        case .barrier:
            output.emit(message)
        }
    }

    /// The new fields and tags of a point.
    func evaluate(_ fields: Fields, _ tags: Tags, _ time: Timestamp, group: GroupID) throws(NodeError) -> (Fields, Tags) {
        // Results are visible to later expressions unless a field of the same name hides them.
        var scope = fields
        var results: [(String, FieldValue)] = []
        for (index, expressions) in expressions.enumerated() {
            let value: LambdaValue
            do {
                value = try expressions.lambda(for: group).evaluate(fields: scope, tags: tags, time: time)
            } catch {
                throw NodeError("error evaluating expression: \(error.message)")
            }
            guard let result = FieldValue(value) else {
                throw NodeError("error evaluating expression: unsupported result type \(value.type.name)")
            }
            let name = node.names[index]
            results.append((name, result))
            if fields[name] == nil { scope[name] = result }
        }
        var newTags = tags
        for (name, value) in results where tagNames.contains(name) {
            guard case .string(let text) = value else {
                throw NodeError("result of a tag expression must be of type string, got \(value.typeName)")
            }
            newTags[name] = text
        }
        var newFields = Fields()
        if node.keep && !node.keepList.isEmpty {
            for name in node.keepList {
                if let value = results.last(where: { $0.0 == name })?.1 ?? fields[name] {
                    newFields[name] = value
                } else {
                    throw NodeError("cannot keep field \"\(name)\", field does not exist")
                }
            }
        } else {
            if node.keep { newFields = fields }
            for (name, value) in results where !tagNames.contains(name) || node.keep { newFields[name] = value }
        }
        return (newFields, newTags)
    }
}

extension FieldValue {
    /// The Go type name Kapacitor's messages use.
    var typeName: String {
        switch self {
        case .float: "float64"
        case .int: "int64"
        case .uint: "uint64"
        case .bool: "bool"
        case .string: "string"
        }
    }
}

extension EvalNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try EvalRuntime(self, context: context)
    }
}
