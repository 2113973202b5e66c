import GoEncoding

/// JSON text as Go's `encoding/json` writes it, for bodies Kapacitor clients compare byte for
/// byte: floats in the shortest form without a needless `.0` or exponent, strings with `<`, `>`
/// and `&` escaped.
public enum GoJSON {
    /// Appends `value` as Go formats a float64: plain decimal for magnitudes in [1e-6, 1e21),
    /// else exponent form (`1e+21`, `1e-7`).
    public static func appendFloat(_ value: Double, to output: inout String) {
        guard value.isFinite else {
            output += "null"
            return
        }
        if value == 0 {
            output += value.sign == .minus ? "-0" : "0"
            return
        }
        let (negative, digits, exponent) = decompose(value)
        if negative { output += "-" }
        let magnitude = abs(value)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            output += String(digits.first!)
            if digits.count > 1 {
                output += "."
                output += digits.dropFirst()
            }
            let e = exponent - 1
            output += e < 0 ? "e-" : "e+"
            output += String(abs(e))
            return
        }
        if exponent <= 0 {
            output += "0."
            output += String(repeating: "0", count: -exponent)
            output += digits
        } else if exponent >= digits.count {
            output += digits
            output += String(repeating: "0", count: exponent - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: exponent)
            output += digits[..<split]
            output += "."
            output += digits[split...]
        }
    }

    /// The shortest round-tripping decimal digits of `value` and the decimal exponent such that
    /// value = 0.DIGITS × 10^exponent.
    static func decompose(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
        var text = abs(value).description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var integer = Substring(text)
        var fraction = Substring("")
        if let dot = text.firstIndex(of: ".") {
            integer = text[..<dot]
            fraction = text[text.index(after: dot)...]
        }
        var digits = String(integer) + fraction
        exponent += integer.count
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (value < 0, digits, exponent)
    }

    /// Appends `text` as a JSON string the way Go escapes it.
    public static func appendString(_ text: String, to output: inout String) {
        GoJSONString.append(text, to: &output)
    }

    /// Appends `tags` as a JSON object of strings, in their (sorted) order.
    public static func appendTags(_ tags: Tags, to output: inout String) {
        output += "{"
        for (index, tag) in tags.enumerated() {
            if index > 0 { output += "," }
            appendString(tag.key, to: &output)
            output += ":"
            appendString(tag.value, to: &output)
        }
        output += "}"
    }

    /// Appends a field value.
    public static func appendValue(_ value: FieldValue, to output: inout String) {
        switch value {
        case .float(let v): appendFloat(v, to: &output)
        case .int(let v): output += String(v)
        case .uint(let v): output += String(v)
        case .bool(let v): output += v ? "true" : "false"
        case .string(let v): appendString(v, to: &output)
        }
    }
}
