/// Runs an InfluxQL query on a schedule and emits its result as batches.
public struct QueryNode: PipelineNode {
    /// The fill option of a query: a keyword (`null`, `none`, `previous`, `linear`) or a number.
    public enum Fill: Sendable, Equatable {
        case keyword(String)
        case int(Int64)
        case float(Double)
    }

    public var query = ""
    public var period: Duration = .zero
    public var every: Duration = .zero
    public var align = false
    public var cron = ""
    public var offset: Duration = .zero
    public var alignGroup = false
    public var dimensions: [Dimension] = []
    public var groupByMeasurement = false
    public var fill: Fill?
    public var cluster = ""

    public static let spec = NodeSpec<Self>(
        "query", wants: .batch, provides: .batch, follows: ["batch"],
        doc: "Queries InfluxDB on a schedule.", signature: "string",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            var node = Self()
            node.query = try arguments.string(0)
            return node
        },
        properties: [
            .duration("period", \.period, doc: "The time range each query covers."),
            .duration("every", \.every, doc: "How often the query runs."),
            .flag("align", \.align, doc: "Aligns query times to `every`."),
            .string("cron", \.cron, doc: "Runs the query on this cron schedule instead of `every`."),
            .duration("offset", \.offset, doc: "Moves the queried time range back by this much."),
            .flag("alignGroup", \.alignGroup, doc: "Aligns the `time()` groups to the query time range."),
            .custom("groupBy", "string|*|time()...", doc: "The query's GROUP BY: tags, `*` and `time(...)`.") { node, arguments throws(PipelineError) in
                node.dimensions = try Dimension.read(arguments, allowTime: true)
            },
            .flag("groupByMeasurement", \.groupByMeasurement, doc: "Adds the measurement to the group."),
            .custom("fill", "string|number", doc: "The query's fill: null, none, previous, linear or a number.") { node, arguments throws(PipelineError) in
                try arguments.expect(1)
                switch arguments.values[0] {
                case .string(let keyword) where ["null", "none", "previous", "linear"].contains(keyword): node.fill = .keyword(keyword)
                case .int(let value): node.fill = .int(value)
                case .float(let value): node.fill = .float(value)
                default: throw arguments.mismatch(0, expected: "null, none, previous, linear or a number")
                }
            },
            .string("cluster", \.cluster, doc: "The InfluxDB cluster (an `[[influxdb]]` name) to query."),
        ]
    )
}
