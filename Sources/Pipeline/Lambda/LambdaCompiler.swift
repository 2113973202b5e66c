import Models
import TICKscript

/// The names a lambda references, in order of first use; shared with the closures that quote them.
final class ReferenceNames {
    var names: [String] = []
}

/// Turns a lambda's syntax tree into closures, once, checking what Kapacitor checks when it builds an
/// expression (and, earlier than Kapacitor, unknown functions and impossible argument counts).
struct LambdaCompiler {
    let variables: [String: Node]
    let clock: any WallClock
    /// The seed of `rand()`; nil for a random one.
    let randomSeed: UInt64?
    let references = ReferenceNames()
    var states: [any LambdaFunctionState] = []
    /// How many function calls or unary operators enclose the node being compiled: only their
    /// messages quote sub-expressions' texts, so texts are built only inside them.
    var quoting = 0

    mutating func compile(_ node: Node) throws(LambdaError) -> CompiledExpression {
        switch node.kind {
        case .lambda(let expression):
            do { return try compile(expression) } catch { throw error.prefixed("Failed to handle node: ") }
        case .number(let number):
            if let integer = number.integer { return literal(.int(integer), text: quoting > 0 ? String(integer) : "") }
            let float = number.float ?? 0
            return literal(.float(float), text: quoting > 0 ? GoFormat.general(float) : "")
        case .duration(let text):
            guard let nanoseconds = GoFormat.parseInfluxDuration(text) else {
                throw LambdaError("invalid duration literal \(text)", offset: node.offset)
            }
            return literal(.duration(nanoseconds), text: quoting > 0 ? GoDuration.format(nanoseconds) : "")
        case .string(let string):
            return literal(.string(string.value), text: string.value)
        case .boolean(let bool):
            return literal(.bool(bool), text: bool ? "true" : "false")
        case .regex(let text):
            do { return literal(.regex(try LambdaRegex(literal: text)), text: text) } catch {
                throw LambdaError(error.message, offset: node.offset)
            }
        case .reference(let name):
            return reference(name)
        case .identifier(let name):
            guard let value = variables[name] else {
                let names = variables.keys.sorted().joined(separator: ",")
                throw LambdaError("name \"\(name)\" is undefined. Names in scope: \(names)", offset: node.offset)
            }
            return try compile(value)
        case .unary(let op, let operand):
            return try unary(op, operand)
        case .binary(let binary):
            return try self.binary(binary, at: node.offset)
        case .function(let function):
            return try self.function(function, at: node.offset)
        case .star: throw invalid("*ast.StarNode", node)
        case .list: throw invalid("*ast.ListNode", node)
        case .chain: throw invalid("*ast.ChainNode", node)
        case .declaration: throw invalid("*ast.DeclarationNode", node)
        case .typeDeclaration: throw invalid("*ast.TypeDeclarationNode", node)
        case .dbrp: throw invalid("*ast.DBRPNode", node)
        case .comment: throw invalid("*ast.CommentNode", node)
        }
    }

    private func invalid(_ goType: String, _ node: Node) -> LambdaError {
        LambdaError("Given node type is not valid evaluation node: \(goType)", offset: node.offset)
    }

    private func literal(_ value: LambdaValue, text: String) -> CompiledExpression {
        if case .bool(let bool) = value {
            return CompiledExpression(.literal(value), text: text) { _ throws(LambdaError) in bool }
        }
        return CompiledExpression(.literal(value), type: value.type, text: text) { _ throws(LambdaError) in value }
    }

    /// A field or tag reference; `"time"` is the point's time.
    private func reference(_ name: String) -> CompiledExpression {
        if !references.names.contains(name) { references.names.append(name) }
        let text = quoting > 0 ? "\"\(name)\"" : ""
        if name == "time" {
            return CompiledExpression(.reference(name), type: nil, text: text) { scope throws(LambdaError) in .time(scope.time) }
        }
        return CompiledExpression(.reference(name), type: nil, text: text) { scope throws(LambdaError) in
            try scope.value(of: name)
        }
    }

    /// `!x` negates a boolean; `-x` negates a number or duration and, as in Kapacitor, a boolean too.
    private mutating func unary(_ op: Token.Kind, _ operandNode: Node) throws(LambdaError) -> CompiledExpression {
        let operand: CompiledExpression
        quoting += 1
        defer { quoting -= 1 }
        do { operand = try compile(operandNode) } catch { throw error.prefixed("Failed to handle node: ") }
        let text = op.name + operand.text
        let evaluate = operand.value
        if op == .not {
            let bool = operand.bool
            return CompiledExpression(.unary(op), text: text) { scope throws(LambdaError) in try !bool(scope) }
        }
        let staticName = operand.staticType?.name ?? "invalid type"
        return CompiledExpression(.unary(op), type: operand.staticType, text: text) { scope throws(LambdaError) in
            switch try evaluate(scope) {
            case .float(let value): return .float(-value)
            case .int(let value): return .int(0 &- value)
            case .duration(let value): return .duration(0 &- value)
            case .bool(let value): return .bool(!value)
            case .missing: return .missing
            case let other: throw LambdaError.typeGuard(actual: staticName, expected: other.type)
            }
        }
    }
}
