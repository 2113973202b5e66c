import APIModels
import Models

/// An override the config API stored, as Kapacitor's override package applies it: options set on
/// the element `element` of `section` (`""` for a section that is not a list), or the options of
/// an element it creates, whose key is among them.
struct ConfigOverride: Sendable, Equatable {
    var section: String
    var element: String
    var options: [String: JSONValue]
    var create: Bool
}

extension Config {
    /// This configuration with `overrides` applied in turn; fails with Kapacitor's message, such
    /// as `failed to override configuration slack/: cannot set option channel: wrong kind float64,
    /// expected value of kind string: false`.
    func overriding(_ overrides: [ConfigOverride]) throws(ConfigError) -> Config {
        var config = self
        for override in overrides {
            do {
                try config.apply(override)
            } catch {
                throw ConfigError("failed to override configuration \(override.section)/\(override.element): \(error.description)")
            }
        }
        return config
    }

    private mutating func apply(_ override: ConfigOverride) throws(ConfigError) {
        let entry = Self.overridable.first { $0.section == override.section }
        guard let entry, let schemaSection = schema.section(override.section), let current = value(override.section) else {
            try Self.checkAllUsed(override, used: [])
            throw ConfigError("unknown section \(override.section)")
        }
        var elements: [[(String, ConfigValue)]]
        switch current {
        case .list(let items): elements = items.compactMap { if case .table(let entries) = $0 { entries } else { nil } }
        case .table(let entries): elements = [entries]
        default: elements = []
        }
        let targets: [Int]
        if override.create {
            guard let key = entry.elementKey else {
                throw ConfigError("section \(override.section) is not a list, cannot add new element")
            }
            guard let name = override.options[key] else { throw ConfigError("element key \"\(key)\" not present in options") }
            guard case .string(let text) = name else {
                throw ConfigError("type of element key must be a string, got \(Self.goKind(name)) ")
            }
            guard !elements.contains(where: { $0.first { $0.0 == key }?.1 == .string(text) }) else {
                throw ConfigError("an element with \(key) \"\(text)\" already exists")
            }
            elements.append(schemaSection.keys.map { ($0.name, $0.defaultValue) })
            targets = [elements.count - 1]
        } else if let key = entry.elementKey {
            targets = elements.indices.filter { index in
                elements[index].first { $0.0 == key }?.1 == .string(override.element)
            }
        } else {
            targets = Array(elements.indices)
        }
        var used: Set<String> = []
        for (name, newValue) in override.options.sorted(by: { $0.key < $1.key }) {
            guard let key = schemaSection.key(name), !targets.isEmpty else { continue }
            if !override.create && name == entry.elementKey { throw ConfigError("cannot override element key \(name)") }
            let converted: ConfigValue
            do {
                converted = try Self.convert(newValue, to: key.kind)
            } catch {
                throw ConfigError("cannot set option \(name): \(error.description)")
            }
            for target in targets {
                if let index = elements[target].firstIndex(where: { $0.0 == name }) {
                    elements[target][index].1 = converted
                } else {
                    elements[target].append((name, converted))
                }
            }
            used.insert(name)
        }
        try Self.checkAllUsed(override, used: used)
        guard !targets.isEmpty else { throw ConfigError("unknown section \(override.section)") }
        set([override.section], schemaSection.repeated ? .list(elements.map(ConfigValue.table)) : .table(elements.first ?? []))
    }

    /// Kapacitor's error for options no field took.
    private static func checkAllUsed(_ override: ConfigOverride, used: Set<String>) throws(ConfigError) {
        let unused = override.options.keys.filter { !used.contains($0) }.sorted()
        guard unused.isEmpty else {
            throw ConfigError("unknown options [\(unused.joined(separator: " "))] in section \(override.section)")
        }
    }

    /// `value` as an option of `kind`, converted as Kapacitor's `weakCopyValue` does: numbers
    /// from strings, integers from any number, durations from their text.
    static func convert(_ value: JSONValue, to kind: ConfigKind) throws(ConfigError) -> ConfigValue {
        switch (kind, value) {
        case (.string, .string(let text)): return .string(text)
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.int, .int(let number)): return .int(number)
        case (.int, .double(let number)):
            guard let integer = Int64(exactly: number.rounded(.towardZero)) else {
                throw ConfigError("cannot convert float64 \(number) into int")
            }
            return .int(integer)
        case (.int, .string(let text)):
            guard let integer = Int64(text) else { throw ConfigError("cannot convert string \"\(text)\" into int") }
            return .int(integer)
        case (.float, .int(let number)): return .float(Double(number))
        case (.float, .double(let number)): return .float(number)
        case (.float, .string(let text)):
            guard let number = Double(text) else { throw ConfigError("cannot convert string \"\(text)\" into float64") }
            return .float(number)
        case (.int, _), (.float, _):
            throw ConfigError("cannot convert \(goKind(value)) into \(kind.goName)")
        case (.duration, .string(let text)):
            guard GoDuration.parse(text) != nil else { throw ConfigError("time: invalid duration \"\(text)\"") }
            return .string(text)
        case (.duration, _):
            throw ConfigError("cannot unmarshal \(goKind(value)) into int64")
        case (.list(let inner), .array(let items)):
            var converted: [ConfigValue] = []
            for item in items {
                do {
                    converted.append(try convert(item, to: inner))
                } catch {
                    throw ConfigError("failed to copy slice value: \(error.description)")
                }
            }
            return .list(converted)
        case (.table, .object(let entries)):
            return .table(entries.sorted { $0.key < $1.key }.map { ($0.key, tableValue($0.value)) })
        case (.section(let keys), .object(let entries)):
            var table = keys.map { ($0.name, $0.defaultValue) }
            for (name, entryValue) in entries.sorted(by: { $0.key < $1.key }) {
                guard let index = keys.firstIndex(where: { $0.name == name }) else {
                    throw ConfigError("failed to decode options: '' has invalid keys: \(name)")
                }
                table[index].1 = try convert(entryValue, to: keys[index].kind)
            }
            return .table(table)
        default:
            throw ConfigError("wrong kind \(goKind(value)), expected value of kind \(kind.goName): false")
        }
    }

    /// A free-form table's value as written.
    private static func tableValue(_ value: JSONValue) -> ConfigValue {
        switch value {
        case .null: .string("")
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .float(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(tableValue))
        case .object(let entries): .table(entries.sorted { $0.key < $1.key }.map { ($0.key, tableValue($0.value)) })
        }
    }

    /// The kind Go's reflection names for a value decoded from JSON into `interface{}`.
    static func goKind(_ value: JSONValue) -> String {
        switch value {
        case .null: "invalid"
        case .bool: "bool"
        case .int, .double: "float64"
        case .string: "string"
        case .array: "slice"
        case .object: "map"
        }
    }
}

extension ConfigKind {
    /// The kind Go's reflection names for a config field of this kind.
    var goName: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .float: "float64"
        case .bool: "bool"
        case .duration: "int64"
        case .list: "slice"
        case .table: "map"
        case .section: "struct"
        }
    }
}
