/// Merges the data of several parents into one edge.
public struct UnionNode: PipelineNode {
    /// How many parents the node has (the chained one and the arguments).
    public var parentCount: Int
    public var rename = ""

    public static let spec = NodeSpec<Self>(
        "union", doc: "Merges data from several nodes.", signature: "node...",
        create: { arguments throws(PipelineError) in
            for index in 0..<arguments.count {
                guard case .node = arguments.values[index] else { throw arguments.mismatch(index, expected: "a node") }
            }
            return Self(parentCount: arguments.count + 1)
        },
        properties: [.string("rename", \.rename, doc: "The measurement name of the merged data.")]
    )
}
