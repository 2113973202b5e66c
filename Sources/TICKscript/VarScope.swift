/// The values of a script's vars known before it runs, and the evaluation of declarations against
/// them, as far as Kapacitor's evaluator decides a var's type and value when it reads the script.
struct VarScope {
    /// The value of each var declared so far.
    var values: [String: VarValue] = [:]

    /// The zero value Kapacitor gives a `var x type` without a value when it evaluates a template;
    /// nil for the types whose zero is no value.
    static func zero(_ type: VarType) -> VarValue? {
        switch type {
        case .bool: .bool(false)
        case .int: .int(0)
        case .float: .float(0)
        case .string: .string("")
        case .duration: .duration(0)
        case .star: .star
        case .regex, .lambda, .list: nil
        }
    }

    /// The value of `node` when it is known without running the task; nil for pipelines and
    /// anything else that depends on data.
    func evaluate(_ node: Node) -> VarValue? {
        switch node.kind {
        case .number(let number):
            return number.integer.map(VarValue.int) ?? number.float.map(VarValue.float)
        case .duration(let literal):
            return DurationLiteral.nanoseconds(literal).map(VarValue.duration)
        case .string(let literal):
            return .string(literal.value)
        case .regex(let literal):
            return .regex(literal.replacing("\\/", with: "/"))
        case .boolean(let flag):
            return .bool(flag)
        case .star:
            return .star
        case .identifier(let name):
            return values[name]
        case .list(let elements):
            var items: [Var] = []
            for element in elements {
                guard let value = evaluate(element), value.type == .string || value.type == .star else { return nil }
                items.append(Var(value))
            }
            return .list(items)
        case .lambda(let expression):
            var text = ""
            Formatter.write(resolved(expression), indent: "", onNewLine: true, into: &text)
            return .lambda(text)
        case let .unary(op, operand):
            switch (op, evaluate(operand)) {
            case (.minus, .int(let value)?): return value == .min ? nil : .int(-value)
            case (.minus, .float(let value)?): return .float(-value)
            case (.minus, .duration(let value)?): return value == .min ? nil : .duration(-value)
            case (.not, .bool(let flag)?): return .bool(!flag)
            default: return nil
            }
        case .binary(let binary):
            guard let left = evaluate(binary.left), let right = evaluate(binary.right) else { return nil }
            return Self.binary(binary.op, left, right)
        default:
            return nil
        }
    }

    /// A lambda's expression with the vars it names replaced by their values, as Kapacitor shows a
    /// lambda var.
    func resolved(_ node: Node) -> Node {
        var node = node
        switch node.kind {
        case .identifier(let name):
            if let value = values[name], let literal = try? Self.literal(value, name: name, at: node.offset) {
                node.kind = literal.kind
            }
        case let .unary(op, operand):
            node.kind = .unary(op: op, operand: resolved(operand))
        case .binary(var binary):
            binary.left = resolved(binary.left)
            binary.right = resolved(binary.right)
            node.kind = .binary(binary)
        case .function(var function):
            function.arguments = function.arguments.map(resolved)
            node.kind = .function(function)
        default:
            break
        }
        return node
    }

    /// The TICKscript literal of `value` at `offset`; a lambda's text is parsed, its errors
    /// reported as Kapacitor does (`invalid var x: invalid lambda expression: ...`).
    static func literal(_ value: VarValue, name: String, at offset: Int) throws(VarError) -> Node {
        func negated(_ kind: Node.Kind) -> Node {
            Node(.unary(op: .minus, operand: Node(kind, at: offset)), at: offset)
        }
        switch value {
        case .bool(let flag):
            return Node(.boolean(flag), at: offset)
        case .int(let number):
            if number < 0 && number != .min { return negated(.number(NumberLiteral(integer: -number))) }
            return Node(.number(NumberLiteral(integer: number)), at: offset)
        case .float(let number):
            if number < 0 { return negated(.number(NumberLiteral(float: -number))) }
            return Node(.number(NumberLiteral(float: number)), at: offset)
        case .string(let text):
            return Node(.string(StringLiteral(text)), at: offset)
        case .regex(let pattern):
            return Node(.regex(pattern.replacing("/", with: "\\/")), at: offset)
        case .duration(let nanoseconds):
            if nanoseconds < 0 && nanoseconds != .min { return negated(.duration(DurationLiteral.format(-nanoseconds))) }
            return Node(.duration(DurationLiteral.format(nanoseconds)), at: offset)
        case .lambda(let text):
            do {
                return Node(.lambda(try Parser.parseLambda(text)), at: offset)
            } catch {
                throw .invalid("invalid var \(name): invalid lambda expression: \(error.message)")
            }
        case .list(let elements):
            var nodes: [Node] = []
            for element in elements { nodes.append(try literal(element.value ?? .star, name: name, at: offset)) }
            return Node(.list(nodes), at: offset)
        case .star:
            return Node(.star, at: offset)
        }
    }

    /// A binary operation on two known values; nil for mixed types, overflow or division by zero.
    static func binary(_ op: Token.Kind, _ left: VarValue, _ right: VarValue) -> VarValue? {
        switch (left, right) {
        case let (.int(a), .int(b)):
            return integer(op, a, b).map(VarValue.int) ?? compare(op, a, b)
        case let (.float(a), .float(b)):
            return float(op, a, b).map(VarValue.float) ?? compare(op, a, b)
        case let (.duration(a), .duration(b)):
            guard op == .plus || op == .minus else { return compare(op, a, b) }
            return integer(op, a, b).map(VarValue.duration)
        case let (.duration(a), .int(b)) where op == .multiply || op == .divide:
            return integer(op, a, b).map(VarValue.duration)
        case let (.string(a), .string(b)):
            return op == .plus ? .string(a + b) : compare(op, a, b)
        case let (.bool(a), .bool(b)):
            switch op {
            case .and: return .bool(a && b)
            case .or: return .bool(a || b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: return nil
            }
        default:
            return nil
        }
    }

    static func integer(_ op: Token.Kind, _ a: Int64, _ b: Int64) -> Int64? {
        let result: (partialValue: Int64, overflow: Bool)
        switch op {
        case .plus: result = a.addingReportingOverflow(b)
        case .minus: result = a.subtractingReportingOverflow(b)
        case .multiply: result = a.multipliedReportingOverflow(by: b)
        case .divide: result = b == 0 ? (0, true) : a.dividedReportingOverflow(by: b)
        case .modulo: result = b == 0 ? (0, true) : a.remainderReportingOverflow(dividingBy: b)
        default: return nil
        }
        return result.overflow ? nil : result.partialValue
    }

    static func float(_ op: Token.Kind, _ a: Double, _ b: Double) -> Double? {
        switch op {
        case .plus: a + b
        case .minus: a - b
        case .multiply: a * b
        case .divide: a / b
        default: nil
        }
    }

    static func compare<T: Comparable>(_ op: Token.Kind, _ a: T, _ b: T) -> VarValue? {
        switch op {
        case .equal: .bool(a == b)
        case .notEqual: .bool(a != b)
        case .less: .bool(a < b)
        case .greater: .bool(a > b)
        case .lessEqual: .bool(a <= b)
        case .greaterEqual: .bool(a >= b)
        default: nil
        }
    }
}
