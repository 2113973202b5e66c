import Models

/// The daemon's configuration: `kapacitor.conf` merged over the schema's defaults, with
/// `KAPACITOR_*` environment overrides applied.
///
/// Every section is kept, including those later features read; typed accessors cover what the
/// daemon uses today.
public struct Config: Sendable {
    /// The schema the values follow.
    public let schema: ConfigSchema
    /// The whole tree: top-level keys, then one entry per section (a `.list` for repeated ones).
    public internal(set) var root: [(String, ConfigValue)]
    /// Problems that did not stop loading, such as unknown keys.
    public internal(set) var warnings: [String] = []

    /// The defaults of `schema`, with no file and no environment.
    public init(defaultsOf schema: ConfigSchema = .kapacitor) {
        self.schema = schema
        root = schema.topLevel.map { ($0.name, $0.defaultValue) }
        for section in schema.sections {
            let element = ConfigValue.table(section.keys.map { ($0.name, $0.defaultValue) })
            root.append((section.name, section.repeated ? .list(Array(repeating: element, count: section.defaultCount)) : element))
        }
    }

    /// The value at `path` (`["http", "bind-address"]`, `["influxdb", "0", "urls"]`), or nil.
    public func value(_ path: String...) -> ConfigValue? { value(at: path) }

    /// The value at `path`, or nil.
    public func value(at path: [String]) -> ConfigValue? {
        var current = ConfigValue.table(root)
        for component in path {
            switch current {
            case .table(let entries):
                guard let next = entries.first(where: { $0.0 == component })?.1 else { return nil }
                current = next
            case .list(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Sets the value at `path`, which must exist.
    mutating func set(_ path: [String], _ newValue: ConfigValue) {
        var tree = ConfigValue.table(root)
        Self.set(&tree, path[...], newValue)
        if case .table(let entries) = tree { root = entries }
    }

    private static func set(_ node: inout ConfigValue, _ path: ArraySlice<String>, _ newValue: ConfigValue) {
        guard let component = path.first else {
            node = newValue
            return
        }
        switch node {
        case .table(var entries):
            if let index = entries.firstIndex(where: { $0.0 == component }) {
                set(&entries[index].1, path.dropFirst(), newValue)
            } else {
                var child = ConfigValue.table([])
                set(&child, path.dropFirst(), newValue)
                entries.append((component, child))
            }
            node = .table(entries)
        case .list(var elements):
            guard let index = Int(component), elements.indices.contains(index) else { return }
            set(&elements[index], path.dropFirst(), newValue)
            node = .list(elements)
        default:
            return
        }
    }

    // MARK: Typed accessors

    /// A string at `path`, or `fallback`.
    public func string(_ path: String..., or fallback: String = "") -> String {
        if case .string(let text) = value(at: path) { return text }
        return fallback
    }

    /// A boolean at `path`, or `fallback`.
    public func bool(_ path: String..., or fallback: Bool = false) -> Bool {
        if case .bool(let flag) = value(at: path) { return flag }
        return fallback
    }

    /// An integer at `path`, or `fallback`.
    public func int(_ path: String..., or fallback: Int64 = 0) -> Int64 {
        if case .int(let number) = value(at: path) { return number }
        return fallback
    }

    /// A duration at `path` in nanoseconds, or `fallback`.
    public func duration(_ path: String..., or fallback: Int64 = 0) -> Int64 {
        if case .string(let text) = value(at: path), let nanos = GoDuration.parse(text) { return nanos }
        return fallback
    }

    /// The host name this daemon reports.
    public var hostname: String { string("hostname") }
    /// The directory data lives in.
    public var dataDirectory: String { string("data_dir") }
    /// The retention policy `/write` uses when the request names none.
    public var defaultRetentionPolicy: String { string("default-retention-policy") }
    /// The `[http] bind-address`, such as `:9092`.
    public var bindAddress: String { string("http", "bind-address", or: ":9092") }
    /// Whether requests are logged.
    public var httpLogEnabled: Bool { bool("http", "log-enabled", or: true) }
    /// The `[logging] level`.
    public var logLevel: String { string("logging", "level", or: "INFO") }
    /// The `[logging] file`: `STDERR`, `STDOUT` or a path.
    public var logFile: String { string("logging", "file", or: "STDERR") }
    /// The SQLite file: `condenser.db` inside the data directory.
    public var databasePath: String {
        let directory = dataDirectory
        return directory.hasSuffix("/") ? directory + "condenser.db" : directory + "/condenser.db"
    }

    /// The `[replay] dir` recordings are kept in; a relative path is taken inside the data
    /// directory (Kapacitor takes it from the working directory, which a daemon rarely means).
    public var replayDirectory: String {
        let directory = string("replay", "dir", or: "./replay")
        if directory.hasPrefix("/") { return directory }
        let base = dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/"
        return base + (directory.hasPrefix("./") ? String(directory.dropFirst(2)) : directory)
    }

    /// The host and port to listen on, from `bind-address` (an empty host means all interfaces).
    public var listenAddress: (host: String, port: Int) {
        let address = bindAddress
        guard let colon = address.lastIndex(of: ":") else { return ("0.0.0.0", Int(address) ?? 9092) }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = Int(address[address.index(after: colon)...]) ?? 9092
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

/// A configuration that cannot be used: a bad file, a bad value or a bad override.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file and key.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
