import Pipeline

extension Config {
    /// The `[[httppost]]` endpoints by their `endpoint` name, with their URL and headers.
    var httpPostEndpoints: [String: HTTPPostEndpoint] {
        guard case .list(let sections)? = value("httppost") else { return [:] }
        var endpoints: [String: HTTPPostEndpoint] = [:]
        for case .table(let entries) in sections {
            func string(_ key: String) -> String {
                if case .string(let value)? = entries.first(where: { $0.0 == key })?.1 { return value }
                return ""
            }
            var headers: [String: String] = [:]
            if case .table(let pairs)? = entries.first(where: { $0.0 == "headers" })?.1 {
                for case let (name, .string(value)) in pairs { headers[name] = value }
            }
            let name = string("endpoint")
            guard !name.isEmpty else { continue }
            endpoints[name] = HTTPPostEndpoint(url: string("url"), headers: headers)
        }
        return endpoints
    }
}
