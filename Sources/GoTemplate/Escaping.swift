import GoEncoding

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
    /// A string without such a byte is appended whole, else its escaped form is built in one
    /// allocation and appended.
    static func appendHTMLTemplate(_ s: String, to out: inout String) {
        var s = s
        let escaped = s.withUTF8 { bytes -> String? in
            var index = 0
            while index < bytes.count, htmlEntity(bytes[index]) == nil { index += 1 }
            guard index < bytes.count else { return nil }
            let clean = index
            var length = clean
            for byte in UnsafeBufferPointer(rebasing: bytes[clean...]) { length += htmlEntity(byte)?.utf8.count ?? 1 }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var written = clean
                _ = buffer.initialize(from: UnsafeBufferPointer(rebasing: bytes[..<clean]))
                for byte in UnsafeBufferPointer(rebasing: bytes[clean...]) {
                    if let entity = htmlEntity(byte) {
                        for unit in entity.utf8 {
                            buffer[written] = unit
                            written += 1
                        }
                    } else {
                        buffer[written] = byte
                        written += 1
                    }
                }
                return written
            }
        }
        out += escaped ?? s
    }

    /// What html/template prints for `byte` in HTML text, or nil when it prints the byte itself.
    @inline(__always)
    private static func htmlEntity(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): "&#34;"
        case UInt8(ascii: "'"): "&#39;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "+"): "&#43;"
        case 0: "\u{FFFD}"
        default: nil
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
