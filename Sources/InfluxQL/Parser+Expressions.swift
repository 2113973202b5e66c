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
        case .duration: return .duration(try parseDuration(token.literal))
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

/// Parses an InfluxQL duration literal (`10s`, `1h30m`, `-5m`, `2w`), in nanoseconds.
public func parseDuration(_ text: String) throws(InfluxQLError) -> Int64 {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 2 else { throw InfluxQLError("invalid duration") }
    var index = 0
    let negative = scalars[0] == "-"
    if negative { index += 1 }
    var total: Int64 = 0
    var overflow = false
    var last = ""
    while index < scalars.count {
        let start = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        guard index < scalars.count, index > start else { throw InfluxQLError("invalid duration") }
        guard let count = Int64(String(String.UnicodeScalarView(scalars[start..<index]))) else { throw InfluxQLError("invalid duration") }
        let unit: Int64
        var length = 1
        switch scalars[index] {
        case "n":
            guard index + 1 < scalars.count, scalars[index + 1] == "s" else { throw InfluxQLError("invalid duration") }
            unit = 1
            length = 2
        case "u", "µ": unit = 1_000
        case "m":
            if index + 1 < scalars.count, scalars[index + 1] == "s" {
                unit = 1_000_000
                length = 2
            } else {
                unit = 60_000_000_000
            }
        case "s": unit = 1_000_000_000
        case "h": unit = 3_600_000_000_000
        case "d": unit = 86_400_000_000_000
        case "w": unit = 604_800_000_000_000
        default: throw InfluxQLError("invalid duration")
        }
        last = "\(count)" + String(String.UnicodeScalarView(scalars[index..<index + length]))
        let (product, productOverflow) = count.multipliedReportingOverflow(by: unit)
        let (sum, sumOverflow) = total.addingReportingOverflow(product)
        if productOverflow || sumOverflow { overflow = true }
        total = sum
        index += length
    }
    if (overflow || total < 0) && !negative {
        throw InfluxQLError("overflowed duration \(last): choose a smaller duration or INF")
    }
    return negative ? -total : total
}

/// Why `pattern` is no valid regular expression, or nil.
private func regexProblem(_ pattern: String) -> String? {
    do {
        _ = try NSRegularExpression(pattern: pattern)
        return nil
    } catch {
        return "error parsing regexp: invalid regular expression: `\(pattern)`"
    }
}
