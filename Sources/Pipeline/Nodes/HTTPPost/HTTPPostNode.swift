/// Posts each point or batch as JSON to a URL or a configured `[[httppost]]` endpoint.
public struct HTTPPostNode: PipelineNode {
    public var urls: [String]
    public var endpoints: [String] = []
    public var headers: [String: String] = [:]
    public var codeField = ""
    public var captureResponse = false
    public var timeout: Duration = .zero

    public static let spec = NodeSpec<Self>(
        "httpPost", kind: "http_post", doc: "Posts data as JSON over HTTP.", signature: "[string]",
        create: { arguments throws(PipelineError) in Self(urls: try arguments.strings()) },
        properties: [
            .appending("endpoint", \.endpoints, doc: "The `[[httppost]]` endpoint to post to."),
            .pair("header", \.headers, doc: "A header to send."),
            .string("codeField", \.codeField, doc: "Stores the response status code in this field."),
            .flag("captureResponse", \.captureResponse, doc: "Logs the response body of failed posts."),
            .duration("timeout", \.timeout, doc: "How long a post may take."),
        ]
    )

    public func validate() throws(PipelineError) {
        if urls.count >= 2 { throw PipelineError("httpPost expects 0 or 1 arguments, got \(urls.count)") }
        if endpoints.count > 1 { throw PipelineError("httpPost expects 0 or 1 endpoints, got \(endpoints.count)") }
        if urls.isEmpty && endpoints.isEmpty { throw PipelineError("must provide url or endpoint") }
        if !urls.isEmpty && !endpoints.isEmpty { throw PipelineError("only one endpoint and url may be specified") }
        if headers.keys.contains(where: { $0.uppercased() == "AUTHENTICATE" }) {
            throw PipelineError("cannot set 'authenticate' header")
        }
    }
}
