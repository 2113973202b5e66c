/// A user-defined function (`@name()`), configured in `[udf.functions]`; its options are kept
/// as written and checked against the function's own description when the task starts.
public struct UDFNode: PipelineNode {
    /// The function's name.
    public var name: String
    /// The options set, in order: each name with its arguments.
    public var options: [(name: String, arguments: [ScriptValue])] = []

    /// A call of function `name` without options.
    public init(name: String) { self.name = name }

    /// Records any option: the function's description, not the script, says which exist.
    public mutating func setProperty(_ name: String, _ arguments: Arguments) throws(PipelineError) -> Int? {
        options.append((name, arguments.values))
        return -1
    }

    public static let spec = NodeSpec<Self>("udf", chainable: false, follows: [], doc: "A user-defined function.", make: { Self(name: "") })
}
