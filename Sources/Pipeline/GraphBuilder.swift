import Models
import TICKscript

/// Evaluates a script's statements into a `PipelineGraph`, as Kapacitor's TICKscript evaluator
/// does, collecting every independent error: a failed statement is skipped and a variable it
/// declared is marked so that later uses of it report nothing more.
struct GraphBuilder {
    /// What an expression evaluates to.
    enum Value {
        case node(Int)
        /// A sub-object of a node (an alert handler): properties go to it first, then to the node.
        case handler(vertex: Int, index: Int)
        case value(ScriptValue)
        /// The value of a statement that failed: using it reports nothing more.
        case failed
    }

    /// Thrown when an expression uses a variable whose declaration failed.
    static let alreadyReported = PipelineError("")

    var graph = PipelineGraph()
    var variables: [String: Value] = [:]
    var errors: [PipelineError] = []
    /// The sources made so far, by name (`stream`, `batch`).
    var sources: [String: Int] = [:]
    let allowMissingVars: Bool

    init(allowMissingVars: Bool) { self.allowMissingVars = allowMissingVars }

    mutating func run(_ program: Program) {
        for statement in program.statements {
            do {
                _ = try evaluate(statement)
            } catch {
                if error != Self.alreadyReported { errors.append(error) }
                switch statement.kind {
                case .declaration(let name, _), .typeDeclaration(let name, _): variables[name] = .failed
                default: break
                }
            }
        }
        guard errors.isEmpty else { return }
        for vertex in graph.vertices {
            do {
                try vertex.node.validate()
            } catch {
                errors.append(PipelineError("\(vertex.name): \(error.message)", at: error.offset ?? vertex.offset))
            }
        }
    }

    mutating func evaluate(_ node: Node) throws(PipelineError) -> Value {
        switch node.kind {
        case let .declaration(name, value):
            if variables[name] != nil { throw PipelineError("attempted to redefine \(name), vars are immutable", at: node.offset) }
            variables[name] = try evaluate(value)
            return .value(.bool(true))
        case let .typeDeclaration(name, type):
            guard allowMissingVars else { throw PipelineError("missing value for var \"\(name)\".", at: node.offset) }
            variables[name] = .value(try Self.zeroValue(of: type, at: node.offset))
            return .value(.bool(true))
        case .dbrp, .comment:
            return .value(.bool(true))
        case .identifier(let name):
            return try lookup(name, at: node.offset)
        case .chain(let left, let op, let right):
            return try chain(left, op, right, at: node.offset)
        case .function(let function):
            return try globalFunction(function, at: node.offset)
        default:
            return .value(try constant(node))
        }
    }

    /// The value of variable `name`, or a source when the name is `stream` or `batch`.
    mutating func lookup(_ name: String, at offset: Int) throws(PipelineError) -> Value {
        if name == "stream" || name == "batch" { return .node(source(name, at: offset)) }
        guard let value = variables[name] else {
            let names = (variables.keys + ["batch", "stream"]).sorted().joined(separator: ",")
            throw PipelineError("name \"\(name)\" is undefined. Names in scope: \(names)", at: offset)
        }
        if case .failed = value { throw Self.alreadyReported }
        return value
    }

    mutating func source(_ name: String, at offset: Int) -> Int {
        if let index = sources[name] { return index }
        let spec = name == "stream" ? StreamNode.spec.erased : BatchNode.spec.erased
        let index = graph.add(spec, node: name == "stream" ? StreamNode() as any PipelineNode : BatchNode(), parents: [], wants: .none, at: offset)
        sources[name] = index
        return index
    }

    /// A call outside a chain: `time(10m)` in a query's groupBy, or the `stream()`/`batch()` sources.
    mutating func globalFunction(_ function: Function, at offset: Int) throws(PipelineError) -> Value {
        switch function.name {
        case "stream", "batch":
            return .node(source(function.name, at: offset))
        case "time":
            let arguments = try evaluateArguments(function, at: offset, callee: "time()")
            try arguments.expect(1...2)
            let offset = arguments.count == 2 ? try arguments.duration(1) : .zero
            return .value(.timeDimension(try arguments.duration(0), offset: offset))
        default:
            throw PipelineError("no global function \"\(function.name)\" defined", at: offset)
        }
    }

    /// Evaluates a call's arguments; a single list argument stands for the whole list, as in Kapacitor.
    mutating func evaluateArguments(_ function: Function, at offset: Int, callee: String) throws(PipelineError) -> Arguments {
        var values: [ScriptValue] = []
        var offsets: [Int] = []
        for argument in function.arguments {
            switch try evaluate(argument) {
            case .node(let index): values.append(.node(index))
            case .handler(let vertex, _): values.append(.node(vertex))
            case .value(let value): values.append(value)
            case .failed: throw Self.alreadyReported
            }
            offsets.append(argument.offset)
        }
        if values.count == 1, case .list(let items) = values[0] {
            return Arguments(items, offsets: Array(repeating: offsets[0], count: items.count), at: offset, callee: callee)
        }
        return Arguments(values, offsets: offsets, at: offset, callee: callee)
    }

    /// The value a template var declared without one takes while the template itself is checked.
    static func zeroValue(of type: String, at offset: Int) throws(PipelineError) -> ScriptValue {
        switch type {
        case "int": .int(0)
        case "float": .float(0)
        case "string": .string("")
        case "bool": .bool(false)
        case "duration": .duration(.zero)
        case "regex": .regex("")
        case "lambda": .lambda(Node(.boolean(true), at: offset))
        case "list": .list([])
        case "star": .star
        default: throw PipelineError("invalid var type \"\(type)\"", at: offset)
        }
    }
}
