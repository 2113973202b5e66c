/// Flattens points of the same time and different tag values into one point.
public struct FlattenNode: PipelineNode {
    public var dimensions: [String] = []
    public var delimiter = "."
    public var tolerance: Duration = .zero
    public var dropOriginalFieldName = false

    public static let spec = NodeSpec<Self>(
        "flatten", doc: "Flattens points on the given tags into one point.", make: { Self() },
        properties: [
            .strings("on", \.dimensions, doc: "The tags whose values prefix the flattened fields."),
            .string("delimiter", \.delimiter, doc: "Separates the tag values from the field name."),
            .duration("tolerance", \.tolerance, doc: "Points this close in time are flattened together."),
            .custom("dropOriginalFieldName", "[bool]", doc: "Leaves the original field name out of the result.") { node, arguments throws(PipelineError) in
                try arguments.expect(0...1)
                node.dropOriginalFieldName = arguments.count == 0 ? true : try arguments.bool(0)
            },
        ]
    )
}
