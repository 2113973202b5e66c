/// Removes fields and tags from points.
public struct DeleteNode: PipelineNode {
    public var fields: [String] = []
    public var tags: [String] = []

    public static let spec = NodeSpec<Self>(
        "delete", doc: "Deletes fields and tags.", make: { Self() },
        properties: [
            .appending("field", \.fields, doc: "A field to delete."),
            .appending("tag", \.tags, doc: "A tag to delete."),
        ]
    )
}
