import GoEncoding

/// Walks a parsed template over a data value, writing Go's output into a string.
struct Evaluator {
    private enum Flow { case normal, breakLoop, continueLoop }

    let template: Template
    private(set) var output = ""
    private var variables: [(name: String, value: TemplateValue)] = []
    private var depth = 0
    /// Go's `maxExecDepth` guard against runaway `{{template}}` recursion.
    private static let maxDepth = 10_000

    init(template: Template, data: TemplateValue) {
        self.template = template
        variables.append(("$", data))
        output.reserveCapacity(64)
    }

    func fail(_ message: String, at span: Span) -> TemplateError {
        TemplateError.execution(message, name: template.name, source: template.source, node: span)
    }

    mutating func run(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) {
        _ = try walk(nodes, dot: dot)
    }

    private mutating func walk(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) -> Flow {
        for node in nodes {
            let flow = try walk(node, dot: dot)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ node: Node, dot: TemplateValue) throws(TemplateError) -> Flow {
        switch node {
        case .text(let text):
            output += text
        case .action(let pipe):
            let value = try evalPipeline(pipe, dot: dot)
            if pipe.declarations.isEmpty { write(value, pipe: pipe) }
        case .ifNode(let pipe, let list, let elseList), .with(let pipe, let list, let elseList):
            let mark = variables.count
            defer { variables.removeSubrange(mark...) }
            let value = try evalPipeline(pipe, dot: dot)
            if value.isTrue {
                if case .with = node { return try walk(list, dot: value) }
                return try walk(list, dot: dot)
            }
            if let elseList { return try walk(elseList, dot: dot) }
        case .range(let pipe, let list, let elseList):
            return try walkRange(pipe, list, elseList, dot: dot)
        case .template(let name, let pipe, let span):
            guard let tree = template.definitions[name] else {
                throw fail("template: no template \(GoQuote.quote(name)) associated with template "
                           + GoQuote.quote(template.name), at: span)
            }
            guard depth < Evaluator.maxDepth else {
                throw fail("exceeded maximum template depth (\(Evaluator.maxDepth))", at: span)
            }
            let newDot = try pipe.map { p throws(TemplateError) in try evalPipeline(p, dot: dot) } ?? .null
            let saved = variables
            variables = [("$", newDot)]
            depth += 1
            defer {
                depth -= 1
                variables = saved
            }
            _ = try walk(tree, dot: newDot)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        }
        return .normal
    }

    private mutating func walkRange(_ pipe: Pipeline, _ list: [Node], _ elseList: [Node]?,
                                    dot: TemplateValue) throws(TemplateError) -> Flow {
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        let value = try evalPipeline(pipe, dot: dot)
        let decls = pipe.declarations.count
        func iterate(_ key: TemplateValue, _ element: TemplateValue) throws(TemplateError) -> Flow {
            if decls > 0 {
                if pipe.isAssignment {
                    assign(pipe.declarations[decls - 1], element)
                    if decls > 1 { assign(pipe.declarations[0], key) }
                } else {
                    variables[variables.count - 1].value = element
                    if decls > 1 { variables[variables.count - 2].value = key }
                }
            }
            let flow = try walk(list, dot: element)
            return flow == .breakLoop ? .breakLoop : .normal
        }
        var count = 0
        switch value {
        case .list(let items):
            count = items.count
            for (i, item) in items.enumerated() {
                if try iterate(.int(Int64(i)), item) == .breakLoop { break }
            }
        case .map(let map):
            count = map.count
            for i in 0..<map.count {
                if try iterate(.string(map.keys[i]), map.values[i]) == .breakLoop { break }
            }
        case .int(let n):
            guard decls < 2 else { throw fail("can't use \(n) to iterate over more than one variable", at: pipe.span) }
            count = max(0, Int(n))
            for i in 0..<Int64(count) {
                if try iterate(.int(i), .int(i)) == .breakLoop { break }
            }
        case .null:
            break
        default:
            throw fail("range can't iterate over \(GoFormat.sprint([value]))", at: pipe.span)
        }
        if count == 0, let elseList { return try walk(elseList, dot: dot) }
        return .normal
    }

    private mutating func assign(_ name: String, _ value: TemplateValue) {
        if let i = variables.lastIndex(where: { $0.name == name }) { variables[i].value = value }
    }

    private mutating func write(_ value: TemplateValue, pipe: Pipeline) {
        guard template.escaping == .html else {
            if case .null = value { output += "<no value>" } else { GoFormat.appendValue(value, to: &output) }
            return
        }
        var text = ""
        switch value {
        case .null: break
        case .string(let s): text = s
        default: GoFormat.appendValue(value, to: &text)
        }
        if case .function(.html, _)? = pipe.commands.last?.args.first {
            output += text
        } else {
            Escaping.appendHTMLTemplate(text, to: &output)
        }
    }

    // MARK: pipelines and commands

    mutating func evalPipeline(_ pipe: Pipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in pipe.commands { value = try evalCommand(command, dot: dot, final: value) }
        let result = value ?? .null
        for name in pipe.declarations {
            if pipe.isAssignment { assign(name, result) } else { variables.append((name, result)) }
        }
        return result
    }

    private mutating func evalCommand(_ command: Command, dot: TemplateValue,
                                      final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        let head = command.args[0]
        switch head {
        case .field(let names, let span):
            return try evalFieldChain(dot, receiver: dot, names, args: command.args, final: final, span: span)
        case .chain(let inner, let names, let span):
            if case .null = inner { throw fail("indirection through explicit nil in \(text(span))", at: span) }
            let receiver = try evalArg(inner, dot: dot)
            return try evalFieldChain(dot, receiver: receiver, names, args: command.args, final: final, span: span)
        case .variable(let name, let names, let span):
            let value = lookup(name)
            if names.isEmpty {
                try notAFunction(command.args, final: final)
                return value
            }
            return try evalFieldChain(dot, receiver: value, names, args: command.args, final: final, span: span)
        case .function(let builtin, let span):
            return try call(builtin, args: command.args.dropFirst(), final: final, dot: dot, span: span)
        case .pipeline(let pipe, _):
            try notAFunction(command.args, final: final)
            return try evalPipeline(pipe, dot: dot)
        case .dot:
            try notAFunction(command.args, final: final)
            return dot
        case .constant(let value, _):
            try notAFunction(command.args, final: final)
            return value
        case .null(let span):
            throw fail("nil is not a command", at: span)
        }
    }

    private func notAFunction(_ args: [Operand], final: TemplateValue?) throws(TemplateError) {
        guard args.count > 1 || final != nil else { return }
        let span = args[0].span
        throw fail("can't give argument to non-function \(text(span))", at: span)
    }

    func text(_ span: Span) -> String {
        String(decoding: template.source[span.start..<span.end], as: UTF8.self)
    }

    private func lookup(_ name: String) -> TemplateValue {
        variables.last { $0.name == name }?.value ?? .null
    }

    /// Evaluates an operand used as an argument.
    mutating func evalArg(_ operand: Operand, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        switch operand {
        case .field(let names, let span):
            return try evalFieldChain(dot, receiver: dot, names, args: [operand], final: nil, span: span)
        case .chain(let inner, let names, let span):
            let receiver = try evalArg(inner, dot: dot)
            return try evalFieldChain(dot, receiver: receiver, names, args: [operand], final: nil, span: span)
        case .variable(let name, let names, let span):
            let value = lookup(name)
            if names.isEmpty { return value }
            return try evalFieldChain(dot, receiver: value, names, args: [operand], final: nil, span: span)
        case .function(let builtin, let span):
            return try call(builtin, args: [], final: nil, dot: dot, span: span)
        case .pipeline(let pipe, _):
            return try evalPipeline(pipe, dot: dot)
        case .dot:
            return dot
        case .constant(let value, _):
            return value
        case .null:
            return .null
        }
    }

    private mutating func evalFieldChain(_ dot: TemplateValue, receiver: TemplateValue, _ names: [String],
                                         args: [Operand], final: TemplateValue?,
                                         span: Span) throws(TemplateError) -> TemplateValue {
        var value = receiver
        for name in names.dropLast() {
            value = try evalField(name, receiver: value, args: ArraySlice(), final: nil, dot: dot, span: span)
        }
        return try evalField(names[names.count - 1], receiver: value, args: args.dropFirst(), final: final,
                             dot: dot, span: span)
    }
}
