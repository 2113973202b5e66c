/// Query strings as Go's `url.Values.Encode` writes them: keys in the given order, every byte
/// but the unreserved ones percent-encoded (so `+` is never read back as a space).
enum URLEncoding {
    /// `key=value` pairs joined by `&`, skipping pairs with an empty value.
    static func query(_ pairs: [(String, String)]) -> String {
        var text = ""
        for (key, value) in pairs where !value.isEmpty {
            if !text.isEmpty { text += "&" }
            append(key, to: &text)
            text += "="
            append(value, to: &text)
        }
        return text
    }

    static func append(_ component: String, to text: inout String) {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.utf8.count)
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            }
        }
        text += String(decoding: bytes, as: UTF8.self)
    }
}
