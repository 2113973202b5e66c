import Alerting
import Models
import Pipeline
import Synchronization
import TICKscript

/// A topic handler's `match` expression (`changed() AND level() == CRITICAL`, `"host" == 'a'`),
/// compiled once with the pipeline's lambda compiler and evaluated per event before the handler's
/// queue, as Kapacitor's match handler does: references read the event's tags, `changed()`,
/// `level()`, `name()` and `taskName()` read the event, and `OK`, `INFO`, `WARNING` and `CRITICAL`
/// are the levels' numbers. An expression that fails on an event (a missing tag) does not match.
final class MatchExpression: Sendable {
    /// The event functions, each standing for a reference to a name no tag can clash with.
    private static let functions = ["changed", "level", "name", "taskName"]
    private static let levels: [String: Int64] = ["OK": 0, "INFO": 1, "WARNING": 2, "CRITICAL": 3]

    private let lambda: Mutex<Lambda>

    /// Compiles `text`; a syntax error, unknown identifier or impossible expression throws
    /// `invalid match expression: ...` or Kapacitor's `unknown identifier "x"`.
    init(_ text: String) throws(EngineError) {
        let program: Program
        do {
            program = try Parser.parse("var match = lambda: \(text)\n")
        } catch {
            throw .invalid("invalid match expression: \(error.message)")
        }
        guard case .declaration(_, let value)? = program.statements.first?.kind, program.statements.count == 1 else {
            throw .invalid("invalid match expression: \(text)")
        }
        let rewritten = try Self.rewrite(value)
        do {
            lambda = Mutex(try Lambda(rewritten))
        } catch {
            throw .invalid("invalid match expression: \(error.message)")
        }
    }

    /// Whether `event` passes the expression.
    func matches(_ event: Event) -> Bool {
        let fields = Fields([
            Field(Self.reference("changed"), .bool(event.state.level != event.previousLevel)),
            Field(Self.reference("level"), .int(Int64(event.state.level.rawValue))),
            Field(Self.reference("name"), .string(event.data.name)),
            Field(Self.reference("taskName"), .string(event.data.taskName)),
        ])
        return lambda.withLock { lambda in
            (try? lambda.evaluateBool(fields: fields, tags: event.data.tags, time: event.state.time)) ?? false
        }
    }

    private static func reference(_ function: String) -> String { "\u{0}\(function)" }

    /// `node` with the event functions turned into references and the level names into numbers.
    private static func rewrite(_ node: Node) throws(EngineError) -> Node {
        var node = node
        switch node.kind {
        case .lambda(let inner):
            node.kind = .lambda(try rewrite(inner))
        case .unary(let op, let operand):
            node.kind = .unary(op: op, operand: try rewrite(operand))
        case .binary(var binary):
            binary.left = try rewrite(binary.left)
            binary.right = try rewrite(binary.right)
            node.kind = .binary(binary)
        case .function(var function):
            if function.arguments.isEmpty && functions.contains(function.name) {
                node.kind = .reference(reference(function.name))
            } else {
                var arguments: [Node] = []
                for argument in function.arguments { arguments.append(try rewrite(argument)) }
                function.arguments = arguments
                node.kind = .function(function)
            }
        case .identifier(let name):
            guard let level = levels[name] else { throw .invalid("unknown identifier \"\(name)\"") }
            node.kind = .number(NumberLiteral(integer: level))
        default:
            break
        }
        return node
    }
}
