import Foundation

extension Parser {
    /// An expression, operators bound by precedence, left to right.
    mutating func parseExpr() throws(InfluxQLError) -> Expr {
        var root = try parseUnaryExpr()
        while true {
            let token = scanSkippingWhitespace()
            guard case .op(let op) = token.kind else {
                unscan()
                return root
            }
            let rhs: Expr
            if op.isRegex {
                guard let regex = try parseRegex() else {
                    throw .unexpected(scanSkippingWhitespace(), expected: ["regex"])
                }
                rhs = regex
            } else {
                rhs = try parseUnaryExpr()
            }
            root = Self.insert(op, rhs, into: root)
        }
    }

    /// Descends the right spine while the operators there bind tighter than `op`, as influxql does.
    private static func insert(_ op: Operator, _ rhs: Expr, into node: Expr) -> Expr {
        if case .binary(let existing, let lhs, let right) = node, existing.precedence < op.precedence {
            return .binary(existing, lhs, insert(op, rhs, into: right))
        }
        return .binary(op, node, rhs)
    }

    private mutating func parseUnaryExpr() throws(InfluxQLError) -> Expr {
        if scanSkippingWhitespace().kind == .lparen {
            let expr = try parseExpr()
            let close = scanSkippingWhitespace()
            guard close.kind == .rparen else { throw .unexpected(close, expected: [")"]) }
            return .paren(expr)
        }
        unscan()
        let token = scanSkippingWhitespace()
        switch token.kind {
        case .identifier:
            if scan().kind == .lparen { return try parseCall(token.literal) }
            unscan()
            unscan()
            return try parseVarRef()
        case .keyword("DISTINCT"):
            let next = scan()
            if next.kind == .lparen { return try parseCall("distinct") }
            if next.kind == .whitespace {
                let name = scanSkippingWhitespace()
                guard name.kind == .identifier else { throw .unexpected(name, expected: ["identifier"]) }
                return .distinct(name.literal)
            }
            throw .unexpected(next, expected: ["(", "identifier"])
        case .string: return .string(token.literal)
        case .number:
            guard let value = Double(token.literal) else { throw .at(token.position, "unable to parse number") }
            return .number(value)
        case .integer:
            if let value = Int64(token.literal) { return .integer(value) }
            if let value = UInt64(token.literal) { return .unsigned(value) }
            throw .at(token.position, "unable to parse integer")
        case .trueLiteral: return .boolean(true)
        case .falseLiteral: return .boolean(false)
        case .duration: return .duration(try InfluxQLSyntax.parseDuration(token.literal))
        case .op(.mul):
            guard scan().kind == .doubleColon else {
                unscan()
                return .wildcard(type: nil)
            }
            let type = scan()
            switch type.kind {
            case .keyword("FIELD"): return .wildcard(type: "field")
            case .keyword("TAG"): return .wildcard(type: "tag")
            default: throw .unexpected(type, expected: ["field", "tag"])
            }
        case .regex: return .regex(token.literal)
        case .boundParameter:
            let name = token.literal.dropFirst()
            throw InfluxQLError(name.isEmpty ? "empty bound parameter" : "missing parameter: \(name)")
        case .op(let sign) where sign == .add || sign == .sub:
            let next = scanSkippingWhitespace()
            switch next.kind {
            case .number, .integer, .duration, .lparen, .identifier:
                unscan()
                let operand = try parseUnaryExpr()
                let negative = sign == .sub
                switch operand {
                case .number(let value): return .number(negative ? -value : value)
                case .integer(let value): return .integer(negative ? -value : value)
                case .unsigned(let value):
                    guard negative else { return operand }
                    if value == UInt64(Int64.max) + 1 { return .integer(Int64.min) }
                    throw InfluxQLError("constant -\(value) underflows int64")
                case .duration(let value): return .duration(negative ? -value : value)
                default: return .binary(.mul, .integer(negative ? -1 : 1), operand)
                }
            default: throw .unexpected(next, expected: ["identifier", "number", "duration", "("])
            }
        default: throw .unexpected(token, expected: ["identifier", "string", "number", "bool"])
        }
    }

    /// A regular expression if the next non-space character starts one, else nil.
    mutating func parseRegex() throws(InfluxQLError) -> Expr? {
        guard pushedBack == 0 else { return nil }
        scanner.skipWhitespace()
        guard scanner.peek == "/" else { return nil }
        let token = scanner.scanRegex()
        switch token.kind {
        case .badRegex: throw .at(token.position, "bad regex: \(token.literal)")
        default: break
        }
        if let problem = regexProblem(token.literal) { throw .at(token.position, problem) }
        return .regex(token.literal)
    }

    /// A function call whose name and `(` were read.
    private mutating func parseCall(_ name: String) throws(InfluxQLError) -> Expr {
        let name = name.lowercased()
        var arguments: [Expr] = []
        if let regex = try parseRegex() {
            arguments.append(regex)
        } else {
            if scan().kind == .rparen { return .call(name, []) }
            unscan()
            arguments.append(try parseExpr())
        }
        while true {
            if scanSkippingWhitespace().kind != .comma {
                unscan()
                break
            }
            if let regex = try parseRegex() {
                arguments.append(regex)
            } else {
                arguments.append(try parseExpr())
            }
        }
        let close = scan()
        guard close.kind == .rparen else { throw .unexpected(close, expected: [")"]) }
        return .call(name, arguments)
    }

    /// A field or tag reference with an optional `::type`.
    private mutating func parseVarRef() throws(InfluxQLError) -> Expr {
        let segments = try parseSegmentedIdentifiers()
        var type: String?
        if scan().kind == .doubleColon {
            let token = scan()
            switch token.kind {
            case .identifier where ["float", "integer", "unsigned", "string", "boolean"].contains(token.literal.lowercased()):
                type = token.literal.lowercased()
            case .identifier:
                throw .unexpected(token, expected: ["float", "integer", "unsigned", "string", "boolean", "field", "tag"])
            case .keyword("FIELD"): type = "field"
            case .keyword("TAG"): type = "tag"
            default: throw .unexpected(token, expected: ["float", "integer", "string", "boolean", "field", "tag"])
            }
        } else {
            unscan()
        }
        return .varRef(segments.joined(separator: "."), type: type)
    }
}


/// Why `pattern` is no valid regular expression for Go's RE2, or nil: RE2 has no lookaround and
/// no back references; other syntax errors are found by ICU and worded generically.
private func regexProblem(_ pattern: String) -> String? {
    for perl in ["(?=", "(?!", "(?<=", "(?<!"] where pattern.contains(perl) {
        return "error parsing regexp: invalid or unsupported Perl syntax: `\(perl)`"
    }
    let scalars = Array(pattern.unicodeScalars)
    var index = 0
    while index + 1 < scalars.count {
        if scalars[index] == "\\" {
            if ("1"..."9").contains(scalars[index + 1]) {
                return "error parsing regexp: invalid escape sequence: `\\\(scalars[index + 1])`"
            }
            index += 2
        } else {
            index += 1
        }
    }
    do {
        _ = try NSRegularExpression(pattern: pattern)
        return nil
    } catch {
        return "error parsing regexp: invalid regular expression: `\(pattern)`"
    }
}
