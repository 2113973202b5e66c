import Foundation
import Models

extension AlertHandlerCall {
    /// The options as the JSON object a handler kind decodes (durations as Go duration strings).
    public var optionsJSON: Data {
        (try? JSONSerialization.data(withJSONObject: Self.json(.map(options)), options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    static func json(_ value: ScriptValue) -> Any {
        switch value {
        case .int(let v): v
        case .float(let v): v
        case .string(let v), .regex(let v), .reference(let v): v
        case .bool(let v): v
        case .duration(let v): GoDuration.format(v.nanosecondsValue)
        case .list(let items): items.map(json)
        case .map(let entries): entries.mapValues(json)
        case .lambda, .star, .node, .timeDimension: NSNull()
        }
    }
}

extension PipelineGraph {
    /// Every alert handler the script declares: the alert node's name, the handler's index on it,
    /// and the call.
    public var alertHandlers: [(node: String, index: Int, call: AlertHandlerCall)] {
        vertices.flatMap { vertex -> [(node: String, index: Int, call: AlertHandlerCall)] in
            guard let alert = vertex.node as? AlertNode else { return [] }
            return alert.handlers.enumerated().map { (vertex.name, $0.offset, $0.element) }
        }
    }
}
