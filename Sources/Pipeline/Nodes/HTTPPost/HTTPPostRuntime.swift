import Alerting
import GoTemplate
import Models

/// Posts each point or batch as `{"series":[row]}` JSON — or as its endpoint's row template
/// renders it — then passes it on, with the response status in `codeField` when asked. The task
/// waits for the response before its next message, as Kapacitor's node does, without blocking a
/// thread.
final class HTTPPostRuntime: NodeRuntime {
    let node: HTTPPostNode
    let url: String
    /// The URL's template when it has actions; executed with each row.
    let urlTemplate: Template?
    /// The endpoint's row template, which renders the body instead of JSON.
    let rowTemplate: Template?
    let headers: [(String, String)]
    let poster: (any HTTPPoster)?

    init(_ node: HTTPPostNode, context: TaskContext) throws(PipelineError) {
        self.node = node
        var headers: [String: String] = [:]
        var authorization: String?
        var rowTemplate: Template?
        if let name = node.endpoints.first {
            guard let endpoint = context.endpoints[name] else { throw PipelineError("no [[httppost]] endpoint named \"\(name)\"") }
            url = endpoint.url
            headers = endpoint.headers
            authorization = endpoint.basicAuthorization
            if !endpoint.rowTemplate.isEmpty {
                rowTemplate = try Self.template(endpoint.rowTemplate, name: "row")
            }
        } else {
            url = node.urls.first ?? ""
        }
        urlTemplate = url.contains("{{") ? try Self.template(url, name: "url") : nil
        self.rowTemplate = rowTemplate
        // Kapacitor's order: basic auth, the endpoint's headers, the JSON content type, the node's headers.
        if let authorization { headers["Authorization"] = authorization }
        if rowTemplate == nil { headers["Content-Type"] = "application/json" }
        for (key, value) in node.headers { headers[key] = value }
        self.headers = headers.sorted { $0.key < $1.key }
        poster = context.poster
    }

    private static func template(_ text: String, name: String) throws(PipelineError) -> Template {
        do {
            return try Template(parsing: text, name: name)
        } catch {
            throw PipelineError("failed to parse \(name) template: \(error.message)")
        }
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
        guard let poster else {
            output.report("failed to POST data: no HTTP client")
            then(0, output)
            return
        }
        let mapped = urlTemplate != nil || rowTemplate != nil ? Self.mappedRow(row) : .null
        var target = url
        var payload: [UInt8]
        do throws(TemplateError) {
            if let urlTemplate { target = try urlTemplate.render(mapped) }
            if let rowTemplate {
                payload = Array(try rowTemplate.render(mapped).utf8)
            } else {
                var json = ""
                Row.appendResult([row], to: &json)
                json += "\n"
                payload = Array(json.utf8)
            }
        } catch {
            output.report("failed to POST data: failed to execute template: \(error.message)")
            then(0, output)
            return
        }
        let (url, body, headers, timeout, capture) = (target, payload, headers, node.timeout, node.captureResponse)
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

    /// The row as Kapacitor's templates see it: its `mappedRow` struct (Name, Tags, and Values as
    /// one column-to-value map per row).
    static func mappedRow(_ row: Row) -> TemplateValue {
        let values: [TemplateValue] = row.values.map { cells in
            var entries: [String: TemplateValue] = [:]
            for (column, cell) in zip(row.columns, cells) {
                switch cell {
                case .time(let time): entries[column] = .time(nanoseconds: time)
                case .field(let value): entries[column] = value.templateValue
                case .tag(let value): entries[column] = .string(value)
                case .null: entries[column] = .null
                }
            }
            return .map(TemplateMap(entries))
        }
        return .object(TemplateObject(typeName: "kapacitor.mappedRow", fields: [
            "Name": .string(row.name), "Tags": row.tags.templateValue, "Values": .list(values),
        ]))
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
