import TICKscript

/// Combines points of the same time into pairs (or larger combinations) that match lambdas.
public struct CombineNode: PipelineNode {
    public var expressions: [Node]
    public var names: [String] = []
    public var delimiter = "."
    public var tolerance: Duration = .zero
    public var max: Int64 = 1_000_000

    public static let spec = NodeSpec<Self>(
        "combine", provides: .stream, doc: "Combines points matching each expression into one point.",
        signature: "lambda...",
        create: { arguments throws(PipelineError) in Self(expressions: try arguments.lambdas()) },
        properties: [
            .strings("as", \.names, doc: "The field prefixes, one per expression."),
            .string("delimiter", \.delimiter, doc: "Separates the prefix from the field name."),
            .duration("tolerance", \.tolerance, doc: "Points this close in time count as simultaneous."),
            .int("max", \.max, doc: "The most combinations kept per time."),
        ]
    )

    public func validate() throws(PipelineError) {
        try PrefixNames.validate(names, count: expressions.count, delimiter: delimiter, node: "combine", of: "combine expressions")
    }
}
