/// TICKscript's duration literals (`10s`, `5m`, `1w`), read and written as InfluxQL's
/// `ParseDuration` and `FormatDuration` do.
public enum DurationLiteral {
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("w", 7 * 86_400_000_000_000), ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
        ("s", 1_000_000_000), ("ms", 1_000_000), ("u", 1_000), ("ns", 1),
    ]

    /// The nanoseconds of `text`: integers each followed by a unit (`ns u µ ms s m h d w`), an
    /// optional leading `-`; nil when invalid.
    public static func nanoseconds(_ text: String) -> Int64? {
        var scalars = Substring(text).unicodeScalars[...]
        guard scalars.count >= 2 else { return nil }
        let negative = scalars.first == "-"
        if negative { scalars = scalars.dropFirst() }
        var total: Int64 = 0
        while !scalars.isEmpty {
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            scalars = scalars.dropFirst(digits.count)
            guard !digits.isEmpty, let count = Int64(String(String.UnicodeScalarView(digits))),
                  let first = scalars.first
            else { return nil }
            let second = scalars.dropFirst().first
            let scale: Int64
            switch first {
            case "n" where second == "s": scale = 1
            case "u", "µ": scale = 1_000
            case "m" where second == "s": scale = 1_000_000
            case "m": scale = 60_000_000_000
            case "s": scale = 1_000_000_000
            case "h": scale = 3_600_000_000_000
            case "d": scale = 86_400_000_000_000
            case "w": scale = 7 * 86_400_000_000_000
            default: return nil
            }
            scalars = scalars.dropFirst(second == "s" && (first == "n" || first == "m") ? 2 : 1)
            let (product, overflow) = count.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            total = total &+ product
        }
        return negative ? -total : total
    }

    /// The literal of `nanoseconds` in the largest unit that divides it (`0s`, `90s`, `2w`, `1500ns`).
    public static func format(_ nanoseconds: Int64) -> String {
        guard nanoseconds != 0 else { return "0s" }
        let unit = units.first { nanoseconds % $0.nanoseconds == 0 } ?? ("ns", 1)
        return String(nanoseconds / unit.nanoseconds) + unit.suffix
    }
}
