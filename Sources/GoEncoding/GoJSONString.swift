/// A string as Go's `encoding/json` writes it (with `SetEscapeHTML` on, its default), shared by
/// `Models` and `GoTemplate` so that every JSON body and every template's `json` escape alike.
public enum GoJSONString {
    /// Appends `text` as a quoted JSON string: a string that needs no escape is appended whole,
    /// else its escaped form is built in one allocation and appended.
    public static func append(_ text: String, to output: inout String) {
        var text = text
        output += "\""
        if let escaped = text.withUTF8(escaped) { output += escaped } else { output += text }
        output += "\""
    }

    /// The contents of a JSON string of `bytes` as Go's encoder escapes them (`\b \f \n \r \t`,
    /// `\"`, `\\`, other control characters, `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`); nil
    /// when no byte needs an escape.
    static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count, !mayEscape(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let clean = index
        var length = clean
        while index < bytes.count {
            let step = escape(bytes, at: index, into: nil)
            index += step.read
            length += step.written
        }
        return String(unsafeUninitializedCapacity: length) { out in
            guard let base = out.baseAddress, let source = bytes.baseAddress else { return 0 }
            base.update(from: source, count: clean)
            var index = clean
            var written = clean
            while index < bytes.count {
                let step = escape(bytes, at: index, into: base + written)
                index += step.read
                written += step.written
            }
            return written
        }
    }

    /// Escapes the byte at `index` (with the two after it for U+2028 and U+2029) into `out`, or
    /// only measures it when `out` is nil; how many bytes it read and wrote.
    @inline(__always)
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                               into out: UnsafeMutablePointer<UInt8>?) -> (read: Int, written: Int) {
        let byte = bytes[index]
        func short(_ letter: UInt8) -> (read: Int, written: Int) {
            out?[0] = UInt8(ascii: "\\")
            out?[1] = letter
            return (1, 2)
        }
        func unicode(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, read: Int) -> (read: Int, written: Int) {
            if let out {
                out[0] = UInt8(ascii: "\\")
                out[1] = UInt8(ascii: "u")
                out[2] = a
                out[3] = b
                out[4] = c
                out[5] = d
            }
            return (read, 6)
        }
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): return short(byte)
        case UInt8(ascii: "\n"): return short(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): return short(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): return short(UInt8(ascii: "t"))
        case 0x08: return short(UInt8(ascii: "b"))
        case 0x0C: return short(UInt8(ascii: "f"))
        case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
            return unicode(UInt8(ascii: "0"), UInt8(ascii: "0"), hex(byte >> 4), hex(byte & 15), read: 1)
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9:
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            let last = bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")
            return unicode(UInt8(ascii: "2"), UInt8(ascii: "0"), UInt8(ascii: "2"), last, read: 3)
        default:
            out?[0] = byte
            return (1, 1)
        }
    }

    /// Whether `byte` may start an escape.
    @inline(__always)
    private static func mayEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == 0xE2
    }
}
