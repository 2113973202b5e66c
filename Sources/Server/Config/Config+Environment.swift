import Models

extension Config {
    /// Applies `KAPACITOR_<SECTION>_<KEY>` overrides as Kapacitor does: names are the TOML keys in
    /// upper case with `-` as `_`; elements of repeated sections and lists are addressed by index
    /// (`KAPACITOR_INFLUXDB_0_URLS_0`) and only existing indexes are visited; an empty value is
    /// ignored.
    mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
        guard environment.keys.contains(where: { $0.hasPrefix("KAPACITOR_") }) else { return }
        for key in schema.topLevel {
            try applyOverride(environment, key: key, name: "KAPACITOR_" + Self.envName(key.name), path: [key.name])
        }
        for section in schema.sections {
            let prefix = "KAPACITOR_" + Self.envName(section.name)
            if section.repeated {
                guard case .list(let elements)? = value(section.name) else { continue }
                for index in elements.indices {
                    for key in section.keys {
                        try applyOverride(
                            environment, key: key, name: "\(prefix)_\(index)_" + Self.envName(key.name),
                            path: [section.name, String(index), key.name])
                    }
                }
            } else {
                for key in section.keys {
                    try applyOverride(environment, key: key, name: prefix + "_" + Self.envName(key.name), path: [section.name, key.name])
                }
            }
        }
    }

    private mutating func applyOverride(
        _ environment: [String: String], key: ConfigKey, name: String, path: [String]
    ) throws(ConfigError) {
        switch key.kind {
        case .list(let elementKind):
            guard case .list(let elements)? = value(at: path) else { return }
            for index in elements.indices {
                let elementName = "\(name)_\(index)"
                guard let text = environment[elementName], !text.isEmpty else { continue }
                set(path + [String(index)], try Self.parse(text, as: elementKind, variable: elementName, key: key.name))
            }
        case .section(let keys):
            for nested in keys {
                try applyOverride(environment, key: nested, name: name + "_" + Self.envName(nested.name), path: path + [nested.name])
            }
        case .table:
            return
        default:
            guard let text = environment[name], !text.isEmpty else { return }
            set(path, try Self.parse(text, as: key.kind, variable: name, key: key.name))
        }
    }

    static func envName(_ key: String) -> String {
        String(key.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    static func parse(_ text: String, as kind: ConfigKind, variable: String, key: String) throws(ConfigError) -> ConfigValue {
        func failure(_ type: String) -> ConfigError {
            ConfigError("failed to apply \(variable) to \(key) using type \(type) and value '\(text)'")
        }
        switch kind {
        case .string:
            return .string(text)
        case .duration:
            guard GoDuration.parse(text) != nil else { throw failure("toml.Duration") }
            return .string(text)
        case .int:
            guard let number = parseGoInteger(text) else { throw failure("int") }
            return .int(number)
        case .float:
            guard let number = Double(text) else { throw failure("float64") }
            return .float(number)
        case .bool:
            switch text {
            case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
            case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
            default: throw failure("bool")
            }
        case .list, .table, .section:
            throw failure("table")
        }
    }

    /// An integer as Go's `strconv.ParseInt(s, 0, 64)` reads it: sign, `0x`/`0o`/`0b`/leading-0 bases, `_` separators.
    static func parseGoInteger(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        var radix = 10
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            radix = 16
            body = body.dropFirst(2)
        } else if body.hasPrefix("0o") || body.hasPrefix("0O") {
            radix = 8
            body = body.dropFirst(2)
        } else if body.hasPrefix("0b") || body.hasPrefix("0B") {
            radix = 2
            body = body.dropFirst(2)
        } else if body.count > 1 && body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty, let magnitude = Int64(digits, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }
}
