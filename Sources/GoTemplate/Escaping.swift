/// The escapers of Go's `html`, `js` and `urlquery` template functions and html/template's
/// escaping of values in HTML text.
enum Escaping {
    /// `template.HTMLEscapeString`: `<` `>` `&` `'` `"` as entities, NUL as U+FFFD.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// html/template's escaping of a value printed in HTML text: as `html`, plus `+` as `&#43;`.
    /// A string without such a byte is appended whole, else its bytes are escaped into one
    /// buffer appended once.
    static func appendHTMLTemplate(_ s: String, to out: inout String) {
        var s = s
        let escaped = s.withUTF8 { bytes -> [UInt8]? in
            var index = 0
            while index < bytes.count, !needsHTMLEscape(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + bytes.count / 2 + 8)
            escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
            for byte in UnsafeBufferPointer(rebasing: bytes[index...]) {
                switch byte {
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&#34;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "+"): escaped.append(contentsOf: "&#43;".utf8)
                case 0: escaped.append(contentsOf: "\u{FFFD}".utf8)
                default: escaped.append(byte)
                }
            }
            return escaped
        }
        if let escaped { out += String(decoding: escaped, as: UTF8.self) } else { out += s }
    }

    @inline(__always)
    private static func needsHTMLEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"), 0: true
        default: false
        }
    }

    /// `template.JSEscapeString`.
    static func js(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + GoQuote.hex(scalar.value, digits: 2, uppercase: true)
                } else if scalar.value >= 0x80 && !GoQuote.isPrintable(scalar) {
                    out += "\\u" + GoQuote.hex(scalar.value, digits: 4, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX`.
    static func urlQuery(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): out += "+"
            default: out += "%" + GoQuote.hex(UInt32(byte), digits: 2, uppercase: true)
            }
        }
        return out
    }
}
