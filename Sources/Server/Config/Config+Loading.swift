#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Models
import TOMLKit

extension Config {
    /// Loads `path` (if given) over the defaults of `schema`, then applies `KAPACITOR_*` overrides
    /// from `environment`. Unknown keys become warnings; a value of the wrong type is an error.
    public static func load(
        path: String?, contents: String? = nil, environment: [String: String] = [:],
        schema: ConfigSchema = .kapacitor
    ) throws(ConfigError) -> Config {
        var config = Config(defaultsOf: schema)
        if let path {
            let text: String
            if let contents {
                text = contents
            } else {
                guard let read = readFile(path) else { throw ConfigError("cannot read config file \(path)") }
                text = read
            }
            let table: TOMLTable
            do {
                table = try TOMLTable(string: text)
            } catch let error as TOMLParseError {
                throw ConfigError("\(path): \(error.source.begin.debugDescription): \(error.description)")
            } catch {
                throw ConfigError("\(path): \(error)")
            }
            try config.merge(table, file: path)
        }
        try config.applyEnvironment(environment)
        return config
    }

    mutating func merge(_ table: TOMLTable, file: String) throws(ConfigError) {
        for (key, convertible) in table {
            let value = convertible.tomlValue
            if let topKey = schema.topLevel.first(where: { $0.name == key }) {
                set([key], try Self.convert(value, to: topKey.kind, at: key, file: file, warnings: &warnings))
            } else if let section = schema.section(key) {
                if section.repeated {
                    let elements: [TOMLValue]
                    if let array = value.array {
                        elements = array.map(\.tomlValue)
                    } else if value.table != nil {
                        elements = [value]
                    } else {
                        throw ConfigError("\(file): [[\(key)]] must be an array of tables")
                    }
                    var converted: [ConfigValue] = []
                    for (index, element) in elements.enumerated() {
                        guard let elementTable = element.table else {
                            throw ConfigError("\(file): [[\(key)]] element \(index) must be a table")
                        }
                        converted.append(try Self.convert(
                            elementTable, keys: section.keys, at: key, file: file, warnings: &warnings))
                    }
                    set([key], .list(converted))
                } else {
                    guard let sectionTable = value.table else { throw ConfigError("\(file): [\(key)] must be a table") }
                    set([key], try Self.convert(sectionTable, keys: section.keys, at: key, file: file, warnings: &warnings))
                }
            } else {
                warnings.append("\(file): unknown configuration key \"\(key)\" ignored")
            }
        }
    }

    /// A table of known keys: the defaults with the file's values over them.
    static func convert(
        _ table: TOMLTable, keys: [ConfigKey], at path: String, file: String, warnings: inout [String]
    ) throws(ConfigError) -> ConfigValue {
        var entries = keys.map { ($0.name, $0.defaultValue) }
        for (name, convertible) in table {
            let value = convertible.tomlValue
            guard let index = keys.firstIndex(where: { $0.name == name }) else {
                warnings.append("\(file): unknown configuration key \"\(path).\(name)\" ignored")
                continue
            }
            entries[index].1 = try convert(value, to: keys[index].kind, at: "\(path).\(name)", file: file, warnings: &warnings)
        }
        return .table(entries)
    }

    static func convert(
        _ value: TOMLValue, to kind: ConfigKind, at path: String, file: String, warnings: inout [String]
    ) throws(ConfigError) -> ConfigValue {
        func mismatch(_ expected: String) -> ConfigError {
            ConfigError("\(file): \(path): expected \(expected), found \(value.type)")
        }
        switch kind {
        case .string:
            guard let text = value.string else { throw mismatch("a string") }
            return .string(text)
        case .duration:
            if let text = value.string {
                guard GoDuration.parse(text) != nil else {
                    throw ConfigError("\(file): \(path): invalid duration \"\(text)\"")
                }
                return .string(text)
            }
            guard let nanos = value.int else { throw mismatch("a duration") }
            return .string(GoDuration.format(Int64(nanos)))
        case .int:
            guard let number = value.int else { throw mismatch("an integer") }
            return .int(Int64(number))
        case .float:
            if let number = value.double { return .float(number) }
            guard let number = value.int else { throw mismatch("a number") }
            return .float(Double(number))
        case .bool:
            guard let flag = value.bool else { throw mismatch("a boolean") }
            return .bool(flag)
        case .list(let elementKind):
            guard let array = value.array else { throw mismatch("an array") }
            var elements: [ConfigValue] = []
            for (index, element) in array.enumerated() {
                elements.append(try convert(element.tomlValue, to: elementKind, at: "\(path)[\(index)]", file: file, warnings: &warnings))
            }
            return .list(elements)
        case .table:
            guard let table = value.table else { throw mismatch("a table") }
            return freeForm(table)
        case .section(let keys):
            guard let table = value.table else { throw mismatch("a table") }
            return try convert(table, keys: keys, at: path, file: file, warnings: &warnings)
        }
    }

    /// A table kept as written, for sections whose keys are the user's (subscriptions, headers).
    static func freeForm(_ table: TOMLTable) -> ConfigValue {
        .table(table.map { ($0.0, freeForm($0.1.tomlValue)) })
    }

    static func freeForm(_ value: TOMLValue) -> ConfigValue {
        if let table = value.table { return freeForm(table) }
        if let array = value.array { return .list(array.map { freeForm($0.tomlValue) }) }
        if let text = value.string { return .string(text) }
        if let number = value.int { return .int(Int64(number)) }
        if let number = value.double { return .float(number) }
        if let flag = value.bool { return .bool(flag) }
        return .string(value.debugDescription)
    }
}

func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
