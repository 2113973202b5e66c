/// Go's `encoding/json` marshalling of template values, as Kapacitor's `json` function writes it:
/// struct fields in order, map keys sorted, `<>&` escaped, shortest floats, RFC 3339 times,
/// durations as integer nanoseconds.
enum GoJSON {
    /// The compact JSON text, or nil when Go's encoder would fail (NaN or infinite floats).
    static func encode(_ value: TemplateValue) -> String? {
        var out = ""
        return append(value, to: &out) ? out : nil
    }

    private static func append(_ value: TemplateValue, to out: inout String) -> Bool {
        switch value {
        case .string(let s): appendString(s, to: &out)
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { return false }
            out += GoFloat.json(f)
        case .bool(let b): out += b ? "true" : "false"
        case .time(let ns): appendString(GoTime.rfc3339Nano(ns), to: &out)
        case .duration(let ns): out += String(ns)
        case .null: out += "null"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                guard append(item, to: &out) else { return false }
            }
            out += "]"
        case .map(let map):
            return appendObject(map.keys, map.values, to: &out)
        case .object(let object):
            return appendObject(object.names, object.values, to: &out)
        }
        return true
    }

    private static func appendObject(_ keys: [String], _ values: [TemplateValue], to out: inout String) -> Bool {
        out += "{"
        for i in keys.indices {
            if i > 0 { out += "," }
            appendString(keys[i], to: &out)
            out += ":"
            guard append(values[i], to: &out) else { return false }
        }
        out += "}"
        return true
    }

    private static func appendString(_ s: String, to out: inout String) {
        var s = s
        let escaped = s.withUTF8(escape)
        out += "\""
        if let escaped { out += String(decoding: escaped, as: UTF8.self) } else { out += s }
        out += "\""
    }

    /// The escaped bytes of a JSON string's contents (`<`, `>`, `&`, U+2028, U+2029 and control
    /// characters other than `\b \f \n \r \t` as `\uXXXX`); nil when no byte needs an escape.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 { break }
            index += 1
        }
        guard index < bytes.count else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4 + 8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
        func escaped(_ letter: UInt8) {
            out.append(UInt8(ascii: "\\"))
            out.append(letter)
        }
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped(byte)
            case UInt8(ascii: "\n"): escaped(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): escaped(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): escaped(UInt8(ascii: "t"))
            case 0x08: escaped(UInt8(ascii: "b"))
            case 0x0C: escaped(UInt8(ascii: "f"))
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                escaped(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hex(byte >> 4))
                out.append(hex(byte & 15))
            case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] | 1) == 0xA9:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                escaped(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "2"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "2"))
                out.append(bytes[index + 1] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                index += 2
            default: out.append(byte)
            }
        }
        return out
    }
}
