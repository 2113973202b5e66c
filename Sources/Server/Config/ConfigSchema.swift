/// The shape of `kapacitor.conf`: every section Condenser knows, its keys, their kinds and defaults.
///
/// The schema drives validation of a loaded file (unknown keys are warned about), environment
/// overrides (`KAPACITOR_<SECTION>_<KEY>`), and `condenserd config`, which prints the defaults.
public struct ConfigSchema: Sendable {
    /// Keys at the top level of the file (`hostname`, `data_dir`, ...).
    public var topLevel: [ConfigKey]
    /// Sections in the order `condenserd config` prints them.
    public var sections: [ConfigSection]

    /// Creates a schema from its top-level keys and sections.
    public init(topLevel: [ConfigKey], sections: [ConfigSection]) {
        self.topLevel = topLevel
        self.sections = sections
    }

    /// The section named `name`, if the schema has one.
    public func section(_ name: String) -> ConfigSection? {
        sections.first { $0.name == name }
    }
}

/// One `[name]` table, or one `[[name]]` array of tables when `repeated` is set.
public struct ConfigSection: Sendable {
    /// The table name as written in the file.
    public var name: String
    /// Whether the section is an array of tables (`[[influxdb]]`).
    public var repeated: Bool
    /// The keys the section accepts.
    public var keys: [ConfigKey]
    /// How many elements a repeated section has by default (Kapacitor ships one `[[influxdb]]`).
    public var defaultCount: Int

    /// Creates a section.
    public init(_ name: String, repeated: Bool = false, defaultCount: Int? = nil, _ keys: [ConfigKey]) {
        self.name = name
        self.repeated = repeated
        self.keys = keys
        self.defaultCount = defaultCount ?? (repeated ? 0 : 1)
    }

    /// The key named `name`, if the section has one.
    public func key(_ name: String) -> ConfigKey? {
        keys.first { $0.name == name }
    }
}

/// The kind of value a key holds.
public indirect enum ConfigKind: Sendable {
    case string, int, float, bool
    /// A Go duration string such as `"10s"` or `"1h30m"`.
    case duration
    /// A list whose elements all have the given kind.
    case list(ConfigKind)
    /// A free-form table (`[influxdb.subscriptions]`), kept as written.
    case table
    /// A nested table with known keys (`[kubernetes.tls]`-style sub-sections).
    case section([ConfigKey])
}

/// A key, its kind and its default.
public struct ConfigKey: Sendable {
    /// The key as written in the file (`bind-address`).
    public var name: String
    /// What the key holds.
    public var kind: ConfigKind
    /// The value used when neither the file nor the environment sets it.
    public var defaultValue: ConfigValue

    /// Creates a key.
    public init(_ name: String, _ kind: ConfigKind, _ defaultValue: ConfigValue) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// A string key.
    public static func string(_ name: String, _ value: String = "") -> ConfigKey {
        ConfigKey(name, .string, .string(value))
    }
    /// An integer key.
    public static func int(_ name: String, _ value: Int64 = 0) -> ConfigKey {
        ConfigKey(name, .int, .int(value))
    }
    /// A floating-point key.
    public static func float(_ name: String, _ value: Double = 0) -> ConfigKey {
        ConfigKey(name, .float, .float(value))
    }
    /// A boolean key.
    public static func bool(_ name: String, _ value: Bool = false) -> ConfigKey {
        ConfigKey(name, .bool, .bool(value))
    }
    /// A duration key, written as a Go duration string.
    public static func duration(_ name: String, _ value: String = "0s") -> ConfigKey {
        ConfigKey(name, .duration, .string(value))
    }
    /// A list of strings.
    public static func strings(_ name: String, _ value: [String] = []) -> ConfigKey {
        ConfigKey(name, .list(.string), .list(value.map(ConfigValue.string)))
    }
    /// A list of integers.
    public static func ints(_ name: String, _ value: [Int64] = []) -> ConfigKey {
        ConfigKey(name, .list(.int), .list(value.map(ConfigValue.int)))
    }
    /// A free-form table, empty by default.
    public static func table(_ name: String) -> ConfigKey {
        ConfigKey(name, .table, .table([]))
    }
    /// A nested table with known keys.
    public static func section(_ name: String, _ keys: [ConfigKey]) -> ConfigKey {
        ConfigKey(name, .section(keys), .table(keys.map { ($0.name, $0.defaultValue) }))
    }
}

/// A configuration value as TOML holds it. Tables keep their key order.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case list([ConfigValue])
    case table([(String, ConfigValue)])

    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.float(a), .float(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case let (.list(a), .list(b)): a == b
        case let (.table(a), .table(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
