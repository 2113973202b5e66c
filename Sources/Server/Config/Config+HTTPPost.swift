import Foundation
import Pipeline

extension Config {
    /// The `[[httppost]]` endpoints by their `endpoint` name, with their URL, headers, basic auth
    /// and row template (`row-template-file` is read here: an unreadable one stops the daemon, as
    /// Kapacitor's httppost service fails to open).
    var httpPostEndpoints: [String: HTTPPostEndpoint] {
        get throws {
            guard case .list(let sections)? = value("httppost") else { return [:] }
            var endpoints: [String: HTTPPostEndpoint] = [:]
            for case .table(let entries) in sections {
                func value(_ key: String, in entries: [(String, ConfigValue)]) -> String {
                    if case .string(let value)? = entries.first(where: { $0.0 == key })?.1 { return value }
                    return ""
                }
                func table(_ key: String) -> [(String, ConfigValue)] {
                    if case .table(let pairs)? = entries.first(where: { $0.0 == key })?.1 { return pairs }
                    return []
                }
                var headers: [String: String] = [:]
                for case let (name, .string(value)) in table("headers") { headers[name] = value }
                let name = value("endpoint", in: entries)
                guard !name.isEmpty else { continue }
                var rowTemplate = value("row-template", in: entries)
                let file = value("row-template-file", in: entries)
                if rowTemplate.isEmpty && !file.isEmpty {
                    guard let contents = FileManager.default.contents(atPath: file) else {
                        throw ConfigError("[[httppost]] endpoint \(name): cannot read row-template-file \"\(file)\"")
                    }
                    rowTemplate = String(decoding: contents, as: UTF8.self)
                }
                endpoints[name] = HTTPPostEndpoint(
                    url: value("url", in: entries), headers: headers, username: value("username", in: table("basic-auth")),
                    password: value("password", in: table("basic-auth")), rowTemplate: rowTemplate)
            }
            return endpoints
        }
    }
}
