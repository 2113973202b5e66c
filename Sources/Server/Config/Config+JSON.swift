import Foundation

extension Config {
    /// Every top-level section as a JSON object (repeated sections as arrays), for the handlers'
    /// options types to decode.
    var sectionsJSON: [String: Data] {
        var sections: [String: Data] = [:]
        for (name, value) in root {
            switch value {
            case .table, .list:
                sections[name] = try? JSONSerialization.data(withJSONObject: Self.json(value), options: [.sortedKeys])
            default:
                continue
            }
        }
        return sections
    }

    static func json(_ value: ConfigValue) -> Any {
        switch value {
        case .string(let v): v
        case .int(let v): v
        case .float(let v): v
        case .bool(let v): v
        case .list(let items): items.map(json)
        case .table(let entries): Dictionary(entries.map { ($0.0, json($0.1)) }) { first, _ in first }
        }
    }
}
