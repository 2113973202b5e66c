/// Go's `time.Time` (UTC only) and `time.Duration` printing: `String()`, RFC 3339 and `Format`
/// layouts, done with integer arithmetic (no Foundation).
struct GoTime {
    var year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int
    /// 0 = Sunday.
    var weekday: Int
    /// 1-based day of the year.
    var yearDay: Int

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    init(nanoseconds: Int64) {
        let (secs, nanos) = nanoseconds.floorDivided(by: 1_000_000_000)
        let (days, secOfDay) = secs.floorDivided(by: 86_400)
        nanosecond = Int(nanos)
        hour = Int(secOfDay / 3600)
        minute = Int(secOfDay / 60 % 60)
        second = Int(secOfDay % 60)
        weekday = Int((days + 4).floorDivided(by: 7).remainder)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097).quotient
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = Int(doy - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        yearDay = cumulative[month - 1] + day + (leap && month > 2 ? 1 : 0)
    }

    /// `time.Time.String()`: `2006-01-02 15:04:05.999999999 +0000 UTC`.
    static func string(_ nanoseconds: Int64) -> String {
        GoTime(nanoseconds: nanoseconds).dateTime(separator: " ") + " +0000 UTC"
    }

    /// RFC 3339 with trimmed nanoseconds, as `encoding/json` writes times.
    static func rfc3339Nano(_ nanoseconds: Int64) -> String {
        GoTime(nanoseconds: nanoseconds).dateTime(separator: "T") + "Z"
    }

    /// `2006-01-02T15:04:05.999999999` with the given date/time separator.
    private func dateTime(separator: String) -> String {
        let p = GoTime.pad
        var out = p(year, 4, "0") + "-" + p(Int64(month), 2, "0") + "-" + p(Int64(day), 2, "0") + separator
        out += p(Int64(hour), 2, "0") + ":" + p(Int64(minute), 2, "0") + ":" + p(Int64(second), 2, "0")
        if nanosecond > 0 {
            var frac = p(Int64(nanosecond), 9, "0")
            while frac.last == "0" { frac.removeLast() }
            out += "." + frac
        }
        return out
    }

    /// `time.Time.Format(layout)` for a UTC time: every Go layout element.
    static func format(_ nanoseconds: Int64, layout: String) -> String {
        let t = GoTime(nanoseconds: nanoseconds)
        var out = ""
        var rest = Substring(layout)
        while !rest.isEmpty {
            if let (element, length) = t.element(at: rest) {
                out += element
                rest = rest.dropFirst(length)
            } else {
                out.append(rest.removeFirst())
            }
        }
        return out
    }

    private static func pad(_ value: Int64, _ width: Int, _ fill: Character = "0") -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: fill, count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// The rendering of the layout element at the start of `s` and its length in characters.
    private func element(at s: Substring) -> (String, Int)? {
        let p = GoTime.pad
        let table: [(String, () -> String)] = [
            ("January", { GoTime.monthNames[month - 1] }), ("Jan", { String(GoTime.monthNames[month - 1].prefix(3)) }),
            ("Monday", { GoTime.dayNames[weekday] }), ("Mon", { String(GoTime.dayNames[weekday].prefix(3)) }),
            ("MST", { "UTC" }), ("2006", { p(year, 4, "0") }), ("002", { p(Int64(yearDay), 3, "0") }),
            ("__2", { p(Int64(yearDay), 3, " ") }), ("01", { p(Int64(month), 2, "0") }),
            ("02", { p(Int64(day), 2, "0") }), ("_2", { p(Int64(day), 2, " ") }), ("06", { p(year % 100, 2, "0") }),
            ("15", { p(Int64(hour), 2, "0") }), ("03", { p(Int64(hour % 12 == 0 ? 12 : hour % 12), 2, "0") }),
            ("04", { p(Int64(minute), 2, "0") }), ("05", { p(Int64(second), 2, "0") }),
            ("-07:00:00", { "+00:00:00" }), ("-070000", { "+000000" }), ("-07:00", { "+00:00" }),
            ("-0700", { "+0000" }), ("-07", { "+00" }), ("Z07:00:00", { "Z" }), ("Z070000", { "Z" }),
            ("Z07:00", { "Z" }), ("Z0700", { "Z" }), ("Z07", { "Z" }), ("PM", { hour >= 12 ? "PM" : "AM" }),
            ("pm", { hour >= 12 ? "pm" : "am" }), ("1", { String(month) }), ("2", { String(day) }),
            ("3", { String(hour % 12 == 0 ? 12 : hour % 12) }), ("4", { String(minute) }), ("5", { String(second) }),
        ]
        if let first = s.first, first == "." || first == ",", let frac = fraction(at: s) { return frac }
        for (token, render) in table where s.hasPrefix(token) {
            // "Jan"/"Mon" must not match the start of a longer lower-case word (Go's startsWithLowerCase).
            if token == "Jan" || token == "Mon", let next = s.dropFirst(3).first, next.isLowercase { continue }
            return (render(), token.count)
        }
        return nil
    }

    /// `.000`/`,000` (fixed) and `.999`/`,999` (trimmed) fractional seconds, only after seconds digits.
    private func fraction(at s: Substring) -> (String, Int)? {
        let digits = s.dropFirst().prefix { $0 == "0" || $0 == "9" }
        guard let digit = digits.first, digits.allSatisfy({ $0 == digit }),
              !(s.dropFirst(1 + digits.count).first?.isNumber ?? false) else { return nil }
        let all = GoTime.pad(Int64(nanosecond), 9)
        var shown = String(all.prefix(digits.count))
        if digit == "9" {
            while shown.last == "0" { shown.removeLast() }
            return (shown.isEmpty ? "" : String(s.first!) + shown, 1 + digits.count)
        }
        return (String(s.first!) + shown, 1 + digits.count)
    }

    /// `time.Duration.String()`: `1h2m3.5s`, `1.5µs`, `0s`.
    static func durationString(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        var u = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        if u < 1_000_000_000 {
            let (unit, scale): (String, UInt64) = u < 1000 ? ("ns", 1) : u < 1_000_000 ? ("µs", 1000) : ("ms", 1_000_000)
            return sign + fractional(u, scale: scale) + unit
        }
        var out = fractional(u % 60_000_000_000, scale: 1_000_000_000) + "s"
        u /= 60_000_000_000
        if u > 0 {
            out = String(u % 60) + "m" + out
            u /= 60
            if u > 0 { out = String(u) + "h" + out }
        }
        return sign + out
    }

    /// `value / scale` with the fraction's trailing zeros trimmed.
    private static func fractional(_ value: UInt64, scale: UInt64) -> String {
        var out = String(value / scale)
        var frac = value % scale
        guard frac > 0 else { return out }
        var width = String(scale).count - 1
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        let digits = String(frac)
        out += "." + String(repeating: "0", count: width - digits.count) + digits
        return out
    }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var q = self / divisor, r = self % divisor
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}
