import Models

/// Posts each point or batch as `{"series":[row]}` JSON, then passes it on, with the response
/// status in `codeField` when asked. The task waits for the response before its next message, as
/// Kapacitor's node does, without blocking a thread.
final class HTTPPostRuntime: NodeRuntime {
    let node: HTTPPostNode
    let url: String
    let headers: [(String, String)]
    let poster: (any HTTPPoster)?

    init(_ node: HTTPPostNode, context: TaskContext) throws(PipelineError) {
        self.node = node
        var headers: [String: String] = [:]
        if let name = node.endpoints.first {
            guard let endpoint = context.endpoints[name] else { throw PipelineError("no [[httppost]] endpoint named \"\(name)\"") }
            url = endpoint.url
            headers = endpoint.headers
        } else {
            url = node.urls.first ?? ""
        }
        for (key, value) in node.headers { headers[key] = value }
        self.headers = [("Content-Type", "application/json")] + headers.sorted { $0.key < $1.key }
        poster = context.poster
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            post(Row(point), output: output) { code, output in
                var point = point
                if !self.node.codeField.isEmpty { point.fields[self.node.codeField] = .int(Int64(code)) }
                output.emit(.point(point))
            }
        case .batch(let batch):
            post(Row(batch), output: output) { code, output in
                var batch = batch
                if !self.node.codeField.isEmpty {
                    for index in batch.points.indices { batch.points[index].fields[self.node.codeField] = .int(Int64(code)) }
                }
                output.emit(.batch(batch))
            }
        case .barrier, .deleteGroup:
            output.emit(message)
        }
    }

    /// Posts `row` and calls `then` with the status (0 when the request failed).
    func post(_ row: Row, output: NodeOutput, then: @escaping (Int, NodeOutput) -> Void) {
        var json = ""
        Row.appendResult([row], to: &json)
        json += "\n"
        guard let poster else {
            output.report("failed to POST data: no HTTP client")
            then(0, output)
            return
        }
        let (url, headers, timeout, capture) = (url, headers, node.timeout, node.captureResponse)
        let body = Array(json.utf8)
        output.await({ () async -> Result<HTTPPostResponse, HTTPPostFailure> in
            do {
                return .success(try await poster.post(url: url, headers: headers, body: body, timeout: timeout))
            } catch {
                return .failure(HTTPPostFailure(message: "\(error)"))
            }
        }, then: { result, output in
            switch result {
            case .success(let response):
                if response.status / 100 != 2 {
                    let detail = capture ? response.body : "unknown error, use .captureResponse() to capture the HTTP response"
                    output.report("POST returned non 2xx status code \(response.status): \(detail)")
                }
                then(response.status, output)
            case .failure(let failure):
                output.report("failed to POST data: \(failure.message)")
                then(0, output)
            }
        })
    }
}

/// Why a POST failed.
struct HTTPPostFailure: Error, Sendable {
    let message: String
}

extension HTTPPostNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try HTTPPostRuntime(self, context: context)
    }
}
