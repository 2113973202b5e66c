import Models
import TICKscript

/// A lambda expression compiled once into closures, evaluated against points.
///
/// Semantics are Kapacitor's (`tick/stateful`): a reference `"x"` reads field `x`, else tag `x`
/// (a point where a referenced name is both fails before anything is evaluated, as in Kapacitor's
/// `fillScope`), `"time"` is the point time; operators and functions accept the types
/// Kapacitor accepts and fail with its messages otherwise.
///
/// Stateful functions (`sigma`, `count`, `spread`) keep their state in this instance, one state per
/// call site, as Kapacitor keeps one per expression; compile one `Lambda` per group where each group
/// needs its own running state, and call ``reset()`` to start over.
///
/// A `Lambda` is not `Sendable`: its state changes on every evaluation, so it belongs to the one task
/// that evaluates it (create it there, or hand it over once with `sending`).
public final class Lambda {
    /// The names the expression references, in order of first use (`"time"` included).
    public let references: [String]
    /// The expression as a condition; stored apart from `root`, whose layout is only known at run
    /// time (it holds a regex), so that reaching it costs no metadata lookup.
    private let condition: BoolNode
    private let check: DuplicateNameCheck?
    private let root: CompiledExpression
    private let value: ValueEvaluator
    private let states: [any LambdaFunctionState]

    /// Compiles `node`: a `lambda:` node or a bare expression.
    ///
    /// - Parameters:
    ///   - variables: values of the script's variables, for identifiers in the expression (Kapacitor
    ///     substitutes them before building the expression).
    ///   - clock: what `now()` reads.
    /// - Throws: ``LambdaError`` with the offset of the node at fault: a type mismatch between
    ///   operands known before any point, an unknown function, an argument count no signature of the
    ///   function takes, an invalid regex or duration, an undefined variable.
    ///   - randomSeed: the seed of `rand()`'s generator; nil seeds it at random, as Kapacitor does.
    public init(
        _ node: Node, variables: [String: Node] = [:], clock: any WallClock = SystemClock(), randomSeed: UInt64? = nil
    ) throws(LambdaError) {
        var compiler = LambdaCompiler(variables: variables, clock: clock, randomSeed: randomSeed)
        let expression: Node = if case .lambda(let inner) = node.kind { inner } else { node }
        root = try compiler.compile(expression)
        references = compiler.references.names
        condition = root.boolNode
        value = root.value
        check = DuplicateNameCheck(references)
        states = compiler.states
    }

    /// Evaluates the expression on a point, as Kapacitor's `Eval` does: a missing reference at the top
    /// (`missing value: "x"`), a regex or a time is an error.
    public func evaluate(fields: Fields, tags: Tags, time: Timestamp) throws(LambdaError) -> LambdaValue {
        let value = try LambdaScope.evaluate(fields, tags, time, check, self.value)
        switch value {
        case .missing:
            if let name = root.referenceName { throw LambdaError("missing value: \"\(name)\"") }
            if case .unary(.minus) = root.shape, let name = Self.negatedReference(root) {
                throw LambdaError("reference \"\(name)\" is missing value")
            }
            throw LambdaError("expression returned unexpected type missing")
        case .regex, .time:
            throw LambdaError("expression returned unexpected type \(value.type.name)")
        default:
            return value
        }
    }

    /// Evaluates the expression as a condition (`where`, alert levels), as Kapacitor's
    /// `EvalPredicate` does: anything but a boolean result is an error.
    public func evaluateBool(fields: Fields, tags: Tags, time: Timestamp) throws(LambdaError) -> Bool {
        try LambdaScope.evaluate(fields, tags, time, check, condition)
    }

    /// Forgets the running state of `sigma`, `count` and `spread`.
    public func reset() {
        for state in states { state.reset() }
    }

    /// The reference under a chain of unary minuses, if that is what `expression` is.
    private static func negatedReference(_ expression: CompiledExpression) -> String? {
        expression.text.drop { $0 == "-" }.first == "\"" ? String(expression.text.drop { $0 == "-" }.dropFirst().dropLast()) : nil
    }
}
