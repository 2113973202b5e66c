import Models
import TICKscript

extension GraphBuilder {
    /// `left | right()`, `left.right()` or `left @right()`.
    mutating func chain(_ left: Node, _ op: Token.Kind, _ right: Node, at offset: Int) throws(PipelineError) -> Value {
        let target = try evaluate(left)
        guard case .function(let function) = right.kind else {
            throw PipelineError("invalid right operand \(Self.describe(right)) of '\(op.name)'", at: right.offset)
        }
        let vertex: Int
        switch target {
        case .node(let index), .handler(let index, _): vertex = index
        case .failed: throw Self.alreadyReported
        case .value(let value):
            throw PipelineError("cannot call \(op.name)\(function.name)() on a \(value.typeName) value", at: right.offset)
        }
        switch op {
        case .pipe: return .node(try chainNode(function, from: vertex, at: right.offset))
        case .at: return .node(try udf(function, from: vertex, at: right.offset))
        default: return try property(function, on: target, vertex: vertex, at: right.offset)
        }
    }

    /// `|method(...)`: makes the catalogue's node and links it under `parent`.
    mutating func chainNode(_ function: Function, from parent: Int, at offset: Int) throws(PipelineError) -> Int {
        let parentVertex = graph.vertices[parent]
        guard NodeCatalog.canChain(function.name, after: parentVertex) else {
            throw unknownChainMethod(function.name, on: parentVertex, at: offset)
        }
        let arguments = try evaluateArguments(function, at: offset, callee: "|\(function.name)()")
        switch function.name {
        case "stats": return try stats(arguments, watching: parent, at: offset)
        case "deadman": return try deadman(arguments, watching: parent, at: offset)
        default: break
        }
        guard let spec = NodeCatalog.spec(function.name) else {
            throw unknownChainMethod(function.name, on: parentVertex, at: offset)
        }
        let wants = spec.wants.resolve(parentVertex.provides)
        if wants != parentVertex.provides {
            throw PipelineError(
                "|\(function.name)() wants a \(wants.rawValue) edge, but \(parentVertex.kind) provides a \(parentVertex.provides.rawValue) edge",
                at: offset
            )
        }
        var parents = [parent]
        for value in arguments.values { if case .node(let other) = value { parents.append(other) } }
        let node = try spec.create(arguments)
        return graph.add(spec, node: node, parents: parents, wants: wants, at: offset)
    }

    /// `.name(...)`: sets a property of the node, or of the handler the previous property created.
    mutating func property(_ function: Function, on target: Value, vertex: Int, at offset: Int) throws(PipelineError) -> Value {
        let kind = graph.vertices[vertex].kind
        let arguments = try evaluateArguments(function, at: offset, callee: "\(kind).\(function.name)()")
        if case .handler(_, let index) = target,
           try graph.vertices[vertex].node.setSubProperty(index, function.name, arguments) {
            return target
        }
        if function.name == "quiet" {
            try arguments.expect(0)
            graph.vertices[vertex].quiet = true
            return target
        }
        guard let created = try graph.vertices[vertex].node.setProperty(function.name, arguments) else {
            throw unknownProperty(function.name, on: target, vertex: vertex, at: offset)
        }
        return created >= 0 ? .handler(vertex: vertex, index: created) : .node(vertex)
    }

    /// `@name(...)`: a user-defined function node; its options are checked when it runs.
    mutating func udf(_ function: Function, from parent: Int, at offset: Int) throws(PipelineError) -> Int {
        let parentVertex = graph.vertices[parent]
        let arguments = try evaluateArguments(function, at: offset, callee: "@\(function.name)()")
        try arguments.expect(0)
        return graph.add(
            method: function.name, kind: function.name, node: UDFNode(name: function.name), parents: [parent], wants: parentVertex.provides,
            provides: parentVertex.provides, chainable: true, at: offset
        )
    }

    /// `|stats(interval)`: a new source emitting the statistics of `watched`; a `noop` child keeps
    /// a leaf node running.
    mutating func stats(_ arguments: Arguments, watching watched: Int, at offset: Int) throws(PipelineError) -> Int {
        let spec = StatsNode.spec.erased
        guard var node = try spec.create(arguments) as? StatsNode else { throw PipelineError("stats node expected", at: offset) }
        node.watched = watched
        let stats = graph.add(spec, node: node, parents: [], wants: .stream, at: offset)
        if graph.vertices[watched].children.isEmpty {
            let provides = graph.vertices[watched].provides
            _ = graph.add(
                method: "noop", kind: "noop", node: NoOpNode(), parents: [watched], wants: provides, provides: provides, chainable: false,
                at: offset
            )
        }
        return stats
    }

