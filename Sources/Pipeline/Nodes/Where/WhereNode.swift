import TICKscript

/// Keeps only the points for which a lambda is true.
public struct WhereNode: PipelineNode {
    public var condition: Node

    public static let spec = NodeSpec<Self>(
        "where", doc: "Keeps the points for which the expression is true.", signature: "lambda",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(condition: try arguments.lambda(0))
        }
    )
}
