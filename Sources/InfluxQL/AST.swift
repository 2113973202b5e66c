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
    case integer(Int64)
    case unsigned(UInt64)
    case boolean(Bool)
    case string(String)
    /// A duration in nanoseconds.
    case duration(Int64)
    /// A time, printed as an RFC 3339 string; only Kapacitor's time range makes these.
    case time(Timestamp)
    /// A regular expression, by its source text.
    case regex(String)
    /// `*`, `*::field` or `*::tag`.
    case wildcard(type: String?)
    case binary(Operator, Expr, Expr)
    case paren(Expr)
}

/// One expression of the SELECT list.
public struct Field: Sendable, Equatable {
    public var expr: Expr
    /// The `AS` name, empty when none.
    public var alias: String
}

/// A FROM source: a measurement (possibly a regex, with database and retention policy) or a subquery.
public indirect enum Source: Sendable, Equatable {
    case measurement(Measurement)
    case subquery(SelectStatement)
}

/// A measurement reference: `db.rp.name`, `db.rp./regex/`, `rp.name`, `name`.
public struct Measurement: Sendable, Equatable {
    public var database = ""
    public var retentionPolicy = ""
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
    case previous
    case linear
    case integer(Int64)
    case number(Double)
}

/// One ORDER BY field.
public struct SortField: Sendable, Equatable {
    /// The field (only `time` is allowed), empty for a bare `ASC`/`DESC`.
    public var name: String
    public var ascending: Bool
}

/// A SELECT statement.
public struct SelectStatement: Sendable, Equatable {
    public var fields: [Field] = []
    /// The INTO measurement, if any.
    public var target: Measurement?
    public var sources: [Source] = []
    public var condition: Expr?
    public var dimensions: [Expr] = []
    public var fill: FillOption = .null
    public var sortFields: [SortField] = []
    public var limit = 0
    public var offset = 0
    public var seriesLimit = 0
    public var seriesOffset = 0
    /// The `TZ('…')` name.
    public var location: String?
}
