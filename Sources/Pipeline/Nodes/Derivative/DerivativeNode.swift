/// Computes the rate of change of a field between adjacent points.
public struct DerivativeNode: PipelineNode {
    public var field: String
    public var name: String
    public var unit: Duration = .seconds(1)
    public var nonNegative = false

    /// A derivative of `field`, named after it.
    public init(field: String) {
        self.field = field
        name = field
    }

    public static let spec = NodeSpec<Self>(
        "derivative", doc: "Computes the derivative of a field.", signature: "string",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(field: try arguments.string(0))
        },
        properties: [
            .string("as", \.name, doc: "The name of the result field."),
            .duration("unit", \.unit, doc: "The time unit of the rate."),
            .flag("nonNegative", \.nonNegative, doc: "Drops negative results."),
        ]
    )
}
