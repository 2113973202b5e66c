/// Go's `time.Duration` text form (`1h30m`, `10s`, `1.5s`, `300ms`, `-2us`), which Kapacitor uses in its
/// configuration and JSON.
public enum GoDuration {
    /// Parses a duration as Go's `time.ParseDuration` does; returns nanoseconds, nil when invalid.
    public static func parse(_ text: String) -> Int64? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.elementsEqual("0".utf8) { return 0 }
        guard !bytes.isEmpty else { return nil }
        var total: Double = 0
        while !bytes.isEmpty {
            var whole: Double = 0
            var fraction: Double = 0
            var scale: Double = 1
            var digits = 0
            while let byte = bytes.first, byte >= 48 && byte <= 57 {
                whole = whole * 10 + Double(byte - 48)
                digits += 1
                bytes = bytes.dropFirst()
            }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                while let byte = bytes.first, byte >= 48 && byte <= 57 {
                    scale /= 10
                    fraction += Double(byte - 48) * scale
                    digits += 1
                    bytes = bytes.dropFirst()
                }
            }
            guard digits > 0 else { return nil }
            var unitLength = 0
            for byte in bytes {
                if (byte >= 48 && byte <= 57) || byte == UInt8(ascii: ".") { break }
                unitLength += 1
            }
            let unit = String(decoding: bytes.prefix(unitLength), as: UTF8.self)
            bytes = bytes.dropFirst(unitLength)
            guard let nanos = unitNanoseconds[unit] else { return nil }
            total += (whole + fraction) * nanos
        }
        guard total < 9.223372036854775807e18 else { return nil }
        return negative ? -Int64(total) : Int64(total)
    }

    /// Formats nanoseconds as Go's `Duration.String` does: `1h30m0s`, `1.5s`, `300ms`, `0s`.
    public static func format(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        var text: String
        if magnitude < 1_000_000_000 {
            let (unit, size): (String, UInt64) = magnitude < 1_000 ? ("ns", 1) : magnitude < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            text = decimal(magnitude, size) + unit
        } else {
            let hours = magnitude / 3_600_000_000_000
            let minutes = magnitude / 60_000_000_000 % 60
            let seconds = magnitude % 60_000_000_000
            text = decimal(seconds, 1_000_000_000) + "s"
            if hours > 0 || minutes > 0 { text = "\(minutes)m" + text }
            if hours > 0 { text = "\(hours)h" + text }
        }
        return negative ? "-" + text : text
    }

    private static func decimal(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        var fraction = value % unit
        guard fraction != 0 else { return "\(whole)" }
        var width = String(unit).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: width - digits.count) + digits
    }

    private static let unitNanoseconds: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]
}
