/// Every node type TICKscript can create, as one explicit list.
public enum NodeCatalog {
    /// The specs of the chaining methods, in documentation order.
    public static let builtIn: [AnyNodeSpec] = [
        StreamNode.spec.erased, BatchNode.spec.erased, FromNode.spec.erased, QueryNode.spec.erased,
        QueryFluxNode.spec.erased, WhereNode.spec.erased, EvalNode.spec.erased, WindowNode.spec.erased,
        GroupByNode.spec.erased, AlertNode.spec.erased, BarrierNode.spec.erased, ChangeDetectNode.spec.erased,
        CombineNode.spec.erased, DefaultNode.spec.erased, DeleteNode.spec.erased, DerivativeNode.spec.erased,
        FlattenNode.spec.erased, HTTPOutNode.spec.erased, HTTPPostNode.spec.erased, InfluxDBOutNode.spec.erased,
        JoinNode.spec.erased, UnionNode.spec.erased, KapacitorLoopbackNode.spec.erased, LogNode.spec.erased,
        SampleNode.spec.erased, ShiftNode.spec.erased, SideloadNode.spec.erased, StateDurationNode.spec.erased,
        StateCountNode.spec.erased, StatsNode.spec.erased, TrickleNode.spec.erased, K8sAutoscaleNode.spec.erased,
        SwarmAutoscaleNode.spec.erased, EC2AutoscaleNode.spec.erased,
    ] + InfluxQLNode.specs

    /// Chaining methods every node has, chainable or not: they watch the node rather than
    /// consume its data.
    static let universal = ["stats", "deadman"]

    private static let byMethod: [String: AnyNodeSpec] = Dictionary(builtIn.map { ($0.method, $0) }) { first, _ in first }

    /// The spec of chaining method `method`.
    public static func spec(_ method: String) -> AnyNodeSpec? { byMethod[method] }

    /// Whether chaining method `method` may follow `vertex`.
    static func canChain(_ method: String, after vertex: PipelineGraph.Vertex) -> Bool {
        if universal.contains(method) { return true }
        guard let spec = byMethod[method] else { return false }
        return allows(spec, after: vertex)
    }

    /// The chaining methods that may follow `vertex`.
    static func chainMethods(after vertex: PipelineGraph.Vertex) -> [String] {
        universal + builtIn.filter { allows($0, after: vertex) }.map(\.method)
    }

    private static func allows(_ spec: AnyNodeSpec, after vertex: PipelineGraph.Vertex) -> Bool {
        if let follows = spec.follows { return follows.contains(vertex.method) }
        return vertex.chainable
    }
}
