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

    /// The graph with a handler of each of `kinds` added to every alert node that has none of that
    /// kind, and every alert node sending state changes only when `stateChangesOnly`: Kapacitor's
    /// services configured with `global = true`.
    public func addingGlobalHandlers(_ kinds: [String], stateChangesOnly: Bool) -> PipelineGraph {
        var graph = self
        for index in graph.vertices.indices {
            guard var alert = graph.vertices[index].node as? AlertNode else { continue }
            for kind in kinds where !alert.handlers.contains(where: { $0.kind == kind }) {
                alert.handlers.append(AlertHandlerCall(kind: kind))
            }
            if stateChangesOnly { alert.stateChangesOnly = true }
            graph.vertices[index].node = alert
        }
        return graph
    }
}
