/// Writes the data it receives to InfluxDB.
public struct InfluxDBOutNode: PipelineNode {
    public var cluster = ""
    public var database = ""
    public var retentionPolicy = ""
    public var measurement = ""
    public var writeConsistency = ""
    public var precision = ""
    public var buffer: Int64 = 1000
    public var flushInterval: Duration = .seconds(10)
    public var tags: [String: String] = [:]
    public var create = false

    public static let spec = NodeSpec<Self>(
        "influxDBOut", kind: "influxdb_out", provides: .none, chainable: false, doc: "Writes data to InfluxDB.",
        make: { Self() },
        properties: [
            .string("cluster", \.cluster, doc: "The `[[influxdb]]` name to write to."),
            .string("database", \.database, doc: "The database."),
            .string("retentionPolicy", \.retentionPolicy, doc: "The retention policy."),
            .string("measurement", \.measurement, doc: "The measurement; the data's own by default."),
            .string("writeConsistency", \.writeConsistency, doc: "The write consistency (clustered InfluxDB)."),
            .string("precision", \.precision, doc: "The write precision."),
            .int("buffer", \.buffer, doc: "How many points are buffered before a write."),
            .duration("flushInterval", \.flushInterval, doc: "The longest time points stay buffered."),
            .pair("tag", \.tags, doc: "A static tag added to every point."),
            .flag("create", \.create, doc: "Creates the database and retention policy when missing."),
        ]
    )
}
