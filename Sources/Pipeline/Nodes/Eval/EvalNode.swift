import TICKscript

/// Evaluates lambdas on each point and stores their results as fields or tags.
public struct EvalNode: PipelineNode {
    public var expressions: [Node]
    public var names: [String] = []
    public var tags: [String] = []
    public var keep = false
    public var keepList: [String] = []

    public static let spec = NodeSpec<Self>(
        "eval", doc: "Computes new fields from lambda expressions.", signature: "lambda...",
        create: { arguments throws(PipelineError) in Self(expressions: try arguments.lambdas()) },
        properties: [
            .strings("as", \.names, doc: "The names of the results, one per expression."),
            .strings("tags", \.tags, doc: "Stores these results as tags instead of fields."),
            .custom("keep", "string...", doc: "Keeps the point's other fields, or only those listed.") { node, arguments throws(PipelineError) in
                node.keep = true
                node.keepList = try arguments.strings()
            },
        ]
    )

    public func validate() throws(PipelineError) {
        if names.count != expressions.count {
            throw PipelineError(
                "must specify same number of expressions and .as() names: got \(names.count) as names, and \(expressions.count) expressions."
            )
        }
        for tag in tags where !names.contains(tag) {
            throw PipelineError("invalid tag name \"\(tag)\", name is not present is .as() names")
        }
    }
}
