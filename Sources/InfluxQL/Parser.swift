import Foundation

/// Parses InfluxQL SELECT statements as influxql does, with its error messages.
struct Parser {
    var scanner: Scanner
    /// Tokens scanned, the latest last, so that up to three can be pushed back.
    private var recent: [Token] = []
    private var unscanned = 0
    /// How many tokens were pushed back (then the scanner is ahead of the parser).
    var pushedBack: Int { unscanned }

    init(_ text: String) { scanner = Scanner(text) }

    // MARK: Tokens

    mutating func scan() -> Token {
        if unscanned > 0 {
            unscanned -= 1
            return recent[recent.count - 1 - unscanned]
        }
        let token = scanner.scan()
        recent.append(token)
        if recent.count > 3 { recent.removeFirst() }
        return token
    }

    mutating func unscan() { unscanned += 1 }

    /// The next token that is not whitespace or a comment.
    mutating func scanSkippingWhitespace() -> Token {
        while true {
            let token = scan()
            if token.kind != .whitespace && token.kind != .comment { return token }
        }
    }

    /// Skips one whitespace token if next.
    mutating func consumeWhitespace() {
        if scan().kind != .whitespace { unscan() }
    }

    private mutating func expect(_ kinds: [Token.Kind]) throws(InfluxQLError) {
        for kind in kinds {
            let token = scanSkippingWhitespace()
            guard token.kind == kind else { throw .unexpected(token, expected: [Token(kind: kind, position: token.position, literal: "").display]) }
        }
    }

    // MARK: Statements

    /// The statements of the text, separated by semicolons; anything but SELECT is reported by its
    /// first keyword.
    mutating func parseQuery() throws(InfluxQLError) -> [Statement] {
        var statements: [Statement] = []
        var separated = true
        while true {
            let token = scanSkippingWhitespace()
            switch token.kind {
            case .eof: return statements
            case .semicolon: separated = true
            default:
                guard separated else { throw .unexpected(token, expected: [";"]) }
                unscan()
                statements.append(try parseStatement())
                separated = false
            }
        }
    }

    private static let statementKeywords = ["SELECT", "DELETE", "SHOW", "CREATE", "DROP", "EXPLAIN", "GRANT", "REVOKE", "ALTER", "SET", "KILL"]

    private mutating func parseStatement() throws(InfluxQLError) -> Statement {
        let token = scanSkippingWhitespace()
        switch token.kind {
        case .keyword("SELECT"): return .select(try parseSelect(subquery: false))
        case .keyword(let name) where Self.statementKeywords.contains(name):
            // Another kind of statement: its text up to the next semicolon.
            var text = name
            while true {
                let next = scan()
                if next.kind == .eof || next.kind == .semicolon {
                    unscan()
                    break
                }
                text += next.kind == .string ? InfluxQLSyntax.quoteString(next.literal) : next.display
            }
            return .other(text)
        default: throw .unexpected(token, expected: Self.statementKeywords)
        }
    }

    mutating func parseSelect(subquery: Bool) throws(InfluxQLError) -> SelectStatement {
        var statement = SelectStatement()
        statement.fields = try parseFields()
        statement.target = try parseTarget()
        let from = scanSkippingWhitespace()
        guard from.kind == .keyword("FROM") else { throw .unexpected(from, expected: ["FROM"]) }
        statement.sources = try parseSources()
        if scanSkippingWhitespace().kind == .keyword("WHERE") {
            statement.condition = try parseExpr()
        } else {
            unscan()
        }
        statement.dimensions = try parseDimensions()
        statement.fill = try parseFill()
        statement.sortFields = try parseOrderBy()
        statement.limit = try parseOptionalInt("LIMIT")
        statement.offset = try parseOptionalInt("OFFSET")
        statement.seriesLimit = try parseOptionalInt("SLIMIT")
        statement.seriesOffset = try parseOptionalInt("SOFFSET")
        statement.location = try parseLocation()
        return statement
    }

    private mutating func parseFields() throws(InfluxQLError) -> [SelectField] {
        var fields: [SelectField] = []
        while true {
            fields.append(try parseField())
            if scan().kind != .comma {
                unscan()
                return fields
            }
        }
    }

