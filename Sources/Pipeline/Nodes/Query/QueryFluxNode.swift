/// Runs a Flux query on a schedule and emits its result as batches.
public struct QueryFluxNode: PipelineNode {
    public var query = ""
    public var period: Duration = .zero
    public var every: Duration = .zero
    public var align = false
    public var cron = ""
    public var offset: Duration = .zero
    public var cluster = ""
    public var org = ""
    public var orgID = ""

    public static let spec = NodeSpec<Self>(
        "queryFlux", wants: .batch, provides: .batch, follows: ["batch"],
        doc: "Queries InfluxDB with Flux on a schedule.", signature: "string",
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
            .string("cluster", \.cluster, doc: "The InfluxDB cluster to query."),
            .string("org", \.org, doc: "The organization name."),
            .string("orgID", \.orgID, doc: "The organization ID."),
        ]
    )
}
