import TICKscript

/// The nodes of a task's pipeline and the edges between them, built from its TICKscript by
/// following variables and chains (`|node()` and `@udf()` add nodes, `.property()` does not).
public struct PipelineGraph: Sendable, Equatable {
    /// One node: its name as Kapacitor shows it (`window`, `http_out`, ...) and where it sends data.
    public struct Vertex: Sendable, Equatable {
        /// The node's number in Kapacitor's naming (the first source is 0).
        public let id: Int
        /// The node's kind as it appears in DOT and stats (`window`, `influxdb_out`).
        public let kind: String
        /// The IDs of the nodes it feeds, in the order they were attached.
        public internal(set) var children: [Int]

        /// `kind` followed by `id`, as DOT and node stats name it (`window2`).
        public var name: String { kind + String(id) }
    }

    /// Every node in creation order.
    public private(set) var vertices: [Vertex] = []
    /// The sources (`stream`, `batch`, a deadman's `stats`), in the order they were added.
    public private(set) var sources: [Int] = []
    /// Kapacitor numbers nodes with one counter bumped per source and per parent link, so a join
    /// of two parents skips a number.
    private var nextID = 0

    /// Builds the graph of `program`, whose source is `stream` or `batch`.
    public static func build(_ program: Program) throws(PipelineError) -> PipelineGraph {
        var builder = GraphBuilder()
        for statement in program.statements { _ = try builder.evaluate(statement) }
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
    func topologicalOrder() -> [Int] {
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
    mutating func add(kind: String, parents: [Int]) -> Int {
        let index = vertices.count
        if parents.isEmpty {
            sources.append(index)
            nextID += 1
        } else {
            nextID += parents.count
        }
        vertices.append(Vertex(id: nextID - 1, kind: kind, children: []))
        for parent in parents { vertices[parent].children.append(index) }
        return index
    }
}

/// Why a pipeline cannot be built from a script.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Walks the statements, keeping what each variable holds.
struct GraphBuilder {
    enum Value {
        case node(Int)
        case other
    }

    var graph = PipelineGraph()
    var variables: [String: Value] = [:]
    var sources: [String: Int] = [:]

    mutating func evaluate(_ node: Node) throws(PipelineError) -> Value {
        switch node.kind {
        case let .declaration(name, value):
            variables[name] = try evaluate(value)
            return .other
        case .identifier(let name) where name == "stream" || name == "batch":
            return .node(source(name))
        case .identifier(let name):
            return variables[name] ?? .other
        case .function(let function) where function.name == "stream" || function.name == "batch":
            return .node(source(function.name))
        case let .chain(left, op, right):
            guard case .node(let parent) = try evaluate(left) else {
                throw PipelineError("cannot chain \(op.name)\(Self.name(of: right)) onto a value that is not a node")
            }
            guard op != .dot, case .function(let function) = right.kind else { return .node(parent) }
            var parents = [parent]
            for argument in function.arguments {
                if case .node(let other) = try evaluate(argument) { parents.append(other) }
            }
            if op == .pipe && function.name == "deadman" { return .node(deadman(watching: parent)) }
            let kind = op == .at ? function.name : NodeKinds.kind(of: function.name)
            return .node(graph.add(kind: kind, parents: parents))
        default:
            return .other
        }
    }

    /// `|deadman()`: a `stats` source counting what the watched node emits, a `noop` child that
    /// keeps a leaf node running, then `derivative` and the returned `alert`.
    mutating func deadman(watching watched: Int) -> Int {
        let stats = graph.add(kind: "stats", parents: [])
        if graph.vertices[watched].children.isEmpty { _ = graph.add(kind: "noop", parents: [watched]) }
        let derivative = graph.add(kind: "derivative", parents: [stats])
        return graph.add(kind: "alert", parents: [derivative])
    }

    mutating func source(_ name: String) -> Int {
        if let id = sources[name] { return id }
        let id = graph.add(kind: name, parents: [])
        sources[name] = id
        return id
    }

    static func name(of node: Node) -> String {
        switch node.kind {
        case .function(let function): function.name + "()"
        case .identifier(let name): name
        default: "?"
        }
    }
}
