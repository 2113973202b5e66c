extension Config {
    /// The whole configuration as TOML, sections in schema order, as `condenserd config` prints it.
    public var toml: String {
        var output = ""
        for (key, value) in root where !Self.isTableLike(value) {
            output += "\(Self.quoteKey(key)) = \(Self.inline(value))\n"
        }
        for (name, value) in root {
            switch value {
            case .table(let entries):
                output += "\n[\(Self.quoteKey(name))]\n"
                Self.writeTable(entries, path: Self.quoteKey(name), repeated: false, into: &output)
            case .list(let elements) where schema.section(name)?.repeated == true:
                for element in elements {
                    guard case .table(let entries) = element else { continue }
                    output += "\n[[\(Self.quoteKey(name))]]\n"
                    Self.writeTable(entries, path: Self.quoteKey(name), repeated: true, into: &output)
                }
            default:
                continue
            }
        }
        return output
    }

    private static func isTableLike(_ value: ConfigValue) -> Bool {
        switch value {
        case .table: true
        case .list(let elements): elements.contains { if case .table = $0 { true } else { false } }
        default: false
        }
    }

    private static func writeTable(_ entries: [(String, ConfigValue)], path: String, repeated: Bool, into output: inout String) {
        for (key, value) in entries where !isTableLike(value) {
            output += "  \(quoteKey(key)) = \(inline(value))\n"
        }
        for (key, value) in entries {
            guard case .table(let nested) = value else { continue }
            let nestedPath = path + "." + quoteKey(key)
            output += "\n[\(nestedPath)]\n"
            writeTable(nested, path: nestedPath, repeated: false, into: &output)
        }
    }

    private static func quoteKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        return bare ? key : quote(key)
    }

    private static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    private static func inline(_ value: ConfigValue) -> String {
        switch value {
        case .string(let text): quote(text)
        case .int(let number): String(number)
        case .float(let number): number.isFinite ? "\(number)" : (number.isNaN ? "nan" : (number > 0 ? "inf" : "-inf"))
        case .bool(let flag): flag ? "true" : "false"
        case .list(let elements): "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .table(let entries): "{" + entries.map { "\(quoteKey($0.0)) = \(inline($0.1))" }.joined(separator: ", ") + "}"
        }
    }
}
