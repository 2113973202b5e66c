/// Logs the data passing through it.
public struct LogNode: PipelineNode {
    public var level = "INFO"
    public var prefix = ""

    public static let spec = NodeSpec<Self>(
        "log", doc: "Logs every point or batch.", make: { Self() },
        properties: [
            .string("level", \.level, doc: "The log level: DEBUG, INFO, WARN or ERROR."),
            .string("prefix", \.prefix, doc: "A prefix for each log line."),
        ]
    )

    public func validate() throws(PipelineError) {
        if !["DEBUG", "INFO", "WARN", "ERROR"].contains(level.uppercased()) {
            throw PipelineError("invalid log level \(level)")
        }
    }
}
