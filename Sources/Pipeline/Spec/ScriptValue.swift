import TICKscript

/// A value a TICKscript argument evaluates to before a node property takes it.
public enum ScriptValue: Sendable, Equatable {
    case int(Int64)
    case float(Double)
    case string(String)
    case bool(Bool)
    case duration(Duration)
    /// A regex literal's text between the slashes.
    case regex(String)
    /// A lambda's expression (without the `lambda:` keyword).
    case lambda(Node)
    /// A field or tag reference written `"name"`.
    case reference(String)
    case star
    case list([ScriptValue])
    /// Keys and values set one pair at a time (`.header('k', 'v')`).
    case map([String: ScriptValue])
    /// A node of the pipeline (a `join` or `union` argument), by its index in the graph.
    case node(Int)
    /// `time(10m)` or `time(10m, 5s)` in a query's `groupBy`: an interval and an offset.
    case timeDimension(Duration, offset: Duration)

    /// The type name used in messages and in template vars.
    public var typeName: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .bool: "bool"
        case .duration: "duration"
        case .regex: "regex"
        case .lambda: "lambda"
        case .reference: "reference"
        case .star: "star"
        case .list: "list"
        case .map: "map"
        case .node: "node"
        case .timeDimension: "time dimension"
        }
    }
}
