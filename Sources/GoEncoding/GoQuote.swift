/// Go's `strconv.Quote` and `strconv.Unquote`: quoted strings in Go's messages, template constants.
public enum GoQuote {
    /// Quotes `s` with Go escapes (`\n`, `\x1b`, `\u2028`); `mark` is `"` or `'`.
    public static func quote(_ s: String, mark: Unicode.Scalar = "\"") -> String {
        var out = String.UnicodeScalarView()
        out.append(mark)
        for scalar in s.unicodeScalars {
            switch scalar {
            case mark, "\\": out.append("\\"); out.append(scalar)
            case "\u{07}": out.append(contentsOf: "\\a".unicodeScalars)
            case "\u{08}": out.append(contentsOf: "\\b".unicodeScalars)
            case "\u{0C}": out.append(contentsOf: "\\f".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\u{0B}": out.append(contentsOf: "\\v".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append(contentsOf: "\\x".unicodeScalars)
                    out.append(contentsOf: hex(scalar.value, digits: 2, uppercase: false).unicodeScalars)
                } else if isPrintable(scalar) {
                    out.append(scalar)
                } else {
                    let wide = scalar.value > 0xFFFF
                    out.append(contentsOf: (wide ? "\\U" : "\\u").unicodeScalars)
                    out.append(contentsOf: hex(scalar.value, digits: wide ? 8 : 4, uppercase: false).unicodeScalars)
                }
            }
        }
        out.append(mark)
        return String(out)
    }

    /// An approximation of Go's `unicode.IsPrint` for non-ASCII scalars.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value != 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        case .spaceSeparator: return false
        default: return true
        }
    }

    public static func hex(_ value: UInt32, digits: Int, uppercase: Bool) -> String {
        let h = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - h.count)) + h
    }

    /// Unquotes a Go string (`"…"`), raw string (`` `…` ``) or character (`'…'`) literal; nil if malformed.
    public static func unquote(_ literal: String) -> String? {
        let scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, let mark = scalars.first, scalars.last == mark else { return nil }
        let body = scalars[1..<(scalars.count - 1)]
        if mark == "`" { return String(String.UnicodeScalarView(body.filter { $0 != "\r" })) }
        guard mark == "\"" || mark == "'" else { return nil }
        var out = String.UnicodeScalarView()
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            i += 1
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard i < body.endIndex else { return nil }
            let e = body[i]
            i += 1
            switch e {
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "\\": out.append("\\")
            case "\"" where mark == "\"", "'" where mark == "'": out.append(e)
            case "x", "u", "U", "0"..."7":
                let octal = e.value >= 0x30 && e.value <= 0x37
                let count = octal ? 2 : e == "x" ? 2 : e == "u" ? 4 : 8
                guard i + count <= body.endIndex else { return nil }
                let digits = String(String.UnicodeScalarView(body[i..<(i + count)]))
                i += count
                guard let value = UInt32(octal ? String(e) + digits : digits, radix: octal ? 8 : 16),
                      let scalar = Unicode.Scalar(value) else { return nil }
                out.append(scalar)
            default:
                return nil
            }
        }
        return String(out)
    }
}
