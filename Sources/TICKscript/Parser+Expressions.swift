extension Parser {
    /// The tokens a primary expression may start with, as Kapacitor lists them in errors.
    static let primaryStarts = ["number", "string", "duration", "identifier", "TRUE", "FALSE", "==", "(", "-", "!"]

    static func isChainOperator(_ kind: Token.Kind) -> Bool {
        kind == .dot || kind == .pipe || kind == .at
    }

    mutating func expression() throws(ParseError) -> Node {
        switch peek.kind {
        case .identifier where peek(1).kind == .leftParen:
            let call = try function()
            return Self.isChainOperator(peek.kind) ? try chain(call) : try precedence(call, 0)
        case .identifier where Self.isChainOperator(peek(1).kind):
            let item = take()
            return try chain(Node(.identifier(item.token.text), at: item.token.offset, comment: item.comment))
        case .lambda:
            let item = take()
            return Node(.lambda(try primaryExpression()), at: item.token.offset, comment: item.comment)
        case .leftBracket:
            return try list()
        default:
            return try primaryExpression()
        }
    }

    mutating func chain(_ start: Node) throws(ParseError) -> Node {
        var left = start
        while Self.isChainOperator(peek.kind) {
            let op = take()
            let right: Node
            if op.token.kind == .pipe || peek(1).kind == .leftParen {
                right = try function()
            } else {
                let name = try expect(.identifier)
                right = Node(.identifier(name.token.text), at: name.token.offset, comment: name.comment)
            }
            left = Node(.chain(left: left, op: op.token.kind, right: right), at: op.token.offset, comment: op.comment)
        }
        return left
    }

    mutating func function() throws(ParseError) -> Node {
        let name = try expect(.identifier)
        _ = try expect(.leftParen)
        let arguments = try argumentList { (parser: inout Parser) throws(ParseError) in try parser.expression() }
        let multiLine = arguments.last.map { source.bytes[name.token.offset..<$0.offset].contains(UInt8(ascii: "\n")) } ?? false
        return Node(
            .function(Function(name: name.token.text, arguments: arguments, multiLine: multiLine)),
            at: name.token.offset, comment: name.comment)
    }

    /// Comma-separated arguments up to and including `)`; a trailing comma is allowed.
    mutating func argumentList(
        _ argument: (inout Parser) throws(ParseError) -> Node
    ) throws(ParseError) -> [Node] {
        var arguments: [Node] = []
        while peek.kind != .rightParen {
            arguments.append(try argument(&self))
            guard peek.kind == .comma else { break }
            skip()
        }
        guard peek.kind == .rightParen else { throw unexpected(peek, expected: [")"]) }
        skip()
        return arguments
    }

    mutating func list() throws(ParseError) -> Node {
        let open = take()
        var elements: [Node] = []
        while peek.kind != .rightBracket {
            let item = take()
            switch item.token.kind {
            case .identifier: elements.append(Node(.identifier(item.token.text), at: item.token.offset))
            case .string: elements.append(Node(.string(Self.string(item.token.text)), at: item.token.offset))
            case .star: elements.append(Node(.star, at: item.token.offset))
            default: throw unexpected(item.token, expected: ["identifier", "string", "*"])
            }
            guard peek.kind == .comma else { break }
            skip()
        }
        _ = try expect(.rightBracket)
        return Node(.list(elements), at: open.token.offset, comment: open.comment)
    }

    // MARK: Lambda expressions

    mutating func primaryExpression() throws(ParseError) -> Node {
        try precedence(try primary(), 0)
    }

    /// Precedence climbing: every operator is left-associative; higher precedence binds tighter.
    mutating func precedence(_ start: Node, _ minimum: Int) throws(ParseError) -> Node {
        var left = start
        while peek.kind.isBinaryOperator && peek.kind.precedence >= minimum {
            let op = take()
            var right = try primary()
            while peek.kind.isBinaryOperator && peek.kind.precedence > op.token.kind.precedence {
                right = try precedence(right, peek.kind.precedence)
            }
            let multiLine = left.offset < right.offset
                && source.bytes[left.offset..<right.offset].contains(UInt8(ascii: "\n"))
            left = Node(
                .binary(Binary(left: left, op: op.token.kind, right: right, multiLine: multiLine)),
                at: op.token.offset, comment: op.comment)
        }
        return left
    }

    mutating func primary() throws(ParseError) -> Node {
        let token = peek
        switch token.kind {
        case .leftParen:
            let open = next()
            var inner = try primaryExpression()
            guard peek.kind == .rightParen else { throw unexpected(peek, expected: [")"]) }
            skip()
            if case .binary(var binary) = inner.kind {
                binary.parenthesized = true
                inner.kind = .binary(binary)
            }
            inner.comment = open.comment
            return inner
        case .number:
            let item = take()
            return Node(.number(try number(item.token)), at: token.offset, comment: item.comment)
        case .string:
            let item = take()
            return Node(.string(Self.string(token.text)), at: token.offset, comment: item.comment)
        case .trueKeyword, .falseKeyword:
            let item = take()
            return Node(.boolean(token.kind == .trueKeyword), at: token.offset, comment: item.comment)
        case .duration:
            let item = take()
            return Node(.duration(token.text), at: token.offset, comment: item.comment)
        case .regex:
            let item = take()
            let literal = String(token.text.dropFirst().dropLast())
            // Kapacitor's parser compiles the literal: Go's syntax errors are parse errors.
            if let error = RegexSyntax.check(RegexSyntax.pattern(ofLiteral: literal)) {
                throw failure(error.message, at: token.offset)
            }
            return Node(.regex(literal), at: token.offset, comment: item.comment)
        case .star:
            let item = take()
            return Node(.star, at: token.offset, comment: item.comment)
        case .reference:
            let item = take()
            return Node(.reference(Self.unquoteReference(token.text)), at: token.offset, comment: item.comment)
        case .identifier where peek(1).kind == .leftParen:
            return try lambdaFunction()
        case .identifier:
            let item = take()
            return Node(.identifier(token.text), at: token.offset, comment: item.comment)
        case .minus, .not:
            skip()
            let operand = try primary()
            return Node(.unary(op: token.kind, operand: operand), at: token.offset)
        default:
            throw unexpected(token, expected: Self.primaryStarts)
        }
    }

    /// A function call inside a lambda (`sigma("value")`); comments inside, even before its name,
    /// are not kept (as in Kapacitor).
    mutating func lambdaFunction() throws(ParseError) -> Node {
        let name = take()
        skip()
        let arguments = try argumentList { (parser: inout Parser) throws(ParseError) in try parser.primaryExpression() }
        return Node(.function(Function(name: name.token.text, arguments: arguments)), at: name.token.offset)
    }

    // MARK: Literals

    func number(_ token: Token) throws(ParseError) -> NumberLiteral {
        let text = token.text
        if text.contains(".") {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw failure("illegal number syntax: \"\(text)\"", at: token.offset)
            }
            return NumberLiteral(float: value)
        }
        if text.count > 1 && text.hasPrefix("0") {
            guard let value = Int64(text.dropFirst(), radix: 8) else {
                throw failure("illegal number syntax: \"\(text)\"", at: token.offset)
            }
            return NumberLiteral(integer: value, base: 8)
        }
        guard let value = Int64(text) else { throw failure("illegal number syntax: \"\(text)\"", at: token.offset) }
        return NumberLiteral(integer: value)
    }

    static func string(_ text: String) -> StringLiteral {
        let utf8 = text.utf8
        if utf8.count >= 6 && utf8.starts(with: "'''".utf8) {
            return StringLiteral(String(decoding: utf8.dropFirst(3).dropLast(3), as: UTF8.self), tripleQuoted: true)
        }
        return StringLiteral(unquoting(text, quote: UInt8(ascii: "'")))
    }

    static func unquoteReference(_ text: String) -> String {
        unquoting(text, quote: UInt8(ascii: "\""))
    }

    /// The text between a token's quotes, with each backslash-escaped `quote` replaced by the quote
    /// alone.
    static func unquoting(_ text: String, quote: UInt8) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let inner = UnsafeBufferPointer(rebasing: bytes[min(1, bytes.count)..<max(bytes.count - 1, min(1, bytes.count))])
            guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
            var result: [UInt8] = []
            result.reserveCapacity(inner.count)
            var index = 0
            while index < inner.count {
                if inner[index] == UInt8(ascii: "\\"), index + 1 < inner.count, inner[index + 1] == quote {
                    result.append(quote)
                    index += 2
                } else {
                    result.append(inner[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
