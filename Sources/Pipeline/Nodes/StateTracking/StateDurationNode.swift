import TICKscript

/// Measures how long a condition has held, per group.
public struct StateDurationNode: PipelineNode {
    public var condition: Node
    public var name = "state_duration"
    public var unit: Duration = .seconds(1)

    public static let spec = NodeSpec<Self>(
        "stateDuration", kind: "state_duration", doc: "Computes how long a condition has been true.",
        signature: "lambda",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(condition: try arguments.lambda(0))
        },
        properties: [
            .string("as", \.name, doc: "The name of the result field."),
            .duration("unit", \.unit, doc: "The time unit of the result."),
        ]
    )
}
