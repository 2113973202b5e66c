import TICKscript

/// The nodes of a task's pipeline and the edges between them, built from its TICKscript by
/// evaluating variables, chains (`|node()`, `@udf()`) and properties (`.property()`) against the
/// node catalogue.
public struct PipelineGraph: Sendable {
    /// One node: its declaration as evaluated, its edges and its name as Kapacitor shows it.
    public struct Vertex: Sendable {
        /// The node's number in Kapacitor's naming (the first source is 0).
        public let id: Int
        /// The node's kind as it appears in DOT and stats (`window`, `influxdb_out`).
        public let kind: String
        /// The chaining method that made it (`groupBy`), or the UDF's name.
        public let method: String
        /// The node with its properties set.
        public internal(set) var node: any PipelineNode
        /// What the node receives from its parents.
        public let wants: EdgeType
        /// What the node sends its children.
        public let provides: EdgeType
        /// Whether the chaining methods of the catalogue may follow it.
        let chainable: Bool
        /// Where the chaining call that created it starts in the script.
        public let offset: Int
        /// Whether `.quiet()` suppresses the node's error logs.
        public internal(set) var quiet = false
        /// The IDs of the nodes it feeds, in the order they were attached.
        public internal(set) var children: [Int] = []
        /// The nodes feeding it, in order.
        public internal(set) var parents: [Int] = []

        /// `kind` followed by `id`, as DOT and node stats name it (`window2`).
        public var name: String { kind + String(id) }
    }

    /// Every node in creation order.
    public internal(set) var vertices: [Vertex] = []
    /// The sources (`stream`, `batch`, a deadman's `stats`), in the order they were added.
    public private(set) var sources: [Int] = []
    /// Kapacitor numbers nodes with one counter bumped per source and per parent link, so a join
    /// of two parents skips a number.
    private var nextID = 0

    /// Builds the graph of `program`; every independent problem is reported, each with its offset.
    /// Template vars declared without a value get their type's zero value when `allowMissingVars`.
    public static func build(_ program: Program, allowMissingVars: Bool = false) throws(PipelineErrors) -> PipelineGraph {
        var builder = GraphBuilder(allowMissingVars: allowMissingVars)
        builder.run(program)
        if !builder.errors.isEmpty { throw PipelineErrors(errors: builder.errors) }
        return builder.graph
    }

    /// The graph as Graphviz text, as Kapacitor renders a task that is not running: one edge per
    /// line in topological order (the reverse of a depth-first post-order from the sources, last
    /// source first); a `batch` source draws no edge.
    public func dot(name: String) -> String {
        var output = "digraph \(name) {\n"
        for index in topologicalOrder() where vertices[index].kind != "batch" {
            let vertex = vertices[index]
            for child in vertex.children { output += "\(vertex.name) -> \(vertices[child].name);\n" }
        }
        return output + "}"
    }

    /// Node indexes parents-first, in the order Kapacitor walks them.
    public func topologicalOrder() -> [Int] {
        var visited = Set<Int>()
        var postOrder: [Int] = []
        func visit(_ index: Int) {
            guard visited.insert(index).inserted else { return }
            for child in vertices[index].children { visit(child) }
            postOrder.append(index)
        }
        for source in sources.reversed() { visit(source) }
        return postOrder.reversed()
    }

    /// Adds a node fed by `parents` (a source when there are none) and returns its index.
    mutating func add(_ spec: AnyNodeSpec, node: any PipelineNode, parents: [Int], wants: EdgeType, at offset: Int) -> Int {
        add(method: spec.method, kind: spec.kind, node: node, parents: parents, wants: wants, provides: spec.provides.resolve(wants),
            chainable: spec.chainable, at: offset)
    }

    /// Adds a node of `kind` fed by `parents` and returns its index.
    mutating func add(
        method: String, kind: String, node: any PipelineNode, parents: [Int], wants: EdgeType, provides: EdgeType, chainable: Bool,
        at offset: Int
    ) -> Int {
        let index = vertices.count
        if parents.isEmpty {
            sources.append(index)
            nextID += 1
        } else {
            nextID += parents.count
        }
        vertices.append(Vertex(
            id: nextID - 1, kind: kind, method: method, node: node, wants: wants, provides: provides, chainable: chainable,
            offset: offset, parents: parents
        ))
        for parent in parents { vertices[parent].children.append(index) }
        return index
    }
}

/// Every problem found while building a pipeline, in script order.
public struct PipelineErrors: Error, Sendable, Equatable {
    /// The problems.
    public var errors: [PipelineError]

    /// The messages with Kapacitor's `line L char C: ` prefix, one per line.
    public func located(in source: SourceText) -> String {
        errors.map { $0.located(in: source) }.joined(separator: "\n")
    }
}
