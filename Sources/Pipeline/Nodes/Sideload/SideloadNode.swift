/// Adds fields and tags to points from files chosen by the points' tags.
public struct SideloadNode: PipelineNode {
    public var source = ""
    public var order: [String] = []
    public var fields: [String: ScriptValue] = [:]
    public var tags: [String: String] = [:]

    public static let spec = NodeSpec<Self>(
        "sideload", doc: "Loads fields and tags from external files.", make: { Self() },
        properties: [
            .string("source", \.source, doc: "Where the files are: a `file://` URL."),
            .strings("order", \.order, doc: "The file paths to look in, most specific first; templated by tags."),
            .valuePair("field", \.fields, doc: "A field to load, with its default value."),
            .pair("tag", \.tags, doc: "A tag to load, with its default value."),
        ]
    )
}
