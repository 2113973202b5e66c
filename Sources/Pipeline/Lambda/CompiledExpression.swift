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
    /// Kapacitor's `String()` of the evaluator, which its messages quote.
    let text: String
    let value: ValueEvaluator
    /// Kapacitor's `EvalBool` of the sub-expression: its boolean value, or the error Kapacitor gives
    /// for anything else (which differs by what the sub-expression is).
    let bool: BoolEvaluator
    /// The same as `bool`, as a node that conditions evaluate without closure thunks.
    let boolNode: BoolNode

    init(_ shape: Shape, type: LambdaType?, text: String, value: @escaping ValueEvaluator) {
        self.shape = shape
        self.staticType = type
        self.text = text
        self.value = value
        self.bool = Self.boolean(shape, value)
        self.boolNode = ClosureBool(bool)
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
        self.value = { scope throws(LambdaError) in .bool(try node.evaluate(scope)) }
        self.bool = { scope throws(LambdaError) in try node.evaluate(scope) }
        self.boolNode = node
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
