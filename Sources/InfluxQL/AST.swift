import Models

/// An InfluxQL expression, as influxql's AST holds it.
public indirect enum Expr: Sendable, Equatable {
    /// A field or tag reference, with its optional `::type` (`float`, `tag`, …).
    case varRef(String, type: String?)
    /// A function call; the name is lower case.
    case call(String, [Expr])
    /// `DISTINCT field`.
    case distinct(String)
    /// A decimal number (printed with three decimals, as influxql does).
    case number(Double)
    /// An integer.
    case integer(Int64)
    /// An integer above `Int64.max`.
    case unsigned(UInt64)
    /// `true` or `false`.
    case boolean(Bool)
    /// A single-quoted string.
    case string(String)
    /// A duration in nanoseconds.
    case duration(Int64)
    /// A time, printed as an RFC 3339 string; only Kapacitor's time range makes these.
    case time(Timestamp)
    /// A regular expression, by its source text.
    case regex(String)
    /// `*`, `*::field` or `*::tag`.
    case wildcard(type: String?)
    /// `lhs op rhs`.
    case binary(Operator, Expr, Expr)
    /// A parenthesised expression, as written.
    case paren(Expr)
}

/// One expression of the SELECT list.
public struct SelectField: Sendable, Equatable {
    /// The expression.
    public var expr: Expr
    /// The `AS` name, empty when none.
    public var alias: String
}

/// A FROM source: a measurement (possibly a regex, with database and retention policy) or a subquery.
public indirect enum Source: Sendable, Equatable {
    /// A measurement.
    case measurement(Measurement)
    /// `(SELECT …)`.
    case subquery(SelectStatement)
}

/// A measurement reference: `db.rp.name`, `db.rp./regex/`, `rp.name`, `name`.
public struct Measurement: Sendable, Equatable {
    /// The database, empty when not given.
    public var database = ""
    /// The retention policy, empty when not given.
    public var retentionPolicy = ""
    /// The name, empty for a regex.
    public var name = ""
    /// The regular expression's source text, or nil.
    public var regex: String?
}

/// `fill(...)`.
public enum FillOption: Sendable, Equatable {
    /// `fill(null)`, InfluxDB's default: not printed.
    case null
    /// `fill(none)`.
    case noFill
    /// `fill(previous)`.
    case previous
    /// `fill(linear)`.
    case linear
    /// `fill(<integer>)`.
    case integer(Int64)
    /// `fill(<number>)`.
    case number(Double)
}

/// One ORDER BY field.
public struct SortField: Sendable, Equatable {
    /// The field (only `time` is allowed), empty for a bare `ASC`/`DESC`.
    public var name: String
    /// ASC or DESC.
    public var ascending: Bool
}

/// A SELECT statement.
public struct SelectStatement: Sendable, Equatable {
    /// The SELECT list.
    public var fields: [SelectField] = []
    /// The INTO measurement, if any.
    public var target: Measurement?
    /// The FROM list.
    public var sources: [Source] = []
    /// The WHERE expression.
    public var condition: Expr?
    /// The GROUP BY list.
    public var dimensions: [Expr] = []
    /// The fill option.
    public var fill: FillOption = .null
    /// The ORDER BY list.
    public var sortFields: [SortField] = []
    /// LIMIT, 0 when none.
    public var limit = 0
    /// OFFSET, 0 when none.
    public var offset = 0
    /// SLIMIT, 0 when none.
    public var seriesLimit = 0
    /// SOFFSET, 0 when none.
    public var seriesOffset = 0
    /// The `TZ('…')` name.
    public var location: String?
}
