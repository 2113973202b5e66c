/// The type of a template var, named as Kapacitor's API names it.
public enum VarType: String, Sendable, Hashable, CaseIterable, Codable {
    case bool, int, float, string, regex, duration, lambda, list, star

    /// The name TICKscript's evaluator gives the type in its errors (`boolean` for bool).
    public var valueTypeName: String { self == .bool ? "boolean" : rawValue }
}

/// The value of a template var.
public indirect enum VarValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    /// A regular expression's source, without the slashes of a TICKscript literal.
    case regex(String)
    /// Nanoseconds.
    case duration(Int64)
    /// A lambda's expression as text, without `lambda:` (`"value" > 10`).
    case lambda(String)
    /// The elements, strings or stars.
    case list([Var])
    case star

    /// The type of the value.
    public var type: VarType {
        switch self {
        case .bool: .bool
        case .int: .int
        case .float: .float
        case .string: .string
        case .regex: .regex
        case .duration: .duration
        case .lambda: .lambda
        case .list: .list
        case .star: .star
        }
    }
}

/// A template var: `var x = 10` declares `{type: int, value: 10}`; `var x int` declares the type alone
/// and the task must supply the value.
///
/// Its JSON is the API's `{"type": "duration", "value": 300000000000, "description": "..."}`: a
/// duration is integer nanoseconds (a `"5m"` string is also read), a list holds `{type, value}`
/// objects, a star's value is null.
public struct Var: Sendable, Equatable {
    /// The type.
    public var type: VarType
    /// The value; nil when only the type is declared.
    public var value: VarValue?
    /// The comment lines written above the declaration, joined by newlines.
    public var description: String

    /// Creates a var of `value`'s type.
    public init(_ value: VarValue, description: String = "") {
        type = value.type
        self.value = value
        self.description = description
    }

    /// Creates a var declared with `type` and no value.
    public init(type: VarType, description: String = "") {
        self.type = type
        value = type == .star ? .star : nil
        self.description = description
    }
}

/// Why vars cannot be read or applied, in Kapacitor's words.
public enum VarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON does not have a var's shape (Kapacitor answers `invalid JSON`); the payload says why.
    case malformed(String)
    /// A var or its use is wrong; the payload is the whole message (`invalid var x: ...`,
    /// `missing value for var "x".`).
    case invalid(String)

    /// The message.
    public var description: String {
        switch self {
        case .malformed(let detail): "invalid JSON: \(detail)"
        case .invalid(let message): message
        }
    }
}

extension Var: Codable {
    enum CodingKeys: String, CodingKey {
        case type, value, description
    }

    /// Reads a var as Kapacitor's client and server do; the first key of the decoder's path names the
    /// var in errors.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        guard let type = VarType(rawValue: typeName) else { throw VarError.malformed("unknown VarType \(typeName)") }
        self.type = type
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        let name = decoder.codingPath.first?.stringValue ?? ""
        let raw = try container.decodeIfPresent(RawValue.self, forKey: .value) ?? .null
        value = try Self.value(raw, type: type, name: name, container: container)
    }

    /// Writes the var, its value in the JSON type that `type` calls for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch value {
        case .bool(let flag)?: try container.encode(flag, forKey: .value)
        case .int(let number)?, .duration(let number)?: try container.encode(number, forKey: .value)
        case .float(let number)?: try container.encode(number, forKey: .value)
        case .string(let text)?, .regex(let text)?, .lambda(let text)?: try container.encode(text, forKey: .value)
        case .list(let elements)?: try container.encode(elements, forKey: .value)
        case .star?, nil: try container.encodeNil(forKey: .value)
        }
        try container.encode(description, forKey: .description)
    }

    /// The JSON kinds a value may come as.
    enum RawValue: Decodable {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array, object

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .integer(number)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if (try? container.decode([RawValue].self)) != nil {
                self = .array
            } else {
                self = .object
            }
        }

        /// The Go type Kapacitor's server names in its errors about the value.
        var goType: String {
            switch self {
            case .null: "<nil>"
            case .bool: "bool"
            case .integer, .number: "json.Number"
            case .string: "string"
            case .array: "[]interface {}"
            case .object: "map[string]interface {}"
            }
        }
    }

    static func value(
        _ raw: RawValue, type: VarType, name: String, container: KeyedDecodingContainer<CodingKeys>
    ) throws -> VarValue? {
        if type == .star { return .star }
        if case .null = raw { return nil }
        func mismatch() -> VarError {
            switch raw {
            case .string: .invalid("invalid var \(name): unexpected var type \(type.rawValue), value is a string")
            case .bool: .invalid("invalid var \(name): mismatched type and value: bool \(type.rawValue)")
            default: .invalid("invalid var \(name): unsupported Var type \(raw.goType).")
            }
        }
        switch (type, raw) {
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.int, .integer(let number)): return .int(number)
        case (.int, _): throw VarError.malformed("invalid var \(name): expected int value")
        case (.float, .integer(let number)): return .float(Double(number))
        case (.float, .number(let number)): return .float(number)
        case (.float, _): throw VarError.malformed("invalid var \(name): expected float value")
        case (.duration, .integer(let number)): return .duration(number)
        case (.duration, .string(let text)):
            guard let nanoseconds = DurationLiteral.nanoseconds(text) else {
                throw VarError.malformed("invalid duration string for var \(name): invalid duration")
            }
            return .duration(nanoseconds)
        case (.duration, _): throw VarError.malformed("invalid var \(name): expected int or string value")
        case (.string, .string(let text)): return .string(text)
        case (.regex, .string(let text)): return .regex(text)
        case (.lambda, .string(let text)): return .lambda(text)
        case (.list, .array):
            guard let elements = try? container.decode([Var].self, forKey: .value),
                  elements.allSatisfy({ $0.value != nil })
            else { throw VarError.malformed("invalid var \(name): expected list of vars") }
            return .list(elements.map { Var($0.value ?? .star) })
        case (.list, _): throw VarError.malformed("invalid var \(name): expected list of vars")
        default: throw mismatch()
        }
    }
}
