extension Timestamp {
    /// The time as Go's `time.RFC3339Nano` writes it in UTC: `2026-03-03T12:28:11.1234Z`, trailing
    /// zeros of the fraction dropped, no fraction when it is zero.
    public var rfc3339Nano: String {
        var output: [UInt8] = []
        output.reserveCapacity(30)
        appendRFC3339Nano(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `rfc3339Nano` to a byte buffer without building intermediate strings.
    public func appendRFC3339Nano(to output: inout [UInt8]) {
        var seconds = self / 1_000_000_000
        var nanos = self % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(fromDays: days)
        if year < 0 {
            output.append(UInt8(ascii: "-"))
        }
        appendDigits(abs(year), width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &output)
        if nanos != 0 {
            output.append(UInt8(ascii: "."))
            var width = 9
            var fraction = nanos
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            appendDigits(fraction, width: width, to: &output)
        }
        output.append(UInt8(ascii: "Z"))
    }

    /// Parses an RFC 3339 time with optional fraction and a `Z` or `±hh:mm` offset; nil when
    /// malformed or outside the years 1678 to 2262 that nanoseconds in an Int64 can hold.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116,
              bytes[13] == 58, bytes[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if index < bytes.count && bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case 90, 122:
            index += 1
        case 43, 45:
            guard let hours = number(index + 1, 2), bytes.count > index + 3, bytes[index + 3] == 58,
                  let minutes = number(index + 4, 2) else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        self = scaled + nanos
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
public func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

func appendDigits(_ value: Int64, width: Int, to output: inout [UInt8]) {
    var digits: [UInt8] = []
    var remaining = value
    repeat {
        digits.append(UInt8(48 + remaining % 10))
        remaining /= 10
    } while remaining > 0
    for _ in digits.count..<max(width, digits.count) { output.append(48) }
    output.append(contentsOf: digits.reversed())
}