    /// `|deadman(threshold, interval, expr...)`: `stats(interval).align()`, a non-negative
    /// `derivative('emitted')` per interval, and an alert critical when the rate is at or below
    /// the threshold (and every extra expression holds).
    mutating func deadman(_ arguments: Arguments, watching watched: Int, at offset: Int) throws(PipelineError) -> Int {
        try arguments.expect(2...Int.max)
        let threshold = try arguments.float(0)
        let interval = try arguments.duration(1)
        let extra = try arguments.lambdas(from: 2)
        let stats = try self.stats(Arguments([.duration(interval)], at: offset, callee: "|stats()"), watching: watched, at: offset)
        graph.vertices[stats].node = StatsNode(interval: interval, align: true, watched: watched)
        var derivative = DerivativeNode(field: "emitted")
        derivative.nonNegative = true
        derivative.unit = interval
        let derivativeIndex = graph.add(DerivativeNode.spec.erased, node: derivative, parents: [stats], wants: .stream, at: offset)
        var condition = Node(.binary(Binary(
            left: Node(.reference("emitted"), at: offset), op: .lessEqual,
            right: Node(.number(NumberLiteral(float: threshold)), at: offset)
        )), at: offset)
        for expression in extra {
            condition = Node(.binary(Binary(left: condition, op: .and, right: expression)), at: offset)
        }
        var alert = AlertNode()
        alert.crit = condition
        alert.id = Deadman.id.replacing("NODE_NAME", with: graph.vertices[watched].name, maxReplacements: 1)
        alert.message = Deadman.message.replacing("INTERVAL", with: GoDuration.format(interval.nanosecondsValue), maxReplacements: 1)
        return graph.add(AlertNode.spec.erased, node: alert, parents: [derivativeIndex], wants: .stream, at: offset)
    }

    func unknownChainMethod(_ name: String, on vertex: PipelineGraph.Vertex, at offset: Int) -> PipelineError {
        let available = NodeCatalog.chainMethods(after: vertex)
        if vertex.node.propertyNames.contains(name) {
            return PipelineError(
                "no chaining method \"\(name)\" on \(vertex.kind) node, but property does exist. Use '.' operator instead: 'node.\(name)(..)'.",
                at: offset
            )
        }
        if available.isEmpty {
            return PipelineError("no chaining method \"\(name)\" on \(vertex.kind) node: nothing can follow it", at: offset)
        }
        let known = NodeCatalog.spec(name) != nil || NodeCatalog.universal.contains(name)
        let reason = known ? ": |\(name)() cannot follow \(vertex.kind)" : Suggestion.hint(for: name, in: available)
        return PipelineError("no method or property \"\(name)\" on \(vertex.kind) node\(reason)", at: offset)
    }

    func unknownProperty(_ name: String, on target: Value, vertex: Int, at offset: Int) -> PipelineError {
        let node = graph.vertices[vertex]
        var candidates = node.node.propertyNames + ["quiet"]
        var owner = "\(node.kind) node"
        if case .handler(_, let index) = target {
            candidates += node.node.subPropertyNames(index)
            owner = "\(node.kind) node's handler"
        }
        if NodeCatalog.canChain(name, after: node) {
            return PipelineError(
                "no property method \"\(name)\" on \(owner), but chaining method does exist. Use '|' operator instead: 'node|\(name)(..)'.",
                at: offset
            )
        }
        return PipelineError("no method or property \"\(name)\" on \(owner)\(Suggestion.hint(for: name, in: candidates))", at: offset)
    }
}

/// Kapacitor's default `[deadman]` alert id and message; `NODE_NAME` and `INTERVAL` are replaced.
enum Deadman {
    static let id = "{{ .Group }}:NODE_NAME for task '{{ .TaskName }}'"
    static let message = "{{ .ID }} is {{ if eq .Level \"OK\" }}alive{{ else }}dead{{ end }}: {{ index .Fields \"emitted\" | printf \"%0.3f\" }} points/INTERVAL."
}
