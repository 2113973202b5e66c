import APIModels
import Foundation
import HTTPAPI

extension Config {
    /// The sections Kapacitor's config API shows (those it lets the API override): each one's
    /// element key for repeated sections and the options it redacts.
    static let overridable: [(section: String, elementKey: String?, redacted: [String])] = [
        ("alerta", nil, ["token"]), ("azure", "id", ["client-secret"]), ("bigpanda", nil, ["token"]),
        ("consul", "id", ["token", "password"]), ("discord", "workspace", []), ("dns", "id", []),
        ("ec2", "id", ["secret-key"]), ("file-discovery", "id", []), ("gce", "id", []),
        ("hipchat", nil, ["token"]), ("httppost", "endpoint", ["basic-auth"]),
        ("influxdb", "name", ["password", "token"]), ("kafka", "id", []), ("kubernetes", "id", ["token"]),
        ("marathon", "id", ["bearer-token"]), ("mqtt", "name", ["password"]), ("nerve", "id", []),
        ("opsgenie", nil, ["api-key"]), ("opsgenie2", nil, ["api-key"]), ("pagerduty", nil, ["service-key"]),
        ("pagerduty2", nil, ["routing-key"]), ("pushover", nil, ["token", "user-key"]),
        ("scraper", "name", ["password", "bearer-token"]), ("sensu", nil, []), ("serverset", "id", []),
        ("servicenow", nil, ["password"]), ("slack", "workspace", ["url", "token"]), ("smtp", nil, ["password"]),
        ("snmptrap", nil, ["community"]), ("static-discovery", "id", []), ("swarm", "id", []),
        ("talk", nil, ["url"]), ("teams", nil, []), ("telegram", nil, ["token"]), ("triton", "id", []),
        ("victorops", nil, ["api-key"]), ("zenoss", nil, ["password"]),
    ]

    /// GET `/kapacitor/v1/config` of this configuration: the overridable sections with each
    /// redacted option replaced by whether it is set, as Kapacitor's redaction does.
    public var configView: ConfigView {
        let sections = sectionsJSON
        return ConfigView(sections: Self.overridable.map { entry in
            let value = sections[entry.section].flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
            let objects: [[String: JSONValue]]
            switch value {
            case .array(let items)?: objects = items.compactMap { if case .object(let o) = $0 { o } else { nil } }
            case .object(let object)?: objects = [object]
            default: objects = []
            }
            let elements = objects.map { object -> ConfigView.Element in
                var options = object
                for key in entry.redacted {
                    options[key] = .bool(Self.isSet(object[key]))
                }
                let id = entry.elementKey.flatMap { key -> String? in
                    if case .string(let id)? = object[key] { return id }
                    return nil
                } ?? ""
                return ConfigView.Element(id: id, options: options, redacted: entry.redacted)
            }
            return ConfigView.Section(name: entry.section, elements: elements)
        })
    }

    /// Go's "not the zero value" for a redacted option.
    static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .string(let text)?: !text.isEmpty
        case .bool(let flag)?: flag
        case .int(let number)?: number != 0
        case .double(let number)?: number != 0
        case .array(let items)?: !items.isEmpty
        case .object(let entries)?: !entries.isEmpty
        }
    }
}
