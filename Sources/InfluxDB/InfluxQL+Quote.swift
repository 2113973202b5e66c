/// What the client needs of InfluxQL: identifier quoting as influxql.QuoteIdent does, and
/// telling reads from changes.
public enum InfluxQL {
    /// `name` as a double-quoted identifier, with `"` and `\` escaped and newlines as `\n`.
    public static func quoteIdentifier(_ name: String) -> String {
        var quoted = "\""
        for character in name {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }

    /// Whether every statement of `query` only reads (`SELECT` without `INTO`, `SHOW`, `EXPLAIN`):
    /// such queries go as GET, the others as POST, as InfluxDB 1.x requires.
    static func isReadOnly(_ query: String) -> Bool {
        query.split(separator: ";").allSatisfy { statement in
            let words = statement.uppercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { return true }
            switch first {
            case "SHOW", "EXPLAIN": return true
            case "SELECT": return !words.contains("INTO")
            default: return false
            }
        }
    }
}

extension InfluxQL {
    /// `text` as a single-quoted string literal, with `'` and `\` escaped and newlines as `\n`,
    /// as influxql.QuoteString does.
    public static func quoteString(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            switch character {
            case "'": quoted += "\\'"
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "'"
    }
}
