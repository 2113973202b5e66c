import TICKscript

/// Selects the points of a stream by database, retention policy, measurement and condition, and
/// groups them.
public struct FromNode: PipelineNode {
    public var database = ""
    public var retentionPolicy = ""
    public var measurement = ""
    public var condition: Node?
    public var dimensions: [Dimension] = []
    public var groupByMeasurement = false
    public var truncate: Duration = .zero
    public var round: Duration = .zero

    public static let spec = NodeSpec<Self>(
        "from", wants: .stream, provides: .stream, follows: ["stream", "from"],
        doc: "Selects points from the stream.", make: { Self() },
        properties: [
            .string("database", \.database, doc: "Only points written to this database."),
            .string("retentionPolicy", \.retentionPolicy, doc: "Only points written to this retention policy."),
            .string("measurement", \.measurement, doc: "Only points of this measurement."),
            .custom("where", "lambda", doc: "Only points for which the expression is true; several are combined with AND.") {
                node, arguments throws(PipelineError) in
                try arguments.expect(1)
                let expression = try arguments.lambda(0)
                node.condition = node.condition.map {
                    Node(.binary(Binary(left: $0, op: .and, right: expression, parenthesized: true)), at: $0.offset)
                } ?? expression
            },
            .custom("groupBy", "string|*...", doc: "Groups the points by these tags, or all with `*`.") { node, arguments throws(PipelineError) in
                node.dimensions = try Dimension.read(arguments)
            },
            .flag("groupByMeasurement", \.groupByMeasurement, doc: "Adds the measurement to the group."),
            .duration("truncate", \.truncate, doc: "Truncates point times to this precision."),
            .duration("round", \.round, doc: "Rounds point times to this precision."),
        ]
    )

    public func validate() throws(PipelineError) { try Dimension.validate(dimensions) }
}
