import Foundation
import Models

extension Expr: CustomStringConvertible {
    /// The expression as influxql's `String()` prints it: no parentheses but the written ones.
    public var description: String {
        switch self {
        case .varRef(let name, let type): type.map { "\(InfluxQLSyntax.quoteIdentifier(name))::\($0)" } ?? InfluxQLSyntax.quoteIdentifier(name)
        case .call(let name, let arguments): "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
        case .distinct(let name): "DISTINCT \(name)"
        case .number(let value): formatFixed3(value)
        case .integer(let value): String(value)
        case .unsigned(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        case .string(let value): InfluxQLSyntax.quoteString(value)
        case .duration(let value): InfluxQLSyntax.formatDuration(value)
        case .time(let value): "'\(value.rfc3339Nano)'"
        case .regex(let source): "/\(source.replacingSlashes)/"
        case .wildcard(let type): type.map { "*::\($0)" } ?? "*"
        case .binary(let op, let lhs, let rhs): "\(lhs) \(op.rawValue) \(rhs)"
        case .paren(let expr): "(\(expr))"
        }
    }
}

extension SelectField: CustomStringConvertible {
    /// `expr` or `expr AS alias`.
    public var description: String { alias.isEmpty ? expr.description : "\(expr) AS \(InfluxQLSyntax.quoteIdentifier(alias))" }
}

extension Measurement: CustomStringConvertible {
    /// `db.rp.name` with only the parts set, each quoted when needed.
    public var description: String {
        var text = ""
        if !database.isEmpty { text += InfluxQLSyntax.quoteIdentifier(database) + "." }
        if !retentionPolicy.isEmpty { text += InfluxQLSyntax.quoteIdentifier(retentionPolicy) }
        if !database.isEmpty || !retentionPolicy.isEmpty { text += "." }
        if !name.isEmpty {
            text += InfluxQLSyntax.quoteIdentifier(name)
        } else if let regex {
            text += "/\(regex.replacingSlashes)/"
        }
        return text
    }
}

extension Source: CustomStringConvertible {
    /// A measurement, or `(SELECT …)`.
    public var description: String {
        switch self {
        case .measurement(let measurement): measurement.description
        case .subquery(let statement): "(\(statement))"
        }
    }
}

extension SelectStatement: CustomStringConvertible {
    /// The statement as influxql's `SelectStatement.String()` prints it.
    public var description: String {
        var text = "SELECT " + fields.map(\.description).joined(separator: ", ")
        if let target { text += " INTO \(target)" + (target.name.isEmpty ? ":MEASUREMENT" : "") }
        if !sources.isEmpty { text += " FROM " + sources.map(\.description).joined(separator: ", ") }
        if let condition { text += " WHERE \(condition)" }
        if !dimensions.isEmpty { text += " GROUP BY " + dimensions.map(\.description).joined(separator: ", ") }
        switch fill {
        case .null: break
        case .noFill: text += " fill(none)"
        case .previous: text += " fill(previous)"
        case .linear: text += " fill(linear)"
        case .integer(let value): text += " fill(\(value))"
        case .number(let value): text += " fill(\(formatGoFloat(value)))"
        }
        if !sortFields.isEmpty {
            text += " ORDER BY " + sortFields.map { ($0.name.isEmpty ? "" : $0.name + " ") + ($0.ascending ? "ASC" : "DESC") }
                .joined(separator: ", ")
        }
        if limit > 0 { text += " LIMIT \(limit)" }
        if offset > 0 { text += " OFFSET \(offset)" }
        if seriesLimit > 0 { text += " SLIMIT \(seriesLimit)" }
        if seriesOffset > 0 { text += " SOFFSET \(seriesOffset)" }
        if let location { text += " TZ('\(location)')" }
        return text
    }
}

extension String {
    fileprivate var replacingSlashes: String {
        var text = ""
        for character in self { if character == "/" { text += "\\/" } else { text.append(character) } }
        return text
    }
}





/// `value` with exactly three decimals, as Go's `strconv.FormatFloat(v, 'f', 3, 64)`.
func formatFixed3(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
    // C's printf rounds the exact binary value to nearest, ties to even, as Go's strconv does.
    return String(format: "%.3f", value)
}

/// `value` as Go's `%v` prints a float64: shortest digits, exponent form below 1e-4 or from 1e6.
func formatGoFloat(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    let (digits, pointPosition) = shortestDigits(value)
    let exponent = pointPosition - 1
    let sign = value < 0 ? "-" : ""
    if exponent < -4 || exponent >= 6 {
        var mantissa = String(digits.first!)
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let magnitude = abs(exponent)
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
    if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
    if pointPosition >= digits.count { return sign + digits + String(repeating: "0", count: pointPosition - digits.count) }
    let split = digits.index(digits.startIndex, offsetBy: pointPosition)
    return sign + digits[..<split] + "." + digits[split...]
}

/// The shortest round-tripping decimal digits of |value| and where the decimal point goes:
/// |value| = 0.DIGITS × 10^point.
private func shortestDigits(_ value: Double) -> (digits: String, point: Int) {
    var text = abs(value).description
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = String(text[..<e])
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    var point = parts[0].count + exponent
    while digits.count > 1 && digits.hasPrefix("0") {
        digits.removeFirst()
        point -= 1
    }
    while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
    if digits == "0" { point = 1 }
    return (digits, point)
}
