/// The value of one field of a point: the five types InfluxDB's line protocol carries.
public enum FieldValue: Sendable, Hashable {
    case float(Double)
    case int(Int64)
    case uint(UInt64)
    case bool(Bool)
    case string(String)

    /// The value as a Double when it is numeric (int, uint or float).
    @inlinable
    public var numeric: Double? {
        switch self {
        case .float(let v): v
        case .int(let v): Double(v)
        case .uint(let v): Double(v)
        case .bool, .string: nil
        }
    }
}
