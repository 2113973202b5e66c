/// TICKscript duration literals: an integer and a unit among `u µ ms s m h d w`.
public enum DurationLiteral {
    /// The duration `text` denotes, or nil.
    public static func parse(_ text: String) -> Duration? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let count = Int64(digits) else { return nil }
        let unit: Int64
        switch text.dropFirst(digits.count) {
        case "ns": unit = 1
        case "u", "µ", "us", "µs": unit = 1_000
        case "ms": unit = 1_000_000
        case "s": unit = 1_000_000_000
        case "m": unit = 60_000_000_000
        case "h": unit = 3_600_000_000_000
        case "d": unit = 86_400_000_000_000
        case "w": unit = 604_800_000_000_000
        default: return nil
        }
        let (nanoseconds, overflow) = count.multipliedReportingOverflow(by: unit)
        return overflow ? nil : .nanoseconds(nanoseconds)
    }

    /// The literal for `duration` in the largest unit that divides it.
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanosecondsValue
        let units: [(String, Int64)] = [
            ("w", 604_800_000_000_000), ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
            ("s", 1_000_000_000), ("ms", 1_000_000), ("u", 1_000),
        ]
        for (name, size) in units where nanoseconds != 0 && nanoseconds % size == 0 { return "\(nanoseconds / size)\(name)" }
        return nanoseconds == 0 ? "0s" : "\(nanoseconds)ns"
    }
}

extension Duration {
    /// The duration in whole nanoseconds (Kapacitor's `time.Duration`), saturating.
    public var nanosecondsValue: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000
    }
}
