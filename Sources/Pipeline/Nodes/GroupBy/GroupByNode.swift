/// Regroups points by tags.
public struct GroupByNode: PipelineNode {
    public var dimensions: [Dimension]
    public var excluded: [String] = []
    public var byMeasurement = false

    public static let spec = NodeSpec<Self>(
        "groupBy", kind: "groupby", doc: "Groups points by tags.", signature: "string|*...",
        create: { arguments throws(PipelineError) in Self(dimensions: try Dimension.read(arguments)) },
        properties: [
            .strings("exclude", \.excluded, doc: "With `*`, the tags not to group by."),
            .flag("byMeasurement", \.byMeasurement, doc: "Adds the measurement to the group."),
        ]
    )

    public func validate() throws(PipelineError) { try Dimension.validate(dimensions, excluded: excluded) }
}
