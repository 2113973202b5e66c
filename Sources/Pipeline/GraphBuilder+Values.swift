import Models
import TICKscript

extension GraphBuilder {
    /// Evaluates a literal, list, lambda or constant expression outside a lambda.
    mutating func constant(_ node: Node) throws(PipelineError) -> ScriptValue {
        switch node.kind {
        case .number(let number):
            if let integer = number.integer { return .int(integer) }
            return .float(number.float ?? 0)
        case .duration(let text):
            return .duration(try Self.duration(text, at: node.offset))
        case .string(let literal): return .string(literal.value)
        case .reference(let name): return .reference(name)
        case .regex(let pattern):
            do {
                _ = try LambdaRegex(literal: pattern)
            } catch {
                throw PipelineError(error.message, at: node.offset)
            }
            return .regex(pattern)
        case .boolean(let value): return .bool(value)
        case .star: return .star
        case .list(let items):
            var values: [ScriptValue] = []
            for item in items {
                guard case .value(let value) = try evaluate(item) else {
                    throw PipelineError("a list holds values, not nodes", at: item.offset)
                }
                values.append(value)
            }
            return .list(values)
        case .lambda(let expression):
            let resolved = try resolveIdentifiers(expression)
            // Compiled once here so that an invalid regex or an unknown function fails the define,
            // with its position; each running task compiles its own copies.
            do {
                _ = try Lambda(resolved)
            } catch {
                throw PipelineError(error.message, at: error.offset ?? node.offset)
            }
            return .lambda(resolved)
        case .unary(let op, let operand):
            return try unary(op, try value(of: operand), at: node.offset)
        case .binary(let binary):
            return try ConstantFolding.fold(try value(of: binary.left), binary.op, try value(of: binary.right), at: node.offset)
        default:
            throw PipelineError("cannot use \(Self.describe(node)) as a value", at: node.offset)
        }
    }

    /// The value of an expression that must not be a node.
    mutating func value(of node: Node) throws(PipelineError) -> ScriptValue {
        switch try evaluate(node) {
        case .value(let value): return value
        case .failed: throw Self.alreadyReported
        case .node, .handler: throw PipelineError("cannot use a node in an expression", at: node.offset)
        }
    }

    func unary(_ op: Token.Kind, _ value: ScriptValue, at offset: Int) throws(PipelineError) -> ScriptValue {
        switch (op, value) {
        case (.minus, .int(let v)): return .int(-v)
        case (.minus, .float(let v)): return .float(-v)
        case (.minus, .duration(let v)): return .duration(.zero - v)
        case (.not, .bool(let v)): return .bool(!v)
        default: throw PipelineError("invalid unary operator \(op.name) on \(value.typeName)", at: offset)
        }
    }

    /// Replaces the variables a lambda names with their values, as Kapacitor does when the
    /// lambda is evaluated in the script, so the compiled lambda sees only literals.
    mutating func resolveIdentifiers(_ node: Node) throws(PipelineError) -> Node {
        var copy = node
        switch node.kind {
        case .identifier(let name):
            guard case .value(let value) = try lookup(name, at: node.offset) else {
                throw PipelineError("cannot use a node in a lambda expression", at: node.offset)
            }
            return Self.literal(value, at: node.offset) ?? node
        case .unary(let op, let operand):
            copy.kind = .unary(op: op, operand: try resolveIdentifiers(operand))
        case .binary(var binary):
            binary.left = try resolveIdentifiers(binary.left)
            binary.right = try resolveIdentifiers(binary.right)
            copy.kind = .binary(binary)
        case .function(var function):
            var arguments: [Node] = []
            for argument in function.arguments { arguments.append(try resolveIdentifiers(argument)) }
            function.arguments = arguments
            copy.kind = .function(function)
        case .list(let items):
            var resolved: [Node] = []
            for item in items { resolved.append(try resolveIdentifiers(item)) }
            copy.kind = .list(resolved)
        case .lambda(let expression):
            return try resolveIdentifiers(expression)
        default:
            break
        }
        return copy
    }

    /// The AST literal for a value, to splice into a lambda.
    static func literal(_ value: ScriptValue, at offset: Int) -> Node? {
        let kind: Node.Kind
        switch value {
        case .int(let v): kind = .number(NumberLiteral(integer: v))
        case .float(let v): kind = .number(NumberLiteral(float: v))
        case .string(let v): kind = .string(StringLiteral(v))
        case .bool(let v): kind = .boolean(v)
        case .duration(let v): kind = .duration(DurationLiteral.format(v.nanosecondsValue))
        case .regex(let v): kind = .regex(v)
        case .lambda(let expression): return expression
        case .reference(let v): kind = .reference(v)
        case .star: kind = .star
        case .list(let items): kind = .list(items.compactMap { literal($0, at: offset) })
        case .node, .timeDimension, .map: return nil
        }
        return Node(kind, at: offset)
    }

    static func duration(_ text: String, at offset: Int) throws(PipelineError) -> Duration {
        guard let nanoseconds = DurationLiteral.nanoseconds(text) else {
            throw PipelineError("invalid duration \"\(text)\"", at: offset)
        }
        return .nanoseconds(nanoseconds)
    }

    static func describe(_ node: Node) -> String {
        switch node.kind {
        case .function(let function): "\(function.name)()"
        case .identifier(let name): name
        default: "this expression"
        }
    }
}
