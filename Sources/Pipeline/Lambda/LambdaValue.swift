import Models

/// A value of a lambda expression, typed as Kapacitor types lambda values.
///
/// Points carry InfluxDB's five field types; Kapacitor's lambdas know no unsigned integer, so a `.uint`
/// field becomes `.int` when it fits in an `Int64` and is an error otherwise (Kapacitor itself refuses
/// unsigned fields at write time).
public enum LambdaValue: Sendable, Equatable {
    case float(Double)
    case int(Int64)
    case string(String)
    case bool(Bool)
    case regex(LambdaRegex)
    /// A point time or `now()`: nanoseconds since the Unix epoch.
    case time(Timestamp)
    /// A duration in nanoseconds.
    case duration(Int64)
    /// A reference naming neither a field nor a tag of the point. Only `isPresent` accepts it;
    /// ``Lambda/evaluate(fields:tags:time:)`` reports it as an error instead of returning it.
    case missing

    /// The type of the value.
    var type: LambdaType {
        switch self {
        case .float: .float
        case .int: .int
        case .string: .string
        case .bool: .bool
        case .regex: .regex
        case .time: .time
        case .duration: .duration
        case .missing: .missing
        }
    }

    /// The value of a field; unsigned values beyond `Int64.max` cannot be represented.
    init(field value: FieldValue, named name: String) throws(LambdaError) {
        switch value {
        case .float(let v): self = .float(v)
        case .int(let v): self = .int(v)
        case .bool(let v): self = .bool(v)
        case .string(let v): self = .string(v)
        case .uint(let v):
            guard let int = Int64(exactly: v) else {
                throw LambdaError("field \"\(name)\" holds unsigned value \(v), too large for an int")
            }
            self = .int(int)
        }
    }
}

/// Kapacitor's value types (`ast.ValueType`), named as its messages name them.
enum LambdaType: Sendable, Equatable {
    case float, int, string, bool, regex, time, duration, missing

    /// The name Kapacitor's messages use.
    var name: String {
        switch self {
        case .float: "float"
        case .int: "int"
        case .string: "string"
        case .bool: "boolean"
        case .regex: "regex"
        case .time: "time"
        case .duration: "duration"
        case .missing: "missing"
        }
    }
}

extension LambdaValue {
    /// The payload of a value the signature check proved to be a float.
    var floatPayload: Double { if case .float(let v) = self { v } else { .nan } }
    /// The payload of a value the signature check proved to be an int.
    var intPayload: Int64 { if case .int(let v) = self { v } else { 0 } }
    /// The payload of a value the signature check proved to be a string.
    var stringPayload: String { if case .string(let v) = self { v } else { "" } }
    /// The payload of a value the signature check proved to be a time.
    var timePayload: Timestamp { if case .time(let v) = self { v } else { 0 } }
}
