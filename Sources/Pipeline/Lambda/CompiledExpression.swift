import TICKscript

/// Evaluates a compiled sub-expression on a point.
typealias ValueEvaluator = (LambdaScope) throws(LambdaError) -> LambdaValue
/// Evaluates a compiled boolean sub-expression on a point without boxing the result.
typealias BoolEvaluator = (LambdaScope) throws(LambdaError) -> Bool

/// A sub-expression compiled to closures, with what Kapacitor knows of it before evaluation.
struct CompiledExpression {
    /// What the sub-expression is, where messages or fast paths depend on it.
    enum Shape {
        case reference(String)
        case literal(LambdaValue)
        case binary(Token.Kind)
        case unary(Token.Kind)
        case function
    }

    let shape: Shape
    /// Kapacitor's constant type (`getConstantNodeType`): nil when it depends on the point.
    let staticType: LambdaType?
    /// Kapacitor's `String()` of the evaluator, which the messages of an enclosing function call
    /// or unary operator quote; empty where nothing quotes it (``LambdaCompiler/quoting``).
    let text: String
    /// How the sub-expression evaluates; the other forms are made from it when asked for (each
    /// compiled expression is asked for one or two), so that compiling allocates no closure or
    /// node nobody uses.
    private let evaluator: Evaluator

    private enum Evaluator {
        case value(ValueEvaluator)
        case node(BoolNode)
    }

    init(_ shape: Shape, type: LambdaType?, text: String, value: @escaping ValueEvaluator) {
        self.shape = shape
        self.staticType = type
        self.text = text
        self.evaluator = .value(value)
    }

    /// A compiled boolean sub-expression from its boolean evaluator.
    init(_ shape: Shape, text: String, bool: @escaping BoolEvaluator) {
        self.init(shape, text: text, node: ClosureBool(bool))
    }

    /// A compiled boolean sub-expression from its node.
    init(_ shape: Shape, text: String, node: BoolNode) {
        self.shape = shape
        self.staticType = .bool
        self.text = text
        self.evaluator = .node(node)
    }

    /// The value on a point.
    var value: ValueEvaluator {
        switch evaluator {
        case .value(let value): value
        case .node(let node): { scope throws(LambdaError) in .bool(try node.evaluate(scope)) }
        }
    }

    /// Kapacitor's `EvalBool` of the sub-expression: its boolean value, or the error Kapacitor gives
    /// for anything else (which differs by what the sub-expression is).
    var bool: BoolEvaluator {
        switch evaluator {
        case .value(let value): Self.boolean(shape, value)
        case .node(let node): { scope throws(LambdaError) in try node.evaluate(scope) }
        }
    }

    /// The same as `bool`, as a node that conditions evaluate without closure thunks.
    var boolNode: BoolNode {
        switch evaluator {
        case .value(let value): ClosureBool(Self.boolean(shape, value))
        case .node(let node): node
        }
    }

    /// `EvalBool` on an evaluator whose type depends on the point.
    private static func boolean(_ shape: Shape, _ evaluate: @escaping ValueEvaluator) -> BoolEvaluator {
        switch shape {
        case .binary:
            return { scope throws(LambdaError) in
                let value = try evaluate(scope)
                if case .bool(let result) = value { return result }
                let goType = switch value {
                case .float: "float64"
                case .int: "int64"
                default: "<nil>"
                }
                throw LambdaError("expression returned unexpected type \(goType)")
            }
        case .reference(let name):
            return { scope throws(LambdaError) in
                let value = try evaluate(scope)
                if case .bool(let result) = value { return result }
                if value == .missing { throw LambdaError("reference \"\(name)\" is missing value") }
                throw LambdaError.typeGuard(actual: value.type.name, expected: .bool)
            }
        default:
            return { scope throws(LambdaError) in
                let value = try evaluate(scope)
                if case .bool(let result) = value { return result }
                throw LambdaError.typeGuard(actual: value.type.name, expected: .bool)
            }
        }
    }

    /// The reference name, when the sub-expression is a bare reference.
    var referenceName: String? {
        if case .reference(let name) = shape { name } else { nil }
    }

    /// Kapacitor's Go type name of the evaluator, which one of its messages shows.
    var goTypeName: String {
        switch shape {
        case .reference: "*stateful.EvalReferenceNode"
        case .literal(let value):
            switch value {
            case .float: "*stateful.EvalFloatNode"
            case .int: "*stateful.EvalIntNode"
            case .string: "*stateful.EvalStringNode"
            case .bool: "*stateful.EvalBoolNode"
            case .regex: "*stateful.EvalRegexNode"
            default: "*stateful.EvalDurationNode"
            }
        case .binary: "*stateful.EvalBinaryNode"
        case .unary: "*stateful.EvalUnaryNode"
        case .function: "*stateful.EvalFunctionNode"
        }
    }
}
