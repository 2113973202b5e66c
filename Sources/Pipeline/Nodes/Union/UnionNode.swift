/// Merges the data of several parents into one edge.
public struct UnionNode: PipelineNode {
    public var rename = ""

    public static let spec = NodeSpec<Self>(
        "union", doc: "Merges data from several nodes.", signature: "node...",
        create: { arguments throws(PipelineError) in
            for index in 0..<arguments.count {
                guard case .node = arguments.values[index] else { throw arguments.mismatch(index, expected: "a node") }
            }
            return Self()
        },
        properties: [.string("rename", \.rename, doc: "The measurement name of the merged data.")]
    )
}
