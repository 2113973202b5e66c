import Models

/// A field type the InfluxQL functions read and produce: Kapacitor's float64, int64, string and bool.
protocol InfluxQLValue: Sendable, Equatable {
    /// The Go type name Kapacitor's errors show (`float64`).
    static var goType: String { get }
    /// The field's value when the field has this type.
    static func read(_ field: FieldValue) -> Self?
    /// The value as a field.
    var field: FieldValue { get }
    /// Go's `<` on the type: strings by bytes, false before true.
    static func goLess(_ a: Self, _ b: Self) -> Bool
    /// Whether `first` prefers `current` over `previous` when both have the same time.
    static func firstWinsTie(_ current: Self, _ previous: Self) -> Bool
}

extension InfluxQLValue {
    static func firstWinsTie(_ current: Self, _ previous: Self) -> Bool { goLess(previous, current) }
}

/// A numeric InfluxQL value with Go's arithmetic: integers wrap around.
protocol InfluxQLNumber: InfluxQLValue, Hashable {
    static var zero: Self { get }
    /// Whether the type is float64 (some reducers treat the two types differently).
    static var isFloat: Bool { get }
    /// The start of `spread`'s minimum and maximum.
    static var spreadStart: (min: Self, max: Self) { get }
    static func add(_ a: Self, _ b: Self) -> Self
    static func subtract(_ a: Self, _ b: Self) -> Self
    /// `spread`'s running minimum and maximum: Go's `math.Min`/`math.Max` for floats.
    static func spreadMin(_ a: Self, _ b: Self) -> Self
    static func spreadMax(_ a: Self, _ b: Self) -> Self
    /// The value as a float64.
    var double: Double { get }
}

extension Double: InfluxQLNumber {
    static var goType: String { "float64" }
    static func read(_ field: FieldValue) -> Double? { if case .float(let v) = field { v } else { nil } }
    var field: FieldValue { .float(self) }
    static func goLess(_ a: Double, _ b: Double) -> Bool { a < b }
    static var isFloat: Bool { true }
    static var spreadStart: (min: Double, max: Double) { (.infinity, -.infinity) }
    static func add(_ a: Double, _ b: Double) -> Double { a + b }
    static func subtract(_ a: Double, _ b: Double) -> Double { a - b }
    static func spreadMin(_ a: Double, _ b: Double) -> Double {
        if a == -.infinity || b == -.infinity { return -.infinity }
        if a.isNaN || b.isNaN { return .nan }
        if a == 0, b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }
    static func spreadMax(_ a: Double, _ b: Double) -> Double {
        if a == .infinity || b == .infinity { return .infinity }
        if a.isNaN || b.isNaN { return .nan }
        if a == 0, b == 0 { return a.sign == .plus ? a : b }
        return a > b ? a : b
    }
    var double: Double { self }
}

extension Int64: InfluxQLNumber {
    static var goType: String { "int64" }
    static func read(_ field: FieldValue) -> Int64? { if case .int(let v) = field { v } else { nil } }
    var field: FieldValue { .int(self) }
    static func goLess(_ a: Int64, _ b: Int64) -> Bool { a < b }
    static var isFloat: Bool { false }
    static var spreadStart: (min: Int64, max: Int64) { (.max, .min) }
    static func add(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    static func subtract(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    static func spreadMin(_ a: Int64, _ b: Int64) -> Int64 { b < a ? b : a }
    static func spreadMax(_ a: Int64, _ b: Int64) -> Int64 { b > a ? b : a }
    var double: Double { Double(self) }
}

extension String: InfluxQLValue {
    static var goType: String { "string" }
    static func read(_ field: FieldValue) -> String? { if case .string(let v) = field { v } else { nil } }
    var field: FieldValue { .string(self) }
    static func goLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

extension Bool: InfluxQLValue {
    static var goType: String { "bool" }
    static func read(_ field: FieldValue) -> Bool? { if case .bool(let v) = field { v } else { nil } }
    var field: FieldValue { .bool(self) }
    static func goLess(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    /// InfluxDB's boolean `first` keeps false over true at the same time.
    static func firstWinsTie(_ current: Bool, _ previous: Bool) -> Bool { !current && previous }
}

/// A point as InfluxDB's reducers see it: a time, a value, and the tags and fields of the point
/// it came from (selectors return them, `top` and `bottom` keep the tags).
struct Sample<Value> {
    /// InfluxDB's `ZeroTime`: the result has no time of its own and takes the batch's.
    static var zeroTime: Timestamp { .min }

    var time: Timestamp
    var value: Value
    var tags = Tags()
    var fields = Fields()
}

/// The types of field a function may be applied to, named as Go's reflection names them.
enum FieldKind: String, Sendable {
    case float = "float64", integer = "int64", string, boolean = "bool", unsigned = "uint64"

    /// The kind of `value`.
    init(_ value: FieldValue) {
        switch value {
        case .float: self = .float
        case .int: self = .integer
        case .string: self = .string
        case .bool: self = .boolean
        case .uint: self = .unsigned
        }
    }
}

extension FieldValue {
    /// The Go type name of the value, as Kapacitor's type errors show it.
    var goType: String { FieldKind(self).rawValue }
}
