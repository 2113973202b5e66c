import Foundation
import Models

/// A cron schedule as Kapacitor reads `query(...).cron(...)` (gorhill/cronexpr): 5 fields
/// (minute hour day-of-month month day-of-week), 6 (plus year) or 7 (second first, year last),
/// `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@hourly`; lists, ranges, `*/n`,
/// `a/n`, `a-b/n`, month and weekday names, `?`, `L` (last day of the month), `15W` (the weekday
/// nearest the 15th), `LW`, `5L` (last Friday) and `1#2` (second Monday). When both day fields are restricted a day matching either fires.
public struct CronExpression: Sendable, Equatable {
    var seconds: [Int] = [0]
    var minutes: [Int] = []
    var hours: [Int] = []
    var daysOfMonth: Set<Int> = []
    var lastDayOfMonth = false
    /// `LW`: the last weekday of the month.
    var lastWorkdayOfMonth = false
    /// `15W`: the weekday nearest these days.
    var workdays: Set<Int> = []
    var daysOfMonthRestricted = false
    var months: [Int] = []
    var daysOfWeek: Set<Int> = []
    /// `5L`: weekdays whose last occurrence in the month fires.
    var lastWeekdays: Set<Int> = []
    /// `1#2`: (weekday, week) pairs, week 1…5.
    var nthWeekdays: Set<Int> = []
    var daysOfWeekRestricted = false
    var years: [Int] = Array(1970...2099)

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String: Int]
        var maxDigits = 2
    }

    private static let second = Field(name: "second", range: 0...59, names: [:])
    private static let minute = Field(name: "minute", range: 0...59, names: [:])
    private static let hour = Field(name: "hour", range: 0...23, names: [:])
    private static let dayOfMonth = Field(name: "day-of-month", range: 1...31, names: [:])
    private static let month = Field(name: "month", range: 1...12, names: [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "september": 9, "oct": 10,
        "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ])
    private static let dayOfWeek = Field(name: "day-of-week", range: 0...6, names: [
        "sun": 0, "sunday": 0, "mon": 1, "monday": 1, "tue": 2, "tuesday": 2, "wed": 3, "wednesday": 3, "thu": 4,
        "thursday": 4, "fri": 5, "friday": 5, "sat": 6, "saturday": 6, "7": 0,
    ])
    private static let year = Field(name: "year", range: 1970...2099, names: [:], maxDigits: 4)

    /// Parses `text`; the errors are cronexpr's.
    public init(_ text: String) throws(EngineError) {
        var normalized = text
        for (macro, expansion) in [
            ("@yearly", "0 0 0 1 1 * *"), ("@annually", "0 0 0 1 1 * *"), ("@monthly", "0 0 0 1 * * *"),
            ("@weekly", "0 0 0 * * 0 *"), ("@daily", "0 0 0 * * * *"), ("@hourly", "0 0 * * * * *"),
        ] {
            normalized = normalized.replacingOccurrences(of: macro, with: expansion)
        }
        var fields = normalized.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        guard fields.count >= 5 else { throw .invalid("missing field(s)") }
        if fields.count > 7 { fields = Array(fields.prefix(7)) }
        if fields.count == 7 { seconds = try Self.values(fields.removeFirst(), Self.second) }
        minutes = try Self.values(fields[0], Self.minute)
        hours = try Self.values(fields[1], Self.hour)
        try parseDaysOfMonth(fields[2])
        months = try Self.values(fields[3], Self.month)
        try parseDaysOfWeek(fields[4])
        if fields.count > 5 { years = try Self.values(fields[5], Self.year) }
    }

    private enum Directive {
        case all
        case values([Int])
        case unknown(String)
    }

    private static func directives(_ text: String, _ field: Field) throws(EngineError) -> [Directive] {
        let entries = text.split(separator: ",").map { $0.lowercased() }
        guard !entries.isEmpty else { throw .invalid("\(field.name) field: missing directive") }
        var directives: [Directive] = []
        for entry in entries {
            if entry == "*" || entry == "?" {
                directives.append(.all)
                continue
            }
            var body = Substring(entry)
            var step = 1
            var hasStep = false
            if let slash = entry.firstIndex(of: "/") {
                let stepText = entry[entry.index(after: slash)...]
                guard !stepText.isEmpty, stepText.allSatisfy(\.isNumber), let parsed = Int(stepText) else {
                    directives.append(.unknown(entry))
                    continue
                }
                step = parsed
                hasStep = true
                body = entry[..<slash]
            }
            let bounds: (Int, Int)?
            if body == "*" && hasStep {
                bounds = (field.range.lowerBound, field.range.upperBound)
            } else if let dash = body.firstIndex(of: "-"), let first = value(body[..<dash], field),
                let last = value(body[body.index(after: dash)...], field) {
                bounds = (first, last)
            } else if let single = value(body, field) {
                bounds = hasStep ? (single, field.range.upperBound) : (single, single)
            } else {
                bounds = nil
            }
            guard let (first, last) = bounds else {
                directives.append(.unknown(entry))
                continue
            }
            if hasStep && (step < 1 || step > field.range.upperBound) { throw .invalid("invalid interval \(entry)") }
            directives.append(.values(first <= last ? Array(stride(from: first, through: last, by: step)) : []))
        }
        return directives
    }

    private static func value(_ text: Substring, _ field: Field) -> Int? {
        if let named = field.names[String(text)] { return named }
        guard !text.isEmpty, text.count <= field.maxDigits, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(text) else { return nil }
        if field.name == "day-of-week" { return number == 7 ? 0 : (field.range.contains(number) ? number : nil) }
        return field.range.contains(number) ? number : nil
    }

    private static func values(_ text: String, _ field: Field) throws(EngineError) -> [Int] {
        var set = Set<Int>()
        for directive in try directives(text, field) {
            switch directive {
            case .all: return Array(field.range)
            case .values(let values): set.formUnion(values)
            case .unknown(let entry): throw .invalid("syntax error in \(field.name) field: '\(entry)'")
            }
        }
        return set.sorted()
    }

    private mutating func parseDaysOfMonth(_ text: String) throws(EngineError) {
        daysOfMonthRestricted = true
        for directive in try Self.directives(text, Self.dayOfMonth) {
            switch directive {
            case .all: daysOfMonthRestricted = false
            case .values(let values): daysOfMonth.formUnion(values)
            case .unknown(let entry):
                if entry == "l" {
                    lastDayOfMonth = true
                } else if entry == "lw" {
                    lastWorkdayOfMonth = true
                } else if entry.hasSuffix("w"), let day = Self.value(entry.dropLast(), Self.dayOfMonth) {
                    workdays.insert(day)
                } else {
                    throw .invalid("syntax error in day-of-month field: '\(entry)'")
                }
            }
        }
    }

    private mutating func parseDaysOfWeek(_ text: String) throws(EngineError) {
        daysOfWeekRestricted = true
        for directive in try Self.directives(text, Self.dayOfWeek) {
            switch directive {
            case .all: daysOfWeekRestricted = false
            case .values(let values): daysOfWeek.formUnion(values.map { $0 % 7 })
            case .unknown(let entry):
                if entry.hasSuffix("l"), let day = Self.value(entry.dropLast(), Self.dayOfWeek) {
                    lastWeekdays.insert(day)
                } else if let hash = entry.firstIndex(of: "#"), let day = Self.value(entry[..<hash], Self.dayOfWeek),
                    let week = Int(entry[entry.index(after: hash)...]), (1...5).contains(week) {
                    nthWeekdays.insert((week - 1) * 7 + day)
                } else {
                    throw .invalid("syntax error in day-of-week field: '\(entry)'")
                }
            }
        }
    }

    /// The days of `month` in `year` that fire.
    func days(year: Int, month: Int) -> [Int] {
        let count = daysIn(year: year, month: month)
        if !daysOfMonthRestricted && !daysOfWeekRestricted { return Array(1...count) }
        var days = Set<Int>()
        if daysOfMonthRestricted {
            if lastDayOfMonth { days.insert(count) }
            if lastWorkdayOfMonth { days.insert(workday(count, year: year, month: month, count: count)) }
            days.formUnion(daysOfMonth.filter { $0 <= count })
            for day in workdays where day <= count { days.insert(workday(day, year: year, month: month, count: count)) }
        }
        if daysOfWeekRestricted {
            let firstWeekday = weekday(days: civilDays(year: year, month: month, day: 1))
            for day in 1...count {
                let weekday = (firstWeekday + day - 1) % 7
                if daysOfWeek.contains(weekday) { days.insert(day) }
                if lastWeekdays.contains(weekday) && day + 7 > count { days.insert(day) }
                if nthWeekdays.contains((day - 1) / 7 * 7 + weekday) { days.insert(day) }
            }
        }
        return days.sorted()
    }

    /// The weekday nearest `day`: a Saturday moves to Friday (Monday on the 1st), a Sunday to
    /// Monday (Friday on the last day).
    private func workday(_ day: Int, year: Int, month: Int, count: Int) -> Int {
        switch weekday(days: civilDays(year: year, month: month, day: day)) {
        case 6: day > 1 ? day - 1 : day + 2
        case 0: day < count ? day + 1 : day - 2
        default: day
        }
    }

    /// The first time after `time` (in whole seconds, strictly later) that the schedule fires,
    /// reading the fields in `zone`; nil when it never fires again.
    public func next(after time: Timestamp, in zone: TimeZone) -> Timestamp? {
        let from = floorDivide(time, 1_000_000_000) + 1
        let local = from + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(from))))
        let day = floorDivide(local, 86_400)
        let (y, mo, d) = civilDate(fromDays: day)
        let secondOfDay = Int(local - day * 86_400)
        let (h, mi, s) = (secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        for year in years where year >= y {
            let boundYear = year == y
            for month in months where !boundYear || month >= mo {
                let boundMonth = boundYear && month == mo
                for dayOfMonth in days(year: year, month: month) where !boundMonth || dayOfMonth >= d {
                    let boundDay = boundMonth && dayOfMonth == d
                    let dayStart = civilDays(year: year, month: month, day: dayOfMonth) * 86_400
                    for hour in hours where !boundDay || hour >= h {
                        let boundHour = boundDay && hour == h
                        for minute in minutes where !boundHour || minute >= mi {
                            let boundMinute = boundHour && minute == mi
                            for second in seconds where !boundMinute || second >= s {
                                let wall = dayStart + Int64(hour * 3600 + minute * 60 + second)
                                let guess = wall - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall))))
                                let utc = wall - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess))))
                                if utc >= from { return utc * 1_000_000_000 }
                            }
                        }
                    }
                }
            }
        }
        return nil
    }
}

func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
func civilDays(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// 0 for Sunday … 6 for Saturday.
func weekday(days: Int64) -> Int { Int(((days % 7) + 11) % 7) }

func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}
