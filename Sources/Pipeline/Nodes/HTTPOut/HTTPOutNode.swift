/// Caches the latest data of each group for GET `/kapacitor/v1/tasks/{task}/{endpoint}`.
public struct HTTPOutNode: PipelineNode {
    public var endpoint: String

    public static let spec = NodeSpec<Self>(
        "httpOut", kind: "http_out", doc: "Serves the latest data over HTTP.", signature: "string",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(endpoint: try arguments.string(0))
        }
    )
}
