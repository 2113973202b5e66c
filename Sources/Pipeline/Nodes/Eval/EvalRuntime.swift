import Models

/// Evaluates the expressions in order on each point, each seeing the results before it, and
/// stores the results as fields (or tags), keeping the point's other fields when asked.
final class EvalRuntime: NodeRuntime {
    let node: EvalNode
    let expressions: [GroupLambdas]
    /// Per expression: whether its result is stored as a tag.
    let isTag: [Bool]
    /// Whether some result is stored as a tag.
    let hasTags: Bool
    /// Whether the `.as()` names are distinct, so that the results (without `.keep()`) are the
    /// new fields in order, with no result replacing an earlier one.
    let distinctNames: Bool
    /// The results of the point being evaluated, one per expression, kept between points.
    private var results: [FieldValue]

    init(_ node: EvalNode, context: TaskContext) throws(PipelineError) {
        guard node.names.count == node.expressions.count else {
            throw PipelineError("must provide one name per expression via the 'As' property")
        }
        self.node = node
        var expressions: [GroupLambdas] = []
        for expression in node.expressions { expressions.append(try GroupLambdas(expression, context: context)) }
        self.expressions = expressions
        let tagNames = Set(node.tags)
        isTag = node.names.map { tagNames.contains($0) }
        hasTags = !tagNames.isEmpty
        distinctNames = Set(node.names).count == node.names.count
        results = Array(repeating: .int(0), count: expressions.count)
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
        // Results are visible to later expressions unless a field or tag of the same name hides
        // them: Kapacitor fills each expression's scope from the point.
        var scope = fields
        let last = expressions.count - 1
        for index in expressions.indices {
            let value: LambdaValue
            do {
                value = try expressions[index].lambda(for: group).evaluate(fields: scope, tags: tags, time: time)
            } catch {
                throw NodeError("error evaluating expression: \(error.message)")
            }
            guard let result = FieldValue(value) else {
                throw NodeError("error evaluating expression: unsupported result type \(value.type.name)")
            }
            results[index] = result
            // The last result is seen by no expression: the scope is left as it is.
            if index < last, fields[node.names[index]] == nil, tags[node.names[index]] == nil { scope[node.names[index]] = result }
        }
        var newTags = tags
        if hasTags {
            for index in results.indices where isTag[index] {
                guard case .string(let text) = results[index] else {
                    throw NodeError("result of a tag expression must be of type string, got \(results[index].typeName)")
                }
                newTags[node.names[index]] = text
            }
        }
        if node.keep && !node.keepList.isEmpty {
            var newFields = Fields()
            newFields.reserveCapacity(node.keepList.count)
            for name in node.keepList {
                if let value = node.names.lastIndex(of: name).map({ results[$0] }) ?? fields[name] {
                    newFields[name] = value
                } else {
                    throw NodeError("cannot keep field \"\(name)\", field does not exist")
                }
            }
            return (newFields, newTags)
        }
        if node.keep {
            var newFields = fields
            for index in results.indices { newFields[node.names[index]] = results[index] }
            return (newFields, newTags)
        }
        if distinctNames {
            var stored: [Field] = []
            stored.reserveCapacity(results.count)
            for index in results.indices where !isTag[index] { stored.append(Field(node.names[index], results[index])) }
            return (Fields(stored), newTags)
        }
        var newFields = Fields()
        for index in results.indices where !isTag[index] { newFields[node.names[index]] = results[index] }
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
