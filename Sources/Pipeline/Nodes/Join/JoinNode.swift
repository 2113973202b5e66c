/// Joins points or batches from several parents that share a time and group.
public struct JoinNode: PipelineNode {
    /// How many parents the node has (the chained one and the arguments).
    public var parentCount: Int
    public var names: [String] = []
    public var dimensions: [String] = []
    public var delimiter = "."
    public var deleteAll = false
    public var streamName = ""
    public var tolerance: Duration = .zero
    public var fill: ScriptValue?

    public static let spec = NodeSpec<Self>(
        "join", doc: "Joins data from several nodes.", signature: "node...",
        create: { arguments throws(PipelineError) in
            for index in 0..<arguments.count {
                guard case .node = arguments.values[index] else { throw arguments.mismatch(index, expected: "a node") }
            }
            return Self(parentCount: arguments.count + 1)
        },
        properties: [
            .strings("as", \.names, doc: "The field prefixes, one per parent."),
            .strings("on", \.dimensions, doc: "The tags to join on, when the parents are grouped differently."),
            .string("delimiter", \.delimiter, doc: "Separates the prefix from the field name."),
            .bool("deleteAll", \.deleteAll, doc: "Deletes groups from every parent when one parent deletes them."),
            .string("streamName", \.streamName, doc: "The measurement name of the joined data."),
            .duration("tolerance", \.tolerance, doc: "Points this close in time are joined."),
            .custom("fill", "string|number", doc: "Fills missing parents: null, none or a number.") { node, arguments throws(PipelineError) in
                try arguments.expect(1)
                switch arguments.values[0] {
                case .string(let keyword) where keyword == "null" || keyword == "none": node.fill = arguments.values[0]
                case .int, .float: node.fill = arguments.values[0]
                default: throw arguments.mismatch(0, expected: "null, none or a number")
                }
            },
        ]
    )

    public func validate() throws(PipelineError) {
        try PrefixNames.validate(names, count: parentCount, delimiter: delimiter, node: "join", of: "joined streams")
    }
}
