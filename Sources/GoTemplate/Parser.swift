import GoEncoding

/// Builds the template tree from tokens, with Go's `text/template/parse` rules and messages.
struct Parser {
    private let tokens: [Token]
    private let name: String
    private let source: [UInt8]
    private let functions: Template.Functions
    private var index = 0
    private var variables: [String] = ["$"]
    private var rangeDepth = 0
    private(set) var definitions: [String: [Node]] = [:]

    init(source: [UInt8], name: String, functions: Template.Functions) {
        self.source = source
        self.name = name
        self.functions = functions
        tokens = Lexer.tokenize(source)
    }

    // MARK: token cursor

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private mutating func next() -> Token {
        let token = current
        if index < tokens.count { index += 1 }
        return token
    }

    private mutating func nextNonSpace() -> Token {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> Token {
        let saved = index
        let token = nextNonSpace()
        index = saved
        return token
    }

    private func error(_ message: String, at token: Token) -> TemplateError {
        TemplateError.parse(message, name: name, source: source, at: token.start)
    }

    private func unexpected(_ token: Token, in context: String) -> TemplateError {
        token.kind == .error ? error(token.value, at: token) : error("unexpected \(token.quoted) in \(context)", at: token)
    }

    // MARK: structure

    /// Parses the whole template; `define`d and `block` templates land in `definitions`.
    mutating func parse() throws(TemplateError) -> [Node] {
        var nodes: [Node] = []
        while true {
            let token = current
            switch token.kind {
            case .eof:
                return nodes
            case .leftDelim where peekKeyword() == "define":
                _ = next()
                _ = nextNonSpace()
                try parseDefinition()
            default:
                switch try textOrAction() {
                case .node(let node): nodes.append(node)
                case .end(let t): throw error("unexpected {{end}}", at: t)
                case .else(let t): throw error("unexpected {{else}}", at: t)
                }
            }
        }
    }

    private func peekKeyword() -> String? {
        var i = index + 1
        while i < tokens.count && tokens[i].kind == .space { i += 1 }
        return i < tokens.count && tokens[i].kind == .keyword ? tokens[i].value : nil
    }

    private enum Item {
        case node(Node)
        case end(Token)
        case `else`(Token)
    }

    private mutating func textOrAction() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text: return .node(.text(token.value))
        case .leftDelim: return try action()
        default: throw unexpected(token, in: "input")
        }
    }

    private mutating func itemList() throws(TemplateError) -> (nodes: [Node], terminator: Item) {
        var nodes: [Node] = []
        while current.kind != .eof {
            let item = try textOrAction()
            guard case .node(let node) = item else { return (nodes, item) }
            nodes.append(node)
        }
        throw error("unexpected EOF", at: current)
    }

    private mutating func action() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        if token.kind == .keyword {
            switch token.value {
            case "block": return .node(try blockControl(token))
            case "break", "continue": return .node(try loopControl(token))
            case "else": return try elseControl(token)
            case "end":
                try expectRightDelim(context: "end")
                return .end(token)
            case "if": return .node(try control(token, context: "if"))
            case "range": return .node(try control(token, context: "range"))
            case "template": return .node(try templateControl(token))
            case "with": return .node(try control(token, context: "with"))
            default: throw unexpected(token, in: "command")
            }
        }
        index -= 1
        return .node(.action(try pipeline(context: "command", end: .rightDelim)))
    }

    private mutating func expectRightDelim(context: String) throws(TemplateError) {
        let token = nextNonSpace()
        guard token.kind == .rightDelim else { throw unexpected(token, in: context) }
    }

    private mutating func loopControl(_ keyword: Token) throws(TemplateError) -> Node {
        let token = nextNonSpace()
        guard token.kind == .rightDelim else { throw unexpected(token, in: "{{\(keyword.value)}}") }
        guard rangeDepth > 0 else { throw error("{{\(keyword.value)}} outside {{range}}", at: keyword) }
        return keyword.value == "break" ? .breakLoop : .continueLoop
    }

    private mutating func elseControl(_ keyword: Token) throws(TemplateError) -> Item {
        let peek = peekNonSpace()
        if peek.kind == .keyword && (peek.value == "if" || peek.value == "with") {
            // `{{else if}}`/`{{else with}}`: leave the keyword for the enclosing control to read.
            return .else(keyword)
        }
        try expectRightDelim(context: "else")
        return .else(keyword)
    }

    private mutating func control(_ keyword: Token, context: String) throws(TemplateError) -> Node {
        let scope = variables.count
        defer { variables.removeSubrange(scope...) }
        let pipe = try pipeline(context: context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        let (list, terminator) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]?
        if case .else = terminator {
            let peek = peekNonSpace()
            if peek.kind == .keyword && peek.value == context && context != "range" {
                _ = nextNonSpace()
                elseList = [try control(peek, context: context)]
                return make(context, pipe, list, elseList)
            }
            let (nodes, end) = try itemList()
            if case .else(let t) = end { throw error("expected end; found {{else}}", at: t) }
            elseList = nodes
        }
        return make(context, pipe, list, elseList)
    }

    private func make(_ context: String, _ pipe: Pipeline, _ list: [Node], _ elseList: [Node]?) -> Node {
        switch context {
        case "if": .ifNode(pipe, list, else: elseList)
        case "with": .with(pipe, list, else: elseList)
        default: .range(pipe, list, else: elseList)
        }
    }

    private mutating func templateName(context: String) throws(TemplateError) -> String {
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString, let text = GoQuote.unquote(token.value) else {
            throw unexpected(token, in: context)
        }
        return text
    }

    private mutating func templateControl(_ keyword: Token) throws(TemplateError) -> Node {
        let name = try templateName(context: "template clause")
        var pipe: Pipeline?
        if peekNonSpace().kind != .rightDelim {
            pipe = try pipeline(context: "template clause", end: .rightDelim)
        } else {
            _ = nextNonSpace()
        }
        return .template(name, pipe, Span(start: keyword.start, end: keyword.end))
    }

    private mutating func blockControl(_ keyword: Token) throws(TemplateError) -> Node {
        let name = try templateName(context: "block clause")
        let pipe = try pipeline(context: "block clause", end: .rightDelim)
        let saved = variables
        variables = ["$"]
        let (list, end) = try itemList()
        variables = saved
        guard case .end = end else { throw error("unexpected {{else}}", at: current) }
        definitions[name] = list
        return .template(name, pipe, Span(start: keyword.start, end: keyword.end))
    }

    private mutating func parseDefinition() throws(TemplateError) {
        let name = try templateName(context: "define clause")
        try expectRightDelim(context: "define clause")
        let saved = variables
        variables = ["$"]
        let (list, end) = try itemList()
        variables = saved
        guard case .end = end else { throw error("unexpected {{else}}", at: current) }
        definitions[name] = list
    }

    // MARK: pipelines

    private mutating func pipeline(context: String, end: Token.Kind) throws(TemplateError) -> Pipeline {
        let start = peekNonSpace().start
        var pipe = Pipeline(span: Span(start: start, end: start))
        try declarations(into: &pipe, context: context)
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                guard let last = pipe.commands.last else { throw error("missing value for \(context)", at: token) }
                pipe.span.end = last.span.end
                for command in pipe.commands.dropFirst() {
                    switch command.args[0] {
                    case .constant, .dot, .null:
                        throw error("non executable command in pipeline stage \(pipe.commands.count)", at: token)
                    default: break
                    }
                }
                return pipe
            case .bool, .charConstant, .dot, .field, .identifier, .number, .null, .rawString, .string, .variable,
                 .leftParen:
                index -= 1
                pipe.commands.append(try command())
            default:
                throw unexpected(token, in: context)
            }
        }
    }

    private mutating func declarations(into pipe: inout Pipeline, context: String) throws(TemplateError) {
        let saved = index
        var names: [String] = []
        while true {
            let variable = nextNonSpace()
            guard variable.kind == .variable else { break }
            let after = nextNonSpace()
            if after.kind == .declare || after.kind == .assign {
                names.append(variable.value)
                if after.kind == .declare { variables.append(contentsOf: names) } else {
                    guard variables.contains(variable.value) else {
                        throw error("undefined variable \"\(variable.value)\"", at: variable)
                    }
                    pipe.isAssignment = true
                }
                pipe.declarations = names
                return
            }
            guard after.kind == .comma, context == "range", names.isEmpty else { break }
            names.append(variable.value)
        }
        guard names.isEmpty else { throw error("too many declarations in \(context)", at: current) }
        index = saved
    }

    private mutating func command() throws(TemplateError) -> Command {
        var args: [Operand] = []
        let start = peekNonSpace().start
        while true {
            while current.kind == .space { _ = next() }
            if let operand = try operand() { args.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: index -= 1
            case .pipe:
                guard peekNonSpace().kind != .rightDelim, peekNonSpace().kind != .rightParen else {
                    throw error("missing command", at: token)
                }
            default: throw unexpected(token, in: "operand")
            }
            break
        }
        guard let last = args.last else { throw error("empty command", at: current) }
        return Command(args: args, span: Span(start: start, end: last.span.end))
    }

    private mutating func operand() throws(TemplateError) -> Operand? {
        guard var node = try term() else { return nil }
        guard current.kind == .field else { return node }
        var fields: [String] = []
        while current.kind == .field { fields.append(String(next().value.dropFirst())) }
        let span = Span(start: node.span.start, end: tokens[index - 1].end)
        switch node {
        case .field(let head, _): node = .field(head + fields, span)
        case .variable(let v, let head, _): node = .variable(v, head + fields, span)
        case .constant, .null, .dot:
            throw error("unexpected . after term \(GoQuote.quote(text(of: node.span)))", at: current)
        default: node = .chain(node, fields, span)
        }
        return node
    }

    private func text(of span: Span) -> String { String(decoding: source[span.start..<span.end], as: UTF8.self) }

    private mutating func term() throws(TemplateError) -> Operand? {
        let token = nextNonSpace()
        let span = Span(start: token.start, end: token.end)
        switch token.kind {
        case .identifier:
            guard let builtin = Builtin(rawValue: token.value), builtin.isAvailable(with: functions) else {
                throw error("function \(GoQuote.quote(token.value)) not defined", at: token)
            }
            return .function(builtin, span)
        case .dot: return .dot(span)
        case .null: return .null(span)
        case .variable:
            guard variables.contains(token.value) else {
                throw error("undefined variable \(GoQuote.quote(token.value))", at: token)
            }
            return .variable(token.value, [], span)
        case .field: return .field([String(token.value.dropFirst())], span)
        case .bool: return .constant(.bool(token.value == "true"), span)
        case .number:
            switch NumberLiteral(token.value) {
            case .int(let i): return .constant(.int(i), span)
            case .float(let f): return .constant(.float(f), span)
            case nil: throw error("bad number syntax: \(GoQuote.quote(token.value))", at: token)
            }
        case .charConstant:
            guard let text = GoQuote.unquote(token.value), let scalar = text.unicodeScalars.first,
                  text.unicodeScalars.count == 1 else {
                throw error("malformed character constant: \(token.value)", at: token)
            }
            return .constant(.int(Int64(scalar.value)), span)
        case .string, .rawString:
            guard let text = GoQuote.unquote(token.value) else { throw error("bad string: \(token.value)", at: token) }
            return .constant(.string(text), span)
        case .leftParen:
            let pipe = try pipeline(context: "parenthesized pipeline", end: .rightParen)
            return .pipeline(pipe, Span(start: token.start, end: tokens[index - 1].end))
        case .error:
            throw error(token.value, at: token)
        default:
            index -= 1
            return nil
        }
    }
}