    private mutating func parseField() throws(InfluxQLError) -> SelectField {
        let expr: Expr
        if let regex = try parseRegex() {
            expr = regex
        } else {
            let start = scanSkippingWhitespace().position
            unscan()
            expr = try parseExpr()
            if let op = Self.booleanOperator(in: expr) {
                throw InfluxQLError("invalid operator \(op.rawValue) in SELECT clause at line \(start.line + 1), char \(start.char + 1); operator is intended for WHERE clause")
            }
        }
        var alias = ""
        if scanSkippingWhitespace().kind == .keyword("AS") {
            alias = try parseIdentifier()
        } else {
            unscan()
        }
        consumeWhitespace()
        return SelectField(expr: expr, alias: alias)
    }

    /// The first comparison or logical operator in a SELECT expression, which influxql rejects.
    private static func booleanOperator(in expr: Expr) -> Operator? {
        switch expr {
        case .binary(let op, let lhs, let rhs):
            switch op {
            case .eq, .neq, .eqRegex, .neqRegex, .lt, .lte, .gt, .gte, .and, .or: return op
            default: return booleanOperator(in: lhs) ?? booleanOperator(in: rhs)
            }
        case .paren(let inner): return booleanOperator(in: inner)
        case .call(_, let arguments): return arguments.lazy.compactMap(booleanOperator(in:)).first
        default: return nil
        }
    }

    mutating func parseIdentifier() throws(InfluxQLError) -> String {
        let token = scanSkippingWhitespace()
        guard token.kind == .identifier else { throw .unexpected(token, expected: ["identifier"]) }
        return token.literal
    }

    /// `a.b.c`, `a..c`; stops before a regex segment.
    mutating func parseSegmentedIdentifiers() throws(InfluxQLError) -> [String] {
        var segments = [try parseIdentifier()]
        while true {
            if scan().kind != .dot {
                unscan()
                break
            }
            let next = scanner.peek
            if next == "/" || next == ":" { break }
            if next == "." {
                segments.append("")
                continue
            }
            segments.append(try parseIdentifier())
        }
        if segments.count > 3 {
            let quoted = segments.enumerated().map { index, segment in
                segment.isEmpty && index > 0 && index < segments.count - 1 ? "" : InfluxQLSyntax.quoteIdentifier(segment)
            }
            throw InfluxQLError.at(Position(line: 0, char: 0), "too many segments in \(quoted.joined(separator: "."))")
        }
        return segments
    }

    private mutating func parseTarget() throws(InfluxQLError) -> Measurement? {
        guard scanSkippingWhitespace().kind == .keyword("INTO") else {
            unscan()
            return nil
        }
        var segments = try parseSegmentedIdentifiers()
        if segments.count < 3 && scanner.peek == ":" {
            try expect([.colon, .keyword("MEASUREMENT")])
            segments.append("")
        }
        var measurement = Measurement()
        switch segments.count {
        case 1: measurement.name = segments[0]
        case 2: (measurement.retentionPolicy, measurement.name) = (segments[0], segments[1])
        default: (measurement.database, measurement.retentionPolicy, measurement.name) = (segments[0], segments[1], segments[2])
        }
        return measurement
    }

    private mutating func parseSources() throws(InfluxQLError) -> [Source] {
        var sources: [Source] = []
        while true {
            sources.append(try parseSource())
            if scanSkippingWhitespace().kind != .comma {
                unscan()
                return sources
            }
        }
    }

    private mutating func parseSource() throws(InfluxQLError) -> Source {
        var measurement = Measurement()
        if case .regex(let source)? = try parseRegex() {
            measurement.regex = source
            return .measurement(measurement)
        }
        if scanSkippingWhitespace().kind == .lparen {
            try expect([.keyword("SELECT")])
            let statement = try parseSelect(subquery: true)
            try expect([.rparen])
            return .subquery(statement)
        }
        unscan()
        let segments = try parseSegmentedIdentifiers()
        if segments.count == 3 {
            (measurement.database, measurement.retentionPolicy, measurement.name) = (segments[0], segments[1], segments[2])
            return .measurement(measurement)
        }
        var regex: String?
        if case .regex(let source)? = try parseRegex() { regex = source }
        measurement.regex = regex
        switch segments.count {
        case 1:
            if regex != nil { measurement.retentionPolicy = segments[0] } else { measurement.name = segments[0] }
        default:
            if regex != nil {
                (measurement.database, measurement.retentionPolicy) = (segments[0], segments[1])
            } else {
                (measurement.retentionPolicy, measurement.name) = (segments[0], segments[1])
            }
        }
        return .measurement(measurement)
    }

