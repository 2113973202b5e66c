/// Sets fields and tags that points are missing.
public struct DefaultNode: PipelineNode {
    public var fields: [String: ScriptValue] = [:]
    public var tags: [String: String] = [:]

    public static let spec = NodeSpec<Self>(
        "default", doc: "Fills in missing fields and tags.", make: { Self() },
        properties: [
            .valuePair("field", \.fields, doc: "The value a missing field gets: a float, int, string or bool."),
            .pair("tag", \.tags, doc: "The value a missing tag gets."),
        ]
    )
}
