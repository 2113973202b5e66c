extension PipelineGraph {
    /// The `query` and `queryFlux` nodes in Kapacitor's walk order (the pipeline's topological sort,
    /// where a later sibling comes first): batch data file N and query schedule N feed query N.
    public var queryVertices: [Int] {
        topologicalOrder().filter { vertices[$0].method == "query" || vertices[$0].method == "queryFlux" }
    }
}
