import TICKscript

/// Counts the consecutive points for which a condition held, per group.
public struct StateCountNode: PipelineNode {
    public var condition: Node
    public var name = "state_count"

    public static let spec = NodeSpec<Self>(
        "stateCount", kind: "state_count", doc: "Counts how many points in a row a condition has been true.",
        signature: "lambda",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(condition: try arguments.lambda(0))
        },
        properties: [.string("as", \.name, doc: "The name of the result field.")]
    )
}
