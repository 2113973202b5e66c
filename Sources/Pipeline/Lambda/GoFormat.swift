#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bits of Go's `fmt`, `strconv` and `influxql` formatting that lambda results and messages show.
enum GoFormat {
    /// `strconv.ParseBool`: nil for text Go rejects.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }

    /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent.
    static func fixed(_ value: Double) -> String {
        guard let (negative, digits, point) = decimal(value) else { return special(value) }
        var text = negative ? "-" : ""
        if point <= 0 {
            text += "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text += digits + String(repeating: "0", count: point - digits.count)
        } else {
            text += digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return text
    }

    /// `fmt.Sprintf("%v", v)` (shortest `%g`): exponent form when the decimal exponent is below -4 or
    /// 6 and above (`1e+06`, `1.5e-05`), else fixed.
    static func general(_ value: Double) -> String {
        // In the fixed range Swift prints the same shortest digits without an exponent: Go's text
        // but for a trailing ".0" (most literals of a script take this path).
        if value.magnitude >= 1e-4, value.magnitude < 1e6 {
            let text = value.description
            if !text.utf8.contains(UInt8(ascii: "e")) { return text.hasSuffix(".0") ? String(text.dropLast(2)) : text }
        }
        guard let (negative, digits, point) = decimal(value) else { return special(value) }
        let exponent = point - 1
        guard exponent < -4 || exponent >= 6 else { return fixed(value) }
        var text = negative ? "-" : ""
        text += String(digits.prefix(1))
        if digits.count > 1 { text += "." + digits.dropFirst() }
        let magnitude = abs(exponent)
        text += (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        return text
    }

    /// Go's names for the values without digits.
    private static func special(_ value: Double) -> String {
        value.isNaN ? "NaN" : value == .infinity ? "+Inf" : value == -.infinity ? "-Inf" : (value.sign == .minus ? "-0" : "0")
    }

    /// The shortest round-trip digits of a finite non-zero value and where its decimal point goes.
    private static func decimal(_ value: Double) -> (Bool, String, Int)? {
        guard value.isFinite, value != 0 else { return nil }
        let text = value.magnitude.description
        let mantissa: Substring, exponent: Int
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacing("+", with: "")) ?? 0
        } else {
            (mantissa, exponent) = (text[...], 0)
        }
        let dot = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var digits = String(mantissa[..<dot]) + String(mantissa[dot...].dropFirst())
        var point = mantissa.distance(from: mantissa.startIndex, to: dot) + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (value < 0, digits, point)
    }

    /// Go's `int64(f)` on amd64: truncation, and the most negative int for NaN and out-of-range values.
    static func int64(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else { return .min }
        return Int64(value)
    }

    /// Go's `uint64(f)` on amd64.
    static func uint64(_ value: Double) -> UInt64 {
        if value.isFinite, value >= 9.223372036854775808e18, value < 1.8446744073709551616e19 { return UInt64(value) }
        return UInt64(bitPattern: int64(value))
    }

    /// `influxql.ParseDuration`: integer counts with units `ns u µ ms s m h d w`, optionally negative;
    /// nil when invalid or overflowing.
    static func parseInfluxDuration(_ text: String) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2 else { return nil }
        var index = 0
        let negative = scalars[0] == "-"
        if negative { index = 1 }
        var total: Int64 = 0
        while index < scalars.count {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index < scalars.count, index > start,
                  let count = Int64(String(String.UnicodeScalarView(scalars[start..<index]))) else { return nil }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let unit: Int64
            switch scalars[index] {
            case "n" where next == "s": (unit, index) = (1, index + 1)
            case "u", "µ": unit = 1_000
            case "m" where next == "s": (unit, index) = (1_000_000, index + 1)
            case "m": unit = 60_000_000_000
            case "s": unit = 1_000_000_000
            case "h": unit = 3_600_000_000_000
            case "d": unit = 86_400_000_000_000
            case "w": unit = 604_800_000_000_000
            default: return nil
            }
            total = total &+ count &* unit
            index += 1
        }
        if total < 0 && !negative { return nil }
        return negative ? 0 &- total : total
    }

    /// go-humanize's `Bytes`: SI units, one decimal below 10 (`83 MB`, `1.5 kB`, `9 B`).
    static func humanBytes(_ bytes: UInt64) -> String {
        if bytes < 10 { return "\(bytes) B" }
        let sizes = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        let exponent = (log(Double(bytes)) / log(1000)).rounded(.down)
        let value = (Double(bytes) / pow(1000, exponent) * 10 + 0.5).rounded(.down) / 10
        return printf(value < 10 ? "%.1f" : "%.0f", value) + " " + sizes[Int(exponent)]
    }

    /// C's `printf` of one double, which rounds as Go's `%.Nf` does (exact value, ties to even).
    private static func printf(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
