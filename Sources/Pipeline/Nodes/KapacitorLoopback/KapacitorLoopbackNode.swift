/// Writes the data it receives back into this server's own stream.
public struct KapacitorLoopbackNode: PipelineNode {
    public var database = ""
    public var retentionPolicy = ""
    public var measurement = ""
    public var tags: [String: String] = [:]

    public static let spec = NodeSpec<Self>(
        "kapacitorLoopback", kind: "kapacitor_loopback", provides: .none, chainable: false,
        doc: "Writes data back into the server's stream.", make: { Self() },
        properties: [
            .string("database", \.database, doc: "The database the points are written to."),
            .string("retentionPolicy", \.retentionPolicy, doc: "The retention policy the points are written to."),
            .string("measurement", \.measurement, doc: "The measurement; the data's own by default."),
            .pair("tag", \.tags, doc: "A static tag added to every point."),
        ]
    )

    public func validate() throws(PipelineError) {
        if database.isEmpty { throw PipelineError("must specify a database") }
        if retentionPolicy.isEmpty { throw PipelineError("must specify a retention policy") }
    }
}
