import Foundation
import Pipeline

/// The handler services configured with `global = true`: as in Kapacitor, every alert node that has
/// no handler of such a kind gets one with the service's defaults, and a global service with
/// `state-changes-only = true` makes every alert node send state changes only.
struct GlobalHandlers: Sendable {
    /// The config sections that may be global, with the handler kind each adds and whether the
    /// section's `state-changes-only` applies (Kapacitor's alert.go reads it for these only).
    static let services: [(section: String, kind: String, stateChangesOnly: Bool)] = [
        ("smtp", "smtp", true), ("victorops", "victorops", false), ("pagerduty", "pagerduty", false),
        ("pagerduty2", "pagerduty2", false), ("slack", "slack", true), ("telegram", "telegram", true),
        ("opsgenie", "opsgenie", false), ("opsgenie2", "opsgenie2", false), ("teams", "teams", true),
        ("discord", "discord", true), ("servicenow", "servicenow", true), ("bigpanda", "bigpanda", true),
        ("zenoss", "zenoss", true),
    ]

    /// The kinds to add to every alert node.
    let kinds: [String]
    /// Whether every alert node sends state changes only.
    let stateChangesOnly: Bool

    /// Reads `global` and `state-changes-only` of each service's enabled default section.
    init(sections: [String: Data]) {
        var kinds: [String] = []
        var stateChangesOnly = false
        for service in Self.services {
            guard let section = sections[service.section].flatMap(Self.defaultSection),
                  section["enabled"] as? Bool == true, section["global"] as? Bool == true
            else { continue }
            kinds.append(service.kind)
            if service.stateChangesOnly && section["state-changes-only"] as? Bool == true { stateChangesOnly = true }
        }
        self.kinds = kinds
        self.stateChangesOnly = stateChangesOnly
    }

    /// A section's object, or for a repeated one (`[[slack]]`) the element marked `default`, or
    /// the only one.
    static func defaultSection(_ data: Data) -> [String: Any]? {
        let value = try? JSONSerialization.jsonObject(with: data)
        if let object = value as? [String: Any] { return object }
        guard let elements = value as? [[String: Any]] else { return nil }
        return elements.first { $0["default"] as? Bool == true } ?? (elements.count == 1 ? elements[0] : nil)
    }

    /// `graph` with the global handlers added to its alert nodes.
    func apply(to graph: PipelineGraph) -> PipelineGraph {
        guard !kinds.isEmpty || stateChangesOnly else { return graph }
        return graph.addingGlobalHandlers(kinds, stateChangesOnly: stateChangesOnly)
    }
}
