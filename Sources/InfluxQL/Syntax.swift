/// InfluxQL's lexical forms: quoted identifiers and strings, durations.
public enum InfluxQLSyntax {
    /// An identifier as influxql's `QuoteIdent` writes it: double-quoted when it is empty, a keyword,
    /// or has a character other than letters, digits and `_` (or starts with a digit).
    public static func quoteIdentifier(_ identifier: String) -> String {
        needsQuotes(identifier) ? doubleQuoted(identifier) : identifier
    }

    /// An identifier always double-quoted, with `"`, `\` and newlines escaped as `QuoteIdent` does
    /// (the form Kapacitor formats its subscription and database statements with).
    public static func doubleQuoted(_ identifier: String) -> String {
        var text = "\""
        for scalar in identifier.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    private static func needsQuotes(_ identifier: String) -> Bool {
        if identifier.isEmpty || lookup(identifier) != .identifier { return true }
        for (index, scalar) in identifier.unicodeScalars.enumerated() {
            if index == 0 ? !(isLetter(scalar) || scalar == "_") : !isIdentifierCharacter(scalar) { return true }
        }
        return false
    }

    /// A string literal as influxql's `QuoteString` writes it.
    public static func quoteString(_ value: String) -> String {
        var text = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\\": text += "\\\\"
            case "'": text += "\\'"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "'"
    }

    /// A duration as influxql's `FormatDuration` writes it: the largest unit (w, d, h, m, s, ms, u, ns)
    /// that divides it.
    public static func formatDuration(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let units: [(Int64, String)] = [
            (604_800_000_000_000, "w"), (86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"),
            (1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "u"),
        ]
        for (size, unit) in units where nanoseconds % size == 0 { return "\(nanoseconds / size)\(unit)" }
        return "\(nanoseconds)ns"
    }

    /// Whether every statement of `query` only reads (`SELECT` without `INTO`, `SHOW`, `EXPLAIN`):
    /// InfluxDB 1.x takes those as GET, the others only as POST.
    public static func isReadOnly(_ query: String) -> Bool {
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

    /// Parses an InfluxQL duration literal (`10s`, `1h30m`, `-5m`, `2w`), in nanoseconds.
    public static func parseDuration(_ text: String) throws(InfluxQLError) -> Int64 {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2 else { throw InfluxQLError("invalid duration") }
        var index = 0
        let negative = scalars[0] == "-"
        if negative { index += 1 }
        var total: Int64 = 0
        var overflow = false
        var last = ""
        while index < scalars.count {
            let start = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            guard index < scalars.count, index > start else { throw InfluxQLError("invalid duration") }
            guard let count = Int64(String(String.UnicodeScalarView(scalars[start..<index]))) else { throw InfluxQLError("invalid duration") }
            let unit: Int64
            var length = 1
            switch scalars[index] {
            case "n":
                guard index + 1 < scalars.count, scalars[index + 1] == "s" else { throw InfluxQLError("invalid duration") }
                unit = 1
                length = 2
            case "u", "µ": unit = 1_000
            case "m":
                if index + 1 < scalars.count, scalars[index + 1] == "s" {
                    unit = 1_000_000
                    length = 2
                } else {
                    unit = 60_000_000_000
                }
            case "s": unit = 1_000_000_000
            case "h": unit = 3_600_000_000_000
            case "d": unit = 86_400_000_000_000
            case "w": unit = 604_800_000_000_000
            default: throw InfluxQLError("invalid duration")
            }
            last = "\(count)" + String(String.UnicodeScalarView(scalars[index..<index + length]))
            let (product, productOverflow) = count.multipliedReportingOverflow(by: unit)
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            if productOverflow || sumOverflow { overflow = true }
            total = sum
            index += length
        }
        if (overflow || total < 0) && !negative {
            throw InfluxQLError("overflowed duration \(last): choose a smaller duration or INF")
        }
        return negative ? -total : total
    }
}