    private mutating func parseDimensions() throws(InfluxQLError) -> [Expr] {
        guard scanSkippingWhitespace().kind == .keyword("GROUP") else {
            unscan()
            return []
        }
        let by = scanSkippingWhitespace()
        guard by.kind == .keyword("BY") else { throw .unexpected(by, expected: ["BY"]) }
        var dimensions: [Expr] = []
        while true {
            if let regex = try parseRegex() {
                dimensions.append(regex)
            } else {
                dimensions.append(try parseExpr())
                consumeWhitespace()
            }
            if scan().kind != .comma {
                unscan()
                return dimensions
            }
        }
    }

    private mutating func parseFill() throws(InfluxQLError) -> FillOption {
        let token = scanSkippingWhitespace()
        unscan()
        guard token.kind == .identifier, token.literal.lowercased() == "fill" else { return .null }
        guard case .call(_, let arguments) = try parseExpr() else { throw InfluxQLError("fill must be a function call") }
        guard arguments.count == 1 else { throw InfluxQLError("fill requires an argument, e.g.: 0, null, none, previous, linear") }
        switch arguments[0].description {
        case "null": return .null
        case "none": return .noFill
        case "previous": return .previous
        case "linear": return .linear
        default:
            switch arguments[0] {
            case .integer(let value): return .integer(value)
            case .number(let value): return .number(value)
            default: throw InfluxQLError("expected number argument in fill()")
            }
        }
    }

    private mutating func parseOrderBy() throws(InfluxQLError) -> [SortField] {
        guard scanSkippingWhitespace().kind == .keyword("ORDER") else {
            unscan()
            return []
        }
        let by = scanSkippingWhitespace()
        guard by.kind == .keyword("BY") else { throw .unexpected(by, expected: ["BY"]) }
        var fields: [SortField] = []
        let first = scanSkippingWhitespace()
        switch first.kind {
        case .keyword("ASC"), .keyword("DESC"): fields.append(SortField(name: "", ascending: first.kind == .keyword("ASC")))
        case .identifier:
            unscan()
            let field = try parseSortField()
            guard first.literal == "time" else { throw InfluxQLError("only ORDER BY time supported at this time") }
            fields.append(field)
        default: throw .unexpected(first, expected: ["identifier", "ASC", "DESC"])
        }
        while true {
            if scanSkippingWhitespace().kind != .comma {
                unscan()
                break
            }
            fields.append(try parseSortField())
        }
        if fields.count > 1 { throw InfluxQLError("only ORDER BY time supported at this time") }
        return fields
    }

    private mutating func parseSortField() throws(InfluxQLError) -> SortField {
        let name = try parseIdentifier()
        let direction = scanSkippingWhitespace()
        if direction.kind != .keyword("ASC") && direction.kind != .keyword("DESC") { unscan() }
        return SortField(name: name, ascending: direction.kind != .keyword("DESC"))
    }

    private mutating func parseOptionalInt(_ keyword: String) throws(InfluxQLError) -> Int {
        guard scanSkippingWhitespace().kind == .keyword(keyword) else {
            unscan()
            return 0
        }
        let token = scanSkippingWhitespace()
        guard token.kind == .integer else { throw .unexpected(token, expected: ["integer"]) }
        return Int(token.literal) ?? 0
    }

    private mutating func parseLocation() throws(InfluxQLError) -> String? {
        let token = scanSkippingWhitespace()
        unscan()
        guard token.kind == .identifier, token.literal.lowercased() == "tz" else { return nil }
        guard case .call(_, let arguments) = try parseExpr() else { throw InfluxQLError("tz must be a function call") }
        guard arguments.count == 1 else { throw InfluxQLError("tz requires exactly one argument") }
        guard case .string(let name) = arguments[0] else { throw InfluxQLError("expected string argument in tz()") }
        if name.isEmpty || name == "UTC" { return "UTC" }
        if name == "Local" { return name }
        guard TimeZone(identifier: name) != nil else { throw InfluxQLError("unable to find time zone \(name)") }
        return name
    }
}

/// One parsed statement: a SELECT, or another kind kept as its text.
enum Statement {
    /// A SELECT statement.
    case select(SelectStatement)
    /// Another statement, as its text.
    case other(String)
}
