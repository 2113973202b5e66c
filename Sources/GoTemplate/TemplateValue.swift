/// A dynamically typed value a template renders: the small subset of Go values Kapacitor hands to its
/// alert and handler templates.
public enum TemplateValue: Sendable, Equatable {
    /// A Go `string`.
    case string(String)
    /// A Go `int64` (template integer constants are also ints).
    case int(Int64)
    /// A Go `float64`.
    case float(Double)
    /// A Go `bool`.
    case bool(Bool)
    /// A Go `time.Time` in UTC, as nanoseconds since the Unix epoch.
    case time(nanoseconds: Int64)
    /// A Go `time.Duration`, in nanoseconds.
    case duration(nanoseconds: Int64)
    /// A Go map with string keys, ranged and printed in key order.
    indirect case map(TemplateMap)
    /// A Go slice.
    case list([TemplateValue])
    /// A Go struct: named fields in declaration order.
    case object(TemplateObject)
    /// A nil interface or a missing value; an action prints it as `<no value>`.
    case null

    /// Go's truth of a value as `if`, `with`, `and`, `or` and `not` see it: false for the zero value
    /// of its type and for empty strings, maps and slices.
    public var isTrue: Bool {
        switch self {
        case .string(let s): !s.isEmpty
        case .int(let i): i != 0
        case .float(let f): f != 0
        case .bool(let b): b
        case .time, .object: true
        case .duration(let d): d != 0
        case .map(let m): !m.isEmpty
        case .list(let l): !l.isEmpty
        case .null: false
        }
    }

    /// The Go type name used in error messages and `%T`-like diagnostics.
    var goTypeName: String {
        switch self {
        case .string: "string"
        case .int: "int64"
        case .float: "float64"
        case .bool: "bool"
        case .time: "time.Time"
        case .duration: "time.Duration"
        case .map: "map[string]interface {}"
        case .list: "[]interface {}"
        case .object(let o): o.typeName
        case .null: "interface {}"
        }
    }
}

/// A Go map with string keys, kept sorted by key bytes as Go's `range`, `fmt` and `encoding/json`
/// order them.
public struct TemplateMap: Sendable, Equatable {
    /// The keys in ascending byte order.
    public private(set) var keys: [String]
    /// The values, parallel to `keys`.
    public private(set) var values: [TemplateValue]
    /// What `index` returns for a missing key: the zero value of the map's element type
    /// (`""` for `map[string]string`, nil for `map[string]interface{}`).
    public var missingValue: TemplateValue

    /// Creates a map from a dictionary; `missingValue` is what `index` yields for absent keys.
    public init(_ entries: [String: TemplateValue], missingValue: TemplateValue = .null) {
        let sorted = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        keys = sorted.map(\.key)
        values = sorted.map(\.value)
        self.missingValue = missingValue
    }

    /// Creates a `map[string]string` (tags), whose missing keys index to `""`.
    public init(strings entries: [String: String]) {
        self.init(entries.mapValues { .string($0) }, missingValue: .string(""))
    }

    /// The number of entries.
    public var count: Int { keys.count }
    /// Whether the map has no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value stored under `key`, or nil when absent.
    public subscript(key: String) -> TemplateValue? {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let k = keys[mid]
            if k == key { return values[mid] }
            if k.utf8.lexicographicallyPrecedes(key.utf8) { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}

/// A Go struct value: its type name (for error messages) and its exported fields in declaration
/// order (the order `encoding/json` writes them). Embedded structs are given flattened.
public struct TemplateObject: Sendable, Equatable {
    /// The Go type name, e.g. `kapacitor.messageInfo`.
    public var typeName: String
    /// Field names in declaration order.
    public private(set) var names: [String]
    /// Field values, parallel to `names`.
    public private(set) var values: [TemplateValue]

    /// Creates a struct value with its fields in declaration order.
    public init(typeName: String, fields: KeyValuePairs<String, TemplateValue>) {
        self.typeName = typeName
        names = fields.map(\.key)
        values = fields.map(\.value)
    }

    /// Creates a struct value from parallel arrays of names and values.
    public init(typeName: String, names: [String], values: [TemplateValue]) {
        self.typeName = typeName
        self.names = names
        self.values = values
    }

    /// The value of the field `name`, or nil when the struct has no such field.
    public subscript(name: String) -> TemplateValue? {
        for i in names.indices where names[i] == name { return values[i] }
        return nil
    }

    /// Returns a copy with one more field appended (e.g. `Message` for Kapacitor's details data).
    public func appending(_ name: String, _ value: TemplateValue) -> TemplateObject {
        TemplateObject(typeName: typeName, names: names + [name], values: values + [value])
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An int value.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A float value.
    public init(floatLiteral value: Double) { self = .float(value) }
    /// A bool value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
