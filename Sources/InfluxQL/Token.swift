/// A position in InfluxQL text: zero-based line and character, as influxql counts them.
struct Position: Sendable, Equatable {
    /// The line, from 0.
    var line: Int
    /// The character in the line, from 0.
    var char: Int
}

/// The operators of InfluxQL expressions, spelled as influxql prints them.
public enum Operator: String, Sendable, Equatable {
    /// Arithmetic and bitwise operators.
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%"
    case bitwiseAnd = "&", bitwiseOr = "|", bitwiseXor = "^"
    /// Logical operators.
    case and = "AND", or = "OR"
    /// Comparisons, regex matches included.
    case eq = "=", neq = "!=", eqRegex = "=~", neqRegex = "!~", lt = "<", lte = "<=", gt = ">", gte = ">="

    /// Binding strength: OR 1, AND 2, comparisons 3, `+ - | ^` 4, `* / % &` 5.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .eq, .neq, .eqRegex, .neqRegex, .lt, .lte, .gt, .gte: 3
        case .add, .sub, .bitwiseOr, .bitwiseXor: 4
        case .mul, .div, .mod, .bitwiseAnd: 5
        }
    }

    /// Whether the right-hand side must be a regular expression.
    var isRegex: Bool { self == .eqRegex || self == .neqRegex }
}

/// One token of InfluxQL text.
struct Token {
    enum Kind: Equatable {
        case illegal, eof, whitespace, comment
        case identifier, boundParameter, number, integer, duration, string, badString, badEscape, regex, badRegex
        case trueLiteral, falseLiteral
        case op(Operator)
        case lparen, rparen, comma, colon, doubleColon, semicolon, dot
        /// A keyword, by its upper-case name.
        case keyword(String)
    }

    var kind: Kind
    var position: Position
    /// The text of identifiers, strings, numbers, regexes; empty for keywords and punctuation.
    var literal: String

    /// How a parse error names the token: its literal, else the kind's name.
    var display: String {
        if !literal.isEmpty { return literal }
        switch kind {
        case .illegal: return "ILLEGAL"
        case .eof: return "EOF"
        case .whitespace: return "WS"
        case .comment: return "COMMENT"
        case .identifier: return "IDENT"
        case .boundParameter: return ""
        case .number: return "NUMBER"
        case .integer: return "INTEGER"
        case .duration: return "DURATIONVAL"
        case .string: return "STRING"
        case .badString: return "BADSTRING"
        case .badEscape: return "BADESCAPE"
        case .regex: return "REGEX"
        case .badRegex: return "BADREGEX"
        case .trueLiteral: return "TRUE"
        case .falseLiteral: return "FALSE"
        case .op(let op): return op.rawValue
        case .lparen: return "("
        case .rparen: return ")"
        case .comma: return ","
        case .colon: return ":"
        case .doubleColon: return "::"
        case .semicolon: return ";"
        case .dot: return "."
        case .keyword(let name): return name
        }
    }
}

/// InfluxQL's keywords; an identifier spelled like one (any case) must be quoted.
let keywords: Set<String> = [
    "ALL", "ALTER", "ANALYZE", "ANY", "AS", "ASC", "BEGIN", "BY", "CARDINALITY", "CREATE", "CONTINUOUS", "DATABASE",
    "DATABASES", "DEFAULT", "DELETE", "DESC", "DESTINATIONS", "DIAGNOSTICS", "DISTINCT", "DROP", "DURATION", "END",
    "EVERY", "EXACT", "EXPLAIN", "FIELD", "FOR", "FROM", "GRANT", "GRANTS", "GROUP", "GROUPS", "IN", "INF", "INSERT",
    "INTO", "KEY", "KEYS", "KILL", "LIMIT", "MEASUREMENT", "MEASUREMENTS", "NAME", "OFFSET", "ON", "ORDER", "PASSWORD",
    "POLICY", "POLICIES", "PRIVILEGES", "QUERIES", "QUERY", "READ", "REPLICATION", "RESAMPLE", "RETENTION", "REVOKE",
    "SELECT", "SERIES", "SET", "SHOW", "SHARD", "SHARDS", "SLIMIT", "SOFFSET", "STATS", "SUBSCRIPTION",
    "SUBSCRIPTIONS", "TAG", "TO", "USER", "USERS", "VALUES", "WHERE", "WITH", "WRITE",
]

/// The token kind of an identifier's text: a keyword, AND/OR, true/false, or a plain identifier.
func lookup(_ identifier: String) -> Token.Kind {
    let upper = identifier.uppercased()
    switch upper {
    case "AND": return .op(.and)
    case "OR": return .op(.or)
    case "TRUE": return .trueLiteral
    case "FALSE": return .falseLiteral
    default: return keywords.contains(upper) ? .keyword(upper) : .identifier
    }
}
